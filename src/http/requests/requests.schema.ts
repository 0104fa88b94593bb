import { z } from '@hono/zod-openapi';
import { partnerDeliveriesOf } from '../federation/partner-delivery.schema.js';
import { fieldSpecSchema, URGENCIES } from '../../domain/workflows/workflow-definition.js';
import { newRequestContentSchema } from '../../domain/requests/new-request.js';
import { COMMENT_MAX_CHARS } from '../../domain/requests/comment-limits.js';
import { decodeListCursor } from '../../services/requests/list-cursor.js';
import { pageQueryFields } from '../page-query.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** What POST /requests takes: the domain's one definition, which the `request.submit` message carries too (issue #13). */
export const newRequestSchema = newRequestContentSchema;

export const listQuerySchema = z.strictObject({
  state: z.string().max(60).optional(),
  urgency: z.enum(URGENCIES).optional(),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  q: z.string().max(200).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  queue: z.enum(['mine']).optional(),
  ...pageQueryFields,
  after: z
    .string()
    .max(300)
    .transform((text, ctx) => {
      const cursor = decodeListCursor(text);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'must be a nextCursor of an earlier page' });
      return cursor ?? z.NEVER;
    })
    .optional()
    .openapi({ type: 'string', description: "The previous page's nextCursor: the page after its last row (keyset; use it instead of offset for deep pages). Not with queue=mine." }),
});

