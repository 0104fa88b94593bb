import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { DEBT_SCHEMA, NET_BALANCE_SCHEMA, SETTLEMENT_METHODS, SUPPORT_CLASSES } from '../../domain/partnership/logistics-ledger.js';
import { CONTACT_FUNCTIONS } from '../../services/partnership/points-of-contact.js';
import { boundedDate, boundedDateTime } from '../validation.js';
import { namedOrNull } from '../responses.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const nation = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter nation code');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const email = z.string().trim().max(200).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address');
const phone = z.string().trim().max(40).regex(/^\+?[0-9 ()./-]{5,40}$/, 'must be a phone number such as +1 703 555 0100');

// ——— points of contact ———
export const contactSchema = z.strictObject({
  function: z.enum(CONTACT_FUNCTIONS),
  name: text(200),
  title: optionalText(200),
  organisation: text(300),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  notes: optionalText(2000),
});
export const contactPatchSchema = contactSchema.partial().extend({ active: z.boolean().optional() });
export const contactQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  nation: nation.optional(),
  function: z.enum(CONTACT_FUNCTIONS).optional(),
  includeInactive: bool.optional(),
});

// ——— working groups ———
const uuid = z.string().uuid('must be an id');
export const memberSchema = z.strictObject({
  userId: uuid.optional(),
  name: optionalText(200),
  nation: nation.optional(),
  organisation: optionalText(300),
  email: email.optional(),
  chair: z.boolean().optional(),
});
export const newGroupSchema = z.strictObject({
  arrangementId: text(40),
  name: text(200),
  purpose: optionalText(4000),
  // The code of a co-production program the caller's nation is party to (e.g. IN-LCA-MK2-ENGINE).
  programId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'must be a program code such as IN-LCA-MK2-ENGINE').nullable().optional(),
  members: z.array(memberSchema).max(200).default([]),
});
export const addMembersSchema = z.strictObject({ members: z.array(memberSchema).min(1, 'at least one member').max(200) });
export const newMeetingSchema = z.strictObject({
  title: text(200),
  // An instant with its offset, e.g. 2026-12-03T09:30:00+05:30; the time zone says where it is held.
  startsAt: boundedDateTime,
  timeZone: text(60),
  location: optionalText(300),
  agenda: optionalText(20000),
});
export const meetingPatchSchema = z.strictObject({
  agenda: z.string().max(20000).optional(),
  minutes: z.string().max(50000).optional(),
  attendance: z.array(z.strictObject({ memberId: uuid, present: z.boolean() })).max(400).optional(),
});
export const newActionItemSchema = z.strictObject({
  title: text(500),
  // Required by the rule; optional in the shape so a missing owner is named in a 422.
  ownerMemberId: uuid.optional(),
  meetingId: uuid.optional(),
  dueInWorkingDays: z.number().int('must be a whole number of working days').min(0).max(260).optional(),
  dueDate: boundedDate.optional(),
});
export const actionItemPatchSchema = z.strictObject({ status: z.enum(['open', 'done', 'cancelled']) });
export const groupQuerySchema = z.strictObject({ q: z.string().max(200).optional(), status: z.enum(['active', 'closed']).optional(), overdue: bool.optional() });
export const actionItemQuerySchema = z.strictObject({ q: z.string().max(200).optional(), status: z.enum(['open', 'done', 'cancelled']).optional(), overdue: bool.optional() });

// ——— logistics ledger ———
const amount = z.string().trim().regex(/^\d{1,16}(\.\d{1,3})?$/, 'must be a decimal amount such as 1250.00');
export const newLogisticsOrderSchema = z.strictObject({
  supplyingNation: nation,
  receivingNation: nation,
  supportClass: z.enum(SUPPORT_CLASSES),
  description: text(1000),
  occasion: optionalText(300),
  deliveredOn: boundedDate,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or INR'),
  amount,
  settlementMethod: z.enum(SETTLEMENT_METHODS),
});
export const settlementSchema = z.strictObject({
  amount,
  settledOn: boundedDate,
  method: z.enum(SETTLEMENT_METHODS),
  note: optionalText(1000),
});
export const claimDecisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'dispute']),
  // Required for a dispute (the reasons), optional for a confirmation (a voucher or receipt number).
  note: optionalText(1000),
});
export const logisticsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  status: z.enum(['open', 'settled', 'overdue']).optional(),
  supportClass: z.enum(SUPPORT_CLASSES).optional(),
  nation: nation.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
});

