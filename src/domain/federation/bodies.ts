import { z } from 'zod';
import { POSTURES } from '../workflows/posture.js';
import { NATION_CODE } from './message.js';
import { newRequestContentSchema } from '../requests/new-request.js';
import { CONTACT_FUNCTIONS } from '../../contract/words.js';
import { AMOUNT_MAX_MINOR, isDateInBounds } from '../bounds.js';
import { SETTLEMENT_METHODS, SUPPORT_CLASSES } from '../partnership/logistics-ledger.js';
import { logisticsOrderProblem } from '../access/border/logistics.js';
import { SPA_STATUSES } from '../dpas/spa.js';
import type { SpaPartnerView } from '../access/border/spa.js';

/**
 * The bodies of the message kinds a receiver applies other than a request's own projection
 * (issue #13). They are built by the border (domain/access/border comment.ts, posture.ts) and
 * checked here on arrival: a body that does not have this shape is refused, never applied.
 */
export const MESSAGE_KINDS = {
  /** The request as the peer may see it, sent before anything else about it when no step has been. */
  requestShared: 'request.shared',
  /**
   * One shared comment of the sending nation's official on a request: from the holder, on the
   * receiver's copy; from a copy, for the holder to keep as the partner official's (answered by
   * `request.contribution_applied`).
   */
  requestComment: 'request.comment',
  /**
   * One shared attachment of the sending nation's official on a request: its metadata, and its
   * content when it fits (INLINE_ATTACHMENT_BYTES; from a copy, always, for the holder to keep).
   */
  requestAttachment: 'request.attachment',
  /**
   * The request as the peer may see it, answering a shared comment or file its officials added on
   * their copy (`request.comment` / `request.attachment` from the copy): applied by the holder.
   */
  requestContributionApplied: 'request.contribution_applied',
  /** A change of an arrangement's posture. */
  postureSet: 'posture.set',
  /** A new request, submitted on the requesting nation's instance, for the deciding nation's instance to hold. */
  requestSubmit: 'request.submit',
  /** A requesting-side step taken on the requesting nation's instance, for the holder to apply. */
  requestStep: 'request.step',
  /** A point of contact of the sending nation, as it now stands (added, edited, made inactive). */
  contactSet: 'contact.set',
  /** A liaison posting the sending nation makes to the receiving nation, as it now stands. */
  postingSet: 'posting.set',
  /** A logistics order with its settlements, as its supplying nation's instance (which keeps it) now has it. */
  logisticsOrderSet: 'logistics_order.set',
  /** A settlement the receiving nation's official claims on its copy of a logistics order, for the keeper (its supplying nation's instance) to record as a claim. */
  logisticsSettlementClaim: 'logistics_settlement.claim',
  /** The partner view of a Special Priorities Assistance request about the receiving nation's request, as it now stands. */
  spaSet: 'spa.set',
  /** The receiving nation no longer reads an SPA it was sent (its request's order was rejected or replaced). */
  spaUnshared: 'spa.unshared',
  /** A working group the sending instance holds, as it now stands (members, meetings, action items). */
  workingGroupSet: 'working_group.set',
  /** A change the receiving instance's nation made on its copy of a working group the receiver holds, for the holder to apply. */
  workingGroupChange: 'working_group.change',
  /** A thread the sending instance holds, shared with the receiving nation, as it was opened. */
  threadSet: 'thread.set',
  /** One shared message of the sending nation in a thread shared with the receiving nation. */
  threadMessage: 'thread.message',
} as const;

/** Object types of messages other than requests. */
export const ARRANGEMENT_POSTURE_OBJECT = 'arrangement_posture';
export const POINT_OF_CONTACT_OBJECT = 'point_of_contact';
export const LIAISON_POSTING_OBJECT = 'liaison_posting';
export const LOGISTICS_ORDER_OBJECT = 'logistics_order';
export const SPA_REQUEST_OBJECT = 'spa_request';
export const WORKING_GROUP_OBJECT = 'working_group';
export const THREAD_OBJECT = 'thread';
export const THREAD_MESSAGE_OBJECT = 'thread_message';

const requestRefSchema = z.object({ id: z.uuid(), arrangementId: z.string(), fromNation: NATION_CODE, toNation: NATION_CODE });