export const transitionSchema = z
  .object({ action: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be an action name').max(60) })
  .catchall(z.unknown());

export const commentSchema = z.strictObject({
  body: text(COMMENT_MAX_CHARS),
  visibility: z.enum(['shared', 'internal']).default('shared'),
});

export const idParam = z.object({ id: z.string() });

// ——— what the request routes send ———

const nextDeadlineSchema = z.strictObject({ kind: z.string(), label: z.string(), dueAt: z.string(), overdue: z.boolean() });

/** One row of the requests list (and the head of the detail). */
export const requestSummarySchema = z.strictObject({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  fromNation: z.string(),
  toNation: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  urgency: z.string(),
  programId: z.string(),
  requiredBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  waitingOn: z.string().nullable(),
  waitingOnYou: z.boolean().openapi({ description: "A step that moves the request forward is the caller's to take (the work queue)" }),
  nextDeadline: nextDeadlineSchema.nullable(),
  actions: z.array(z.string()),
});

export const requestListItemSchema = requestSummarySchema.extend({
  partnerPending: z.array(z.string()).openapi({ description: "Sovereign instances: the partner instances that have not yet received the request's latest change (the instance's officials only; [] on a shared deployment)" }),
});

export const requestListSchema = z.strictObject({
  items: z.array(requestListItemSchema),
  total: z.number().int().openapi({ description: 'How many requests match, counted up to 10,000 (then totalCapped)' }),
  totalCapped: z.boolean().openapi({ description: 'More requests match than total says: the count stops at 10,000 so that the list stays fast however many there are' }),
  nextCursor: z.string().nullable().openapi({ description: 'Pass as ?after= for the next page; null on the last page and for the work queue (which pages by offset)' }),
});

const fieldValues = z.record(z.string(), z.unknown());
const person = z.strictObject({ username: z.string(), displayName: z.string(), nation: z.string() });

/** A step the caller may take now, with what its dialog asks (the request's page, and a partner copy's). */
export const actionSchema = z.strictObject({
  action: z.string(),
  label: z.string(),
  tone: z.string(),
  rule: z.string().optional(),
  visibility: z.enum(['shared', 'internal']).openapi({ description: 'internal: the step stays within the acting nation' }),
  pending: z.boolean().openapi({ description: 'The step is the work the request waits on (false: an escape or side step)' }),
  answers: z.strictObject({ action: z.string(), field: z.string() }).optional(),
  fields: z.array(fieldSpecSchema.extend({ default: z.unknown().optional() })),
}).openapi('RequestAction');

const ratedOrderSchema = z.strictObject({
  orderNumber: z.string(),
  supplier: z.strictObject({ id: z.string(), name: z.string() }),
  status: z.string(),
  rating: z.string().nullable(),
  requiredDeliveryDate: z.string(),
  acceptance: z
    .strictObject({
      dueAt: z.string(),
      dueDate: z.string(),
      workingDays: z.number().nullable(),
      hours: z.number().nullable(),
      rule: z.string(),
      calendar: z.strictObject({ nation: z.string(), timeZone: z.string() }),
      workingDaysLeft: z.number().nullable(),
      overdue: z.boolean(),
    })
    .nullable(),
  decision: z.strictObject({ decision: z.string(), decidedAt: z.string(), late: z.boolean(), offeredDeliveryDate: z.string().nullable() }).nullable(),
  promisedDeliveryDate: z.string().nullable(),
  delayReportedAt: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  projectedCompletionDate: z.string().nullable(),
  daysLate: z.number().nullable(),
});

/** One request as the caller may see it: state, deadlines, history and the actions the caller may take now. */
const partnerDeliveriesSchema = partnerDeliveriesOf('request');

export const requestDetailSchema = requestSummarySchema
  .extend({
    arrangementId: z.string(),
    workflowId: z.string(),
    justification: z.string(),
    classification: z.string(),
    fields: fieldValues.openapi({ description: 'The step fields merged from the steps this reader sees' }),
    ratedOrder: ratedOrderSchema.nullable(),
    supplier: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    assignments: z.array(z.strictObject({ organisation: z.strictObject({ id: z.string(), name: z.string() }), status: z.enum(['pending', 'placed', 'accepted', 'declined', 'superseded']), details: fieldValues })),
    programName: z.string().nullable(),
    items: z.array(
      z.strictObject({ lineNo: z.number().int(), partNumber: z.string().nullable(), nsn: z.string().nullable(), description: z.string(), quantity: z.number(), unit: z.string(), requiredDeliveryDate: z.string().nullable() }),
    ),
    deadlines: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.string(),
        label: z.string(),
        nation: z.string(),
        startedAt: z.string(),
        dueAt: z.string(),
        workingDays: z.number().nullable(),
        hours: z.number().nullable(),
        basis: z.record(z.string(), z.unknown()).openapi({ description: 'How the deadline was counted: the rule, the dates and the calendar' }),
        stoppedAt: z.string().nullable(),
        stoppedBy: z.string().nullable(),
        overdueAt: z.string().nullable(),
        escalated: z.boolean(),
        provisional: z.strictObject({ nation: z.string(), years: z.array(z.number().int()), reason: z.string() }).nullable(),
      }),
    ),
    history: z.array(
      z.strictObject({
        id: z.union([z.string(), z.number()]),
        at: z.string(),
        actor: person,
        action: z.string(),
        actionLabel: z.string(),
        fromState: z.string().nullable(),
        toState: z.string(),
        toStateLabel: z.string(),
        fields: fieldValues,
        visibility: z.enum(['shared', 'internal']),
      }),
    ),
    organisationNames: z.record(z.string(), z.string()).openapi({ description: "Names of the companies the visible history's fields refer to by id" }),
    comments: z.array(z.strictObject({ id: z.string(), author: person, nation: z.string(), visibility: z.enum(['shared', 'internal']), body: z.string(), createdAt: z.string() })),
    attachments: z.array(
      z.strictObject({
        id: z.string(),
        filename: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        visibility: z.enum(['shared', 'internal']),
        createdAt: z.string(),
        uploadedBy: z.strictObject({ displayName: z.string(), nation: z.string() }).openapi({ description: "Who attached it: their name (a partner's official's, as the partner's message named them) and nation" }),
      }),
    ),
    filesFromPartners: z
      .array(
        z.strictObject({
          id: z.string(),
          filename: z.string(),
          contentType: z.string(),
          size: z.number().int(),
          sha256: z.string(),
          createdAt: z.string(),
          uploadedBy: z.strictObject({ displayName: z.string(), nation: z.string() }),
          state: z.enum(['fetching', 'refused', 'unavailable']),
          stateDetail: z.string().nullable(),
        }),
      )
      .openapi({ description: "Sovereign instances: files the partner's officials attached on their copy, larger than a message carries, not held here yet: being fetched from the copy's desk (stateDetail: the last failure), refused (not the size or SHA-256 its signed message states, or against this desk's rules for attachments) or not served. Once fetched and checked a file is in attachments" }),
    actions: z.array(actionSchema),
    version: z.number().int(),
    disruptionEvent: z
      .strictObject({ id: z.string(), title: z.string(), status: z.enum(['open', 'closed']) })
      .nullable()
      .openapi({ description: "The disruption event the request was drafted from: shown to the requesting nation's readers of events only" }),
    partnerDelivery: partnerDeliveriesSchema,
  })
  .openapi('RequestDetail');

/** Issue #13: the request's delivery to the partner instances alone, for a page that waits on it (GET /requests/{id}/delivery). */
export const requestDeliverySchema = z.strictObject({ partnerDelivery: partnerDeliveriesSchema }).openapi('RequestDelivery');

/** A company's own refusal closed its line, and with it the request: nothing more is shown. */
export const accessEndedSchema = z.strictObject({ id: z.string(), accessEnded: z.literal(true), actions: z.tuple([]), detail: z.string() });

export const afterStepSchema = z.union([requestDetailSchema, accessEndedSchema]);

export const createdIdSchema = z.strictObject({ id: z.string() });

/** Issue #13: a request sent to the deciding nation's instance, which holds it; here it is a partner copy. */
export const submittedToPeerSchema = z
  .strictObject({
    id: z.string().openapi({ description: "The request's id, the same on both instances" }),
    heldBy: z.string().openapi({ description: 'The nation whose instance holds the request (its toNation)' }),
    partnerCopy: z.string().openapi({ description: 'Where the request is visible on this instance until and after the holder answers: the partner copy (GET /api/v1/partner-copies/{id})' }),
  })
  .openapi('SubmittedToPeer');
export const attachmentReceiptSchema = z.strictObject({ id: z.string(), sha256: z.string(), size: z.number().int() });