// --- What the logistics ledger sends -----------------------------------------------------------
const money = z.string().openapi({ description: 'The amount formatted in its currency' });

/** Open per direction and currency: who owes whom, the claimed part apart. */
export const grossDebtSchema = DEBT_SCHEMA.extend({ amount: money, claimed: money });

/** What one nation owes the other after setting off the other way, on confirmed settlements. */
export const netBalanceSchema = NET_BALANCE_SCHEMA.extend({ amount: money });

/** One logistics support order, its amounts in minor units and formatted. */
export const logisticsOrderSchema = z
  .strictObject({
    id: z.string(),
    reference: z.string(),
    arrangementId: z.string(),
    supplyingNation: z.string(),
    receivingNation: z.string(),
    supportClass: z.string(),
    description: z.string(),
    occasion: z.string(),
    deliveredOn: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
    amount: money,
    settledMinor: z.number().int().openapi({ description: 'Confirmed settlements' }),
    settled: money,
    claimedMinor: z.number().int().openapi({ description: 'Claimed by the debtor, not yet confirmed by the creditor: still part of open' }),
    claimed: money,
    openMinor: z.number().int().openapi({ description: 'Open on confirmed settlements' }),
    open: money,
    unclaimedMinor: z.number().int().openapi({ description: 'Neither confirmed nor claimed: the most a new settlement may be' }),
    unclaimed: money,
    settlementMethod: z.string(),
    settleBy: z.string(),
    status: z.enum(['open', 'partly_settled', 'settled']),
    overdue: z.boolean(),
  })
  .openapi('LogisticsOrder');

const settlementShape = {
  id: z.string(),
  settledOn: z.string(),
  method: z.string(),
  amountMinor: z.number().int(),
  amount: money,
  note: z.string(),
  status: z.enum(['claimed', 'confirmed', 'disputed']),
  recordedBy: z.string().openapi({ description: 'The nation that recorded the settlement' }),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
  canDecide: z.boolean().openapi({ description: "The creditor's SOSA officers confirm or dispute a claim" }),
};

/** A settlement claim sent from a copy to the order's keeper and not yet applied there (issue #13). */
export const logisticsClaimSentSchema = z
  .strictObject({
    settlementId: z.string().openapi({ description: 'The id the settlement will have on both ledgers once the keeper records it' }),
    amountMinor: z.number().int(),
    amount: money,
    settledOn: z.string(),
    method: z.enum(SETTLEMENT_METHODS),
    note: z.string(),
    sentTo: z.string().openapi({ description: "The supplying nation, whose instance keeps the order" }),
    sentAt: z.string(),
    delivery: z.enum(['pending', 'delivered', 'refused']).openapi({ description: 'pending: not yet taken in by the keeper; delivered: taken in, its answer not yet here; refused: the keeper refused it (refusalReason), and a claim may be sent again' }),
    refusalReason: z.string().nullable(),
  })
  .openapi('LogisticsClaimSent');

/** What the reader may do on the order here: on a copy kept by the supplying nation's instance, the receiving nation's officer's settlement is a claim sent there. */
const orderActions = {
  keptBy: z.string().nullable().openapi({ description: "On a sovereign instance, the supplying nation whose instance keeps the order when this is a copy of it (settled and its claims decided there); null for an order kept here" }),
  canSettle: z.boolean().openapi({ description: "The reader may record a settlement (POST .../settlements): on an order kept here, a SOSA officer of either nation; on a copy kept by the supplying nation's instance, the receiving nation's officer, as a claim sent there, while no claim is on its way" }),
  /** The claim sent from this copy to the order's keeper, not yet applied (null when none). */
  claimSent: namedOrNull(logisticsClaimSentSchema),
};

export const logisticsOrderListItemSchema = logisticsOrderSchema.extend(orderActions).openapi('LogisticsOrderListItem');
export const logisticsOrderListSchema = itemList(logisticsOrderListItemSchema);

export const logisticsOrderDetailSchema = logisticsOrderSchema
  .extend({ ...orderActions, settlements: z.array(z.strictObject(settlementShape)) })
  .openapi('LogisticsOrderDetail');