/** A partner nation's official as a message names them: never a user id or login of the sending instance. */
const namedOfficialSchema = z.strictObject({ displayName: z.string().min(1).max(500), nation: NATION_CODE, organisation: z.string().max(300).nullable() });

export const borderCommentSchema = z.strictObject({
  id: z.uuid(),
  author: namedOfficialSchema,
  visibility: z.literal('shared'),
  body: z.string().min(1).max(20_000),
  createdAt: z.iso.datetime({ offset: true }),
});

export const requestCommentBodySchema = z.strictObject({ request: requestRefSchema, comment: borderCommentSchema });
export type RequestCommentBody = z.infer<typeof requestCommentBodySchema>;

/**
 * The largest file whose content crosses inside its `request.attachment` message (issue #13). A
 * message is a compact JWS of at most 900,000 characters (federation.schema.ts): the content is
 * base64 in the JSON payload (4/3), which the JWS encodes again (4/3), so 384 KiB make about
 * 700,000 characters with room for the rest. A larger file (attachments go up to
 * MAX_ATTACHMENT_BYTES, 10 MiB) crosses as metadata only, `content: null`: the receiver lists it
 * as not transferred.
 */
export const INLINE_ATTACHMENT_BYTES = 384 * 1024;

/** Whether a file of this size crosses inside its message: the one rule its sender, and a copy reading its state, apply. */
export function crossesInline(size: number): boolean {
  return size <= INLINE_ATTACHMENT_BYTES;
}

export const borderAttachmentSchema = z.strictObject({
  id: z.uuid(),
  filename: z.string().min(1).max(200).regex(/^[^/\\\u0000-\u001f]+$/, 'a file name without path or control characters'),
  contentType: z.string().min(1).max(200).regex(/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/),
  size: z.number().int().min(1).max(100 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploader: namedOfficialSchema,
  visibility: z.literal('shared'),
  createdAt: z.iso.datetime({ offset: true }),
  /** The file, base64, when it is at most INLINE_ATTACHMENT_BYTES; else null (not transferred). */
  content: z.string().max(Math.ceil(INLINE_ATTACHMENT_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/).nullable(),
});

/** `request.attachment` (issue #13): one shared attachment of the sending nation's official on a request the receiver holds a copy of. */
export const requestAttachmentBodySchema = z.strictObject({ request: requestRefSchema, attachment: borderAttachmentSchema });
export type RequestAttachmentBody = z.infer<typeof requestAttachmentBodySchema>;

export const borderPostureChangeSchema = z.strictObject({
  id: z.uuid(),
  arrangementId: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/),
  posture: z.enum(POSTURES),
  note: z.string().max(2000),
  setAt: z.iso.datetime({ offset: true }),
  setBy: z.strictObject({ displayName: z.string().min(1).max(500), nation: NATION_CODE }),
});

export const postureSetBodySchema = z.strictObject({ change: borderPostureChangeSchema });
export type PostureSetBody = z.infer<typeof postureSetBodySchema>;


/**
 * `request.submit` (issue #13, README "Sovereign instances"): a request as its submitter's desk
 * took it, sent to the instance of the nation that decides it (its `toNation`), which holds the
 * request from then on. The content is what `POST /requests` takes (one schema for both), with the
 * id the submitter's desk gave it and the arrangement it is under; the submitter is named, never
 * identified by an account of the sending instance.
 */
export const requestSubmitBodySchema = z.strictObject({
  request: newRequestContentSchema.extend({ id: z.uuid(), arrangementId: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/), fromNation: NATION_CODE }),
  submitter: namedOfficialSchema,
  submittedAt: z.iso.datetime({ offset: true }),
  program: z
    .strictObject({ id: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/), name: z.string().min(1).max(300), nation: NATION_CODE, partnerNations: z.array(NATION_CODE).max(50) })
    .optional()
    .describe(
      "The program the request cites, as the submitter's desk registers it: its name and parties. The deciding instance registers a program it does not know from it (a hub's partner's program); one it knows keeps its own record.",
    ),
});
export type RequestSubmitBody = z.infer<typeof requestSubmitBodySchema>;

/**
 * `request.step` (issue #13, README "Sovereign instances"): a step of the requesting nation's
 * (a transition with `side: 'requesting'`: withdraw, resubmit, confirm receipt) taken by its
 * named official on its own instance, where the request is a partner copy, for the holder to
 * apply. The fields are those `POST /requests/{id}/transitions` takes for the action, checked
 * again by the holder against the workflow.
 */
export const requestStepBodySchema = z.strictObject({
  request: requestRefSchema,
  action: z.string().regex(/^[a-z][a-z0-9_]*$/).max(60),
  fields: z.record(z.string(), z.unknown()),
  actor: namedOfficialSchema,
  takenAt: z.iso.datetime({ offset: true }),
});
export type RequestStepBody = z.infer<typeof requestStepBodySchema>;

/**
 * `contact.set` (issue #13): an entry of the sending nation's points-of-contact directory
 * (dpas-sosa-sources.md §2.1, "communication mechanisms") as it stands after a change. The whole
 * entry is shared: both nations of an arrangement read each other's directory. Who typed it in
 * does not cross.
 */
export const borderContactSchema = z.strictObject({
  id: z.uuid(),
  nation: NATION_CODE,
  function: z.enum(CONTACT_FUNCTIONS),
  name: z.string().min(1).max(200),
  title: z.string().max(200),
  organisation: z.string().min(1).max(300),
  email: z.string().max(200).nullable(),
  phone: z.string().max(40).nullable(),
  notes: z.string().max(2000),
  active: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
});

export const contactSetBodySchema = z.strictObject({ contact: borderContactSchema });
export type ContactSetBody = z.infer<typeof contactSetBodySchema>;

/**
 * `posting.set` (issue #13): a liaison officer the sending nation posts to a command of the
 * receiving nation, as the posting stands after a change (dpas-sosa-sources.md §2.1). Both nations
 * read the whole posting with its assignment documents; only the sending nation edits it.
 */
export const borderPostingSchema = z.strictObject({
  id: z.uuid(),
  officer: z.strictObject({ name: z.string().min(1).max(200), rank: z.string().max(100), serviceNumber: z.string().min(1).max(60) }),
  sendingNation: NATION_CODE,
  hostNation: NATION_CODE,
  hostCommand: z.string().min(1).max(300),
  location: z.string().max(300),
  startDate: z.iso.date(),
  endDate: z.iso.date().nullable(),
  status: z.enum(['planned', 'active', 'ended']),
  hostPoc: z.strictObject({ name: z.string().max(200), email: z.string().max(200) }),
  notes: z.string().max(4000),
  documents: z.array(z.strictObject({ title: z.string().min(1).max(300), number: z.string().max(100), issuedOn: z.iso.date().nullable() })).max(50),
});

export const postingSetBodySchema = z.strictObject({ posting: borderPostingSchema });
export type PostingSetBody = z.infer<typeof postingSetBodySchema>;

/**
 * `logistics_order.set` (issue #13): a LEMOA / ACSA logistics order (dpas-sosa-sources.md §3.2)
 * with all its settlements, as the instance that keeps it — its supplying nation's, the creditor
 * (domain/access/border/logistics.ts) — has it after a change: recorded, settled, a claim
 * confirmed or disputed. The receiving nation reads all of it; who recorded or decided a
 * settlement crosses as a nation, never as a user. Totals that do not add up are refused.
 */
const ledgerDate = z.iso.date().refine(isDateInBounds, 'outside the domain bounds');
const ledgerMinor = z.number().int().min(1).max(AMOUNT_MAX_MINOR);
const ledgerTotal = z.number().int().min(0).max(AMOUNT_MAX_MINOR);

export const borderLogisticsSettlementSchema = z.strictObject({
  id: z.uuid(),
  settledOn: ledgerDate,
  method: z.enum(SETTLEMENT_METHODS),
  amountMinor: ledgerMinor,
  note: z.string().max(2000),
  status: z.enum(['claimed', 'confirmed', 'disputed']),
  recordedByNation: NATION_CODE,
  recordedAt: z.iso.datetime({ offset: true }),
  decidedAt: z.iso.datetime({ offset: true }).nullable(),
  decisionNote: z.string().max(2000),
});