export const logisticsBalancesSchema = z.strictObject({
  settlementMonths: z.number().int(),
  gross: z.array(grossDebtSchema),
  net: z.array(netBalanceSchema),
  overdue: z.array(logisticsOrderSchema),
  claims: z
    .array(z.strictObject({ ...settlementShape, orderId: z.string(), reference: z.string(), description: z.string(), supplyingNation: z.string(), receivingNation: z.string(), currency: z.string() }))
    .openapi({ description: 'Settlements the debtor recorded that the creditor has not yet confirmed or disputed' }),
});

// --- What the points of contact and working groups send --------------------------------------
export const pointOfContactSchema = z
  .strictObject({
    id: z.string(),
    nation: z.string(),
    function: z.string(),
    name: z.string(),
    title: z.string(),
    organisation: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    notes: z.string(),
    active: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('PointOfContact');
export const pointOfContactListSchema = itemList(pointOfContactSchema);

const groupShape = {
  id: z.string(),
  arrangementId: z.string(),
  nations: z.array(z.string()),
  name: z.string(),
  purpose: z.string(),
  programId: z.string().nullable(),
  status: z.enum(['active', 'closed']),
  createdAt: z.string(),
};

export const actionItemSchema = z
  .strictObject({
    id: z.string(),
    groupId: z.string(),
    groupName: z.string().optional().openapi({ description: 'On the lists across groups' }),
    meetingId: z.string().nullable(),
    title: z.string(),
    ownerMemberId: z.string(),
    ownerName: z.string().optional(),
    ownerNation: z.string(),
    dueDate: z.string(),
    dueAt: z.string(),
    dueBasis: z.unknown().openapi({ description: "How the due date was counted (a date given, or working days from the meeting in the owner's calendar)" }),
    status: z.enum(['open', 'done', 'cancelled']),
    overdue: z.boolean(),
    escalatedAt: z.string().nullable(),
    escalatedTo: z.string().nullable(),
  })
  .openapi('ActionItem');
export const actionItemListSchema = itemList(actionItemSchema);

export const workingGroupListSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      ...groupShape,
      chairs: z.array(z.string()),
      memberCount: z.number().int(),
      openItems: z.number().int(),
      overdueItems: z.number().int(),
      nextMeeting: z.string().nullable(),
      lastMeeting: z.string().nullable(),
    }),
  ),
});

export const workingGroupSchema = z
  .strictObject({
    ...groupShape,
    canEdit: z.boolean().openapi({ description: 'The caller may change the group: here, or on a copy of a group a partner instance holds, by sending the change there (answered 202)' }),
    heldBy: z.string().nullable().openapi({ description: 'null: held by this instance; else the nation whose instance holds the group: this is its copy (issue #13), and a change made here is sent there' }),
    changesSent: z
      .array(
        z.strictObject({
          messageId: z.string(),
          change: z.enum(['add_members', 'create_meeting', 'update_meeting', 'create_action_item', 'set_action_item_status']),
          summary: z.string(),
          sentAt: z.string(),
          sentBy: z.string().nullable(),
          delivery: z.enum(['pending', 'delivered', 'refused']).openapi({ description: "pending: not yet taken in by the holder; delivered: taken in, its answer not yet here; refused: the holder refused it (refusalReason), nothing was applied" }),
          refusalReason: z.string().nullable(),
        }),
      )
      .openapi({ description: 'On a copy: the changes made here and sent to the holder, not yet applied (its answer replaces the copy and removes them); a refused one stays until the next change is sent' }),
    youAreMember: z.boolean(),
    members: z.array(z.strictObject({ id: z.string(), nation: z.string(), userId: z.string().nullable(), name: z.string(), organisation: z.string(), email: z.string().nullable(), chair: z.boolean(), external: z.boolean() })),
    meetings: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        startsAt: z.string(),
        timeZone: z.string(),
        location: z.string(),
        agenda: z.string(),
        minutes: z.string(),
        attendance: z.array(z.strictObject({ memberId: z.string(), name: z.string(), present: z.boolean() })),
      }),
    ),
    actionItems: z.array(actionItemSchema),
  })
  .openapi('WorkingGroup');

export const meetingCreatedSchema = z.strictObject({ id: z.string(), title: z.string(), startsAt: z.string(), timeZone: z.string() });