export const borderLogisticsOrderSchema = z
  .strictObject({
    id: z.uuid(),
    reference: z.string().regex(/^LSO-[A-Z]{4}-\d{5,}$/),
    arrangementId: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/),
    supplyingNation: NATION_CODE,
    receivingNation: NATION_CODE,
    supportClass: z.enum(SUPPORT_CLASSES),
    description: z.string().min(1).max(2000),
    occasion: z.string().max(300),
    deliveredOn: ledgerDate,
    currency: z.string().regex(/^[A-Z]{3}$/),
    amountMinor: ledgerMinor,
    settledMinor: ledgerTotal,
    claimedMinor: ledgerTotal,
    settlementMethod: z.enum(SETTLEMENT_METHODS),
    settleBy: ledgerDate,
    createdAt: z.iso.datetime({ offset: true }),
    settlements: z.array(borderLogisticsSettlementSchema).max(1000),
  })
  .superRefine((order, issues) => {
    const problem = logisticsOrderProblem(order);
    if (problem) issues.addIssue({ code: 'custom', message: problem });
  });

export const logisticsOrderSetBodySchema = z.strictObject({ order: borderLogisticsOrderSchema });
export type LogisticsOrderSetBody = z.infer<typeof logisticsOrderSetBodySchema>;

/**
 * `logistics_settlement.claim` (issue #13, README "Sovereign instances"): the receiving nation
 * (the debtor) says it settled part or all of an order kept by the supplying nation's instance
 * (the creditor's ledger, domain/access/border/logistics.ts). Its official records it on the
 * debtor's own instance, where the order is a copy; the keeper records it as a claim awaiting
 * its confirmation, by the rules a claim recorded there follows, or refuses it. The settlement's
 * id is given by the sender, so both ledgers name it alike; the official is named, never
 * identified by an account of the sending instance. The amount is in the order's minor units.
 */
export const logisticsSettlementClaimBodySchema = z.strictObject({
  order: z.strictObject({ id: z.uuid(), reference: z.string().regex(/^LSO-[A-Z]{4}-\d{5,}$/), arrangementId: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/), supplyingNation: NATION_CODE, receivingNation: NATION_CODE }),
  settlement: z.strictObject({ id: z.uuid(), amountMinor: ledgerMinor, currency: z.string().regex(/^[A-Z]{3}$/), settledOn: ledgerDate, method: z.enum(SETTLEMENT_METHODS), note: z.string().max(2000) }),
  actor: namedOfficialSchema,
  claimedAt: z.iso.datetime({ offset: true }),
});
export type LogisticsSettlementClaimBody = z.infer<typeof logisticsSettlementClaimBodySchema>;

/**
 * `spa.set` (issue #13): the partner view of a Special Priorities Assistance request (15 CFR
 * 700.50, Form BIS-999) as the border builds it (border/spa.ts `spaPartnerView`), exactly what a
 * partner nation's SOSA officer reads on a shared instance. What the partner view leaves out is
 * null here and nothing else is accepted: a body that carried the company's contact, the problem
 * text, what it tried, an order id of the filer's book or the history is refused, never applied.
 * `requests` are the receiving nation's requests that explain its read (the SPA concerns their
 * rated orders): the receiver holds each of them (its partner copy) or refuses the message.
 */
const DATETIME = z.iso.datetime({ offset: true });
export const borderSpaSchema = z.strictObject({
  id: z.uuid(),
  reference: z.string().min(1).max(60),
  status: z.enum(SPA_STATUSES).exclude(['draft']),
  view: z.literal('partner'),
  nation: NATION_CODE,
  company: z.strictObject({ id: z.uuid(), name: z.string().min(1).max(300) }),
  requester: z.null(),
  customer: z.null(),
  supplier: z.null(),
  orders: z
    .array(
      z.strictObject({
        lineNo: z.number().int().min(1).max(50),
        orderId: z.null(),
        orderNumber: z.string().min(1).max(100),
        rating: z.string().min(1).max(20),
        items: z.string().min(1).max(500),
        quantity: z.number().int().positive().max(1e9),
        requiredDeliveryDate: z.iso.date(),
        promisedDeliveryDate: z.iso.date().nullable(),
      }),
    )
    .min(1)
    .max(50),
  program: z.string().min(1).max(300),
  problem: z.null(),
  attemptsMade: z.null(),
  actionRequested: z.string().min(1).max(2000),
  outcomeNote: z.string().max(5000).nullable(),
  createdAt: DATETIME,
  updatedAt: DATETIME,
  submittedAt: DATETIME.nullable(),
  forwardedAt: DATETIME.nullable(),
  closedAt: DATETIME.nullable(),
  version: z.number().int().min(1),
  actions: z.tuple([]),
  events: z.null(),
});

/** A request an SPA message names: which one, under which arrangement, between which nations. */
export const spaRequestRefSchema = z.strictObject({ id: z.uuid(), arrangementId: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/), fromNation: NATION_CODE, toNation: NATION_CODE });

export const spaSetBodySchema = z.strictObject({ spa: borderSpaSchema, requests: z.array(spaRequestRefSchema).min(1).max(50) });
export type SpaSetBody = z.infer<typeof spaSetBodySchema>;

/**
 * `spa.unshared` (issue #13): the receiving nation no longer reads the SPA (the filer's order on
 * its request was rejected or replaced: border/spa.ts), so its instance drops the partner view it
 * holds. Nothing of the SPA but its id and filing nation crosses; `requests` name the receiving
 * nation's requests it concerned, which the receiver must hold, as for `spa.set`.
 */
export const spaUnsharedBodySchema = z.strictObject({ spa: z.strictObject({ id: z.uuid(), nation: NATION_CODE }), requests: z.array(spaRequestRefSchema).min(1).max(50) });
export type SpaUnsharedBody = z.infer<typeof spaUnsharedBodySchema>;

// The border's partner view (of a filed SPA: a draft never crosses) is what `spa.set` carries:
// the two shapes must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const spaViewIsBody: Same<Omit<SpaPartnerView, 'status'> & { status: Exclude<SpaPartnerView['status'], 'draft'> }, z.infer<typeof borderSpaSchema>> = true;
void spaViewIsBody;
const instant = z.iso.datetime({ offset: true });
const ARRANGEMENT_ID = z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/);

/**
 * `working_group.set` (issue #13): a working group (dpas-sosa-sources.md §2.1) as the instance that
 * holds it — the one of the nation whose officer created it — has it after a change, in the
 * border's shape (domain/access/border/working-group.ts): the whole joint record, never who typed
 * it in or which member is which local account. The receiver replaces its read-only copy with it.
 */
export const borderWorkingGroupSchema = z.strictObject({
  id: z.uuid(),
  arrangementId: ARRANGEMENT_ID,
  name: z.string().min(1).max(200),
  purpose: z.string().max(4000),
  programId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/).nullable(),
  status: z.enum(['active', 'closed']),
  createdAt: instant,
  members: z.array(z.strictObject({ id: z.uuid(), nation: NATION_CODE, name: z.string().min(1).max(200), organisation: z.string().max(300), email: z.string().max(200).nullable(), chair: z.boolean() })).max(1000),
  meetings: z
    .array(
      z.strictObject({
        id: z.uuid(),
        title: z.string().min(1).max(200),
        startsAt: instant,
        timeZone: z.string().min(1).max(60),
        location: z.string().max(300),
        agenda: z.string().max(20_000),
        minutes: z.string().max(50_000),
        attendance: z.array(z.strictObject({ memberId: z.uuid(), present: z.boolean() })).max(1000),
      }),
    )
    .max(1000),
  actionItems: z
    .array(
      z.strictObject({
        id: z.uuid(),
        meetingId: z.uuid().nullable(),
        title: z.string().min(1).max(500),
        ownerMemberId: z.uuid(),
        ownerNation: NATION_CODE,
        dueDate: z.iso.date(),
        dueAt: instant,
        dueBasis: z.record(z.string(), z.unknown()),
        status: z.enum(['open', 'done', 'cancelled']),
        closedAt: instant.nullable(),
        escalatedAt: instant.nullable(),
        escalatedTo: z.string().max(100).nullable(),
      }),
    )
    .max(5000),
});

export const workingGroupSetBodySchema = z.strictObject({ group: borderWorkingGroupSchema });
export type WorkingGroupSetBody = z.infer<typeof workingGroupSetBodySchema>;

/**
 * What the other nation's SOSA officer may change on a working group (as on a shared instance,
 * services/partnership/working-groups/), as it crosses: each part names the group's members,
 * meetings and items by the ids the holder gave them; a member is named with nation and
 * organisation, never as an account of the sending instance.
 */
export const workingGroupChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('add_members'),
    members: z.array(z.strictObject({ name: z.string().min(1).max(200), nation: NATION_CODE, organisation: z.string().max(300), email: z.string().max(200).nullable(), chair: z.boolean() })).min(1).max(200),
  }),
  z.strictObject({ kind: z.literal('create_meeting'), title: z.string().min(1).max(200), startsAt: instant, timeZone: z.string().min(1).max(60), location: z.string().max(300), agenda: z.string().max(20_000) }),
  z.strictObject({
    kind: z.literal('update_meeting'),
    meetingId: z.uuid(),
    agenda: z.string().max(20_000).nullable(),
    minutes: z.string().max(50_000).nullable(),
    attendance: z.array(z.strictObject({ memberId: z.uuid(), present: z.boolean() })).max(400),
  }),
  z.strictObject({
    kind: z.literal('create_action_item'),
    title: z.string().min(1).max(500),
    ownerMemberId: z.uuid(),
    meetingId: z.uuid().nullable(),
    dueInWorkingDays: z.number().int().min(0).max(260).nullable(),
    dueDate: z.iso.date().nullable(),
  }),
  z.strictObject({ kind: z.literal('set_action_item_status'), itemId: z.uuid(), status: z.enum(['open', 'done', 'cancelled']) }),
]);
export type WorkingGroupChange = z.infer<typeof workingGroupChangeSchema>;
export type WorkingGroupChangeKind = WorkingGroupChange['kind'];

/**
 * `working_group.change` (issue #13): a change the receiving instance's nation's SOSA officer made
 * on its copy of a group the receiver holds, named as that official (never an account), for the
 * holder to apply through the same use case a change made there takes, or to refuse.
 */
export const workingGroupChangeBodySchema = z.strictObject({
  group: z.strictObject({ id: z.uuid(), arrangementId: ARRANGEMENT_ID }),
  change: workingGroupChangeSchema,
  actor: namedOfficialSchema,
  takenAt: instant,
});
export type WorkingGroupChangeBody = z.infer<typeof workingGroupChangeBodySchema>;

/**
 * `thread.set` (issue #13): a thread shared by the two nations (on a request both instances hold,
 * a working group, a program, or general; never an internal one), as the instance of the nation
 * that opened it holds it. Its opener is named, never identified by an account.
 */
export const borderThreadSchema = z.strictObject({
  id: z.uuid(),
  subjectKind: z.enum(['request', 'working_group', 'program', 'general']),
  subjectId: z.string().min(1).max(128).nullable(),
  title: z.string().min(1).max(200),
  nations: z.array(NATION_CODE).length(2),
  arrangementId: ARRANGEMENT_ID.nullable(),
  createdBy: z.strictObject({ displayName: z.string().min(1).max(500), nation: NATION_CODE }),
  createdAt: instant,
});

export const threadSetBodySchema = z.strictObject({ thread: borderThreadSchema });
export type ThreadSetBody = z.infer<typeof threadSetBodySchema>;

/**
 * `thread.message` (issue #13): one shared message in such a thread, sent by the instance of its
 * author's nation (each nation speaks for its own words), to be added once to the thread on the
 * other instance. Internal messages never cross; mentions name accounts of the sending instance
 * and do not cross either.
 */
export const threadMessageBodySchema = z.strictObject({
  thread: z.strictObject({ id: z.uuid(), nations: z.array(NATION_CODE).length(2), arrangementId: ARRANGEMENT_ID.nullable() }),
  message: z.strictObject({
    id: z.uuid(),
    author: z.strictObject({ displayName: z.string().min(1).max(500), nation: NATION_CODE, organisation: z.string().max(300).nullable() }),
    visibility: z.literal('shared'),
    body: z.string().min(1).max(8000),
    createdAt: instant,
  }),
});
export type ThreadMessageBody = z.infer<typeof threadMessageBodySchema>;
