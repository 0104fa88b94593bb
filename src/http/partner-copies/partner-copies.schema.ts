import { z } from '@hono/zod-openapi';
import { pageQueryFields } from '../page-query.js';
import { namedOrNull } from '../responses.js';
import { actionSchema } from '../requests/requests.schema.js';

/** Issue #13: the copies of requests this instance holds from its peer instances. */

export const partnerCopyListQuerySchema = z.strictObject({
  peer: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter nation code').optional().openapi({ description: 'Only the copies from this peer instance' }),
  state: z.string().max(60).optional(),
  q: z.string().max(200).optional().openapi({ description: 'Text in the reference or the title' }),
  ...pageQueryFields,
});

const instanceSchema = z.strictObject({
  nation: z.string().nullable().openapi({ description: "This instance's nation; null on a shared deployment" }),
  peers: z.array(z.string()).openapi({ description: 'The nations of the peer instances this one exchanges messages with' }),
});

export const partnerCopySummarySchema = z.strictObject({
  id: z.string().openapi({ description: "The request's id on the peer instance" }),
  reference: z.string(),
  title: z.string(),
  state: z.string(),
  urgency: z.string(),
  workflowId: z.string(),
  fromNation: z.string(),
  toNation: z.string(),
  peer: z.string().openapi({ description: 'The nation of the peer instance the copy came from' }),
  lastReceivedAt: z.string().openapi({ description: 'When the latest message about the request was applied here' }),
  version: z.number().int().openapi({ description: "The request's version as that message carried it" }),
});

export const partnerCopyListSchema = z.strictObject({
  items: z.array(partnerCopySummarySchema),
  total: z.number().int(),
  instance: instanceSchema,
});

const values = z.record(z.string(), z.unknown());
const organisation = z.strictObject({ id: z.string(), name: z.string() });

const answersSchema = z.string().nullable().openapi({ description: 'The hash (messageHash) of the message this one answers, from the other side of the trail, or null' });

const receiptSchema = z
  .strictObject({
    signedBy: z.string().nullable(),
    keyId: z.string().nullable(),
    receivedAt: z.string().nullable(),
    outcome: z.string().nullable(),
    jws: z.string().openapi({ description: 'The receipt as signed (compact JWS): of a received message, the one this instance returned; of a sent one, the one the holder signed, verified against its key when it came' }),
  })
  .openapi('MessageReceipt', { description: 'A signed receipt for a message, kept as evidence that it was received' });

const subjectSchema = z.string().nullable().openapi({ description: 'What the message is about, as it carried it: a shared file by its name, a shared comment by its author and first words; null for the other kinds' });

const trailMessageSchema = z.strictObject({
  messageId: z.string(),
  kind: z.string().openapi({ description: 'e.g. request.shared, request.transition, request.comment' }),
  seq: z.number().int().openapi({ description: "The sender's sequence number towards this instance" }),
  version: z.number().int(),
  sentAt: z.string().nullable().openapi({ description: 'When the peer signed the message (its clock)' }),
  receivedAt: z.string().openapi({ description: 'When this instance applied it' }),
  messageHash: z.string(),
  subject: subjectSchema,
  answers: answersSchema,
  receipt: receiptSchema,
});

const sentMessageSchema = z.strictObject({
  messageId: z.string(),
  kind: z.string().openapi({ description: 'e.g. request.submit, request.step, request.comment' }),
  seq: z.number().int().openapi({ description: "This instance's sequence number towards the holder" }),
  version: z.number().int(),
  sentAt: z.string().openapi({ description: 'When this instance signed the message' }),
  messageHash: z.string(),
  subject: subjectSchema,
  answers: answersSchema,
  delivery: z.enum(['pending', 'delivered', 'refused']).openapi({ description: 'pending: not yet taken in by the holder; delivered: taken in, with its receipt; refused: taken in and refused (refusalReason), with its receipt' }),
  refusalReason: z.string().nullable(),
  receipt: namedOrNull(receiptSchema),
});

/** `POST …/attachments/{attachmentId}/fetch` takes no body; one that is sent must be an empty JSON object. */
export const fetchAgainSchema = z.strictObject({}).openapi('PartnerCopyFetchAgain', { description: 'No body, or {}' });

export const copyAttachmentSchema = z
  .strictObject({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploader: z.strictObject({ displayName: z.string(), nation: z.string(), organisation: z.string().nullable() }),
    createdAt: z.string(),
    transferred: z.boolean().openapi({ description: 'false: the file was larger than a signed message carries (384 KiB) and its content is not held here (see state); its download answers 409' }),
    state: z
      .enum(['transferred', 'fetching', 'refused', 'unavailable'])
      .openapi({ description: "transferred: held here, in its message or fetched since; fetching: being fetched from the holder by its SHA-256 (retried while the holder is unreachable); refused: this instance refused the content it was sent (not the stated size or SHA-256, or larger than it takes); unavailable: the holder does not serve it to this instance" }),
    stateDetail: z.string().nullable().openapi({ description: 'Why it is still being fetched (the last failed attempt), refused or unavailable; null when transferred or not yet tried' }),
    download: z.string().openapi({ description: 'GET it for the file' }),
    fetchAgain: z.string().nullable().openapi({ description: 'POST it to ask the holder for the file again (unavailable, or its content refused); null when the reader may not or it is transferred, being fetched or larger than this instance takes' }),
  })
  .openapi('PartnerCopyAttachment');

export const partnerCopyDetailSchema = z
  .strictObject({
    id: z.string(),
    peer: z.string(),
    version: z.number().int(),
    lastReceivedAt: z.string(),
    request: z.strictObject({
      id: z.string(),
      reference: z.string(),
      title: z.string(),
      fromNation: z.string(),
      toNation: z.string(),
      arrangementId: z.string(),
      workflowId: z.string(),
      state: z.string(),
      urgency: z.string(),
      programId: z.string(),
      requiredBy: z.string().nullable(),
      justification: z.string(),
      classification: z.string(),
      createdAt: z.string().nullable(),
      updatedAt: z.string().nullable(),
    }),
    fields: values.openapi({ description: 'The step fields the peer shares' }),
    supplier: organisation.nullable(),
    assignments: z.array(z.strictObject({ organisation, status: z.string(), details: values })),
    items: z.array(z.strictObject({ lineNo: z.number().int(), partNumber: z.string().nullable(), nsn: z.string().nullable(), description: z.string(), quantity: z.number(), unit: z.string(), requiredDeliveryDate: z.string().nullable() })),
    history: z.array(z.strictObject({ at: z.string(), actorNation: z.string(), actorName: z.string().nullable().openapi({ description: 'The official (or company user) who took the step, by name, as on a shared instance; null when the holder did not name one' }), action: z.string(), fromState: z.string().nullable(), toState: z.string(), fields: values })),
    comments: z.array(z.strictObject({ id: z.string(), author: z.strictObject({ displayName: z.string(), nation: z.string(), organisation: z.string().nullable() }), body: z.string(), createdAt: z.string() })),
    attachments: z
      .array(copyAttachmentSchema)
      .openapi({ description: "The shared files of the holder's officials on the request, as the holder sent them (request.attachment messages)" }),
    contributions: z
      .array(
        z.strictObject({
          id: z.string(),
          kind: z.enum(['comment', 'attachment']),
          visibility: z.enum(['shared', 'internal']),
          body: z.string().nullable().openapi({ description: "A comment's words; null for a file" }),
          file: z
            .strictObject({ filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(), download: z.string().openapi({ description: 'GET it for the file, held here' }) })
            .nullable(),
          author: z.strictObject({ displayName: z.string(), nation: z.string(), organisation: z.string() }),
          createdAt: z.string(),
          state: z
            .enum(['internal', 'pending', 'applied', 'refused'])
            .openapi({ description: "internal: a comment kept on this instance only, never sent; pending: sent to the holder, not yet applied; applied: the holder's answer came, it keeps it as this official's; refused: the holder refused it (refusal)" }),
          appliedAt: z.string().nullable(),
          refusal: z.strictObject({ reason: z.string(), detail: z.string() }).nullable().openapi({ description: "The holder's reason, as its signed refusal receipt gives it" }),
          messageId: z.string().nullable().openapi({ description: 'The request.comment or request.attachment message it went in (see sent); null for an internal comment' }),
        }),
      )
      .openapi({ description: "The comments and files this nation's officials added on the copy (POST /partner-copies/{id}/comments, /attachments), oldest first, with what became of each" }),
    mayContribute: z.boolean().openapi({ description: 'Whether the caller may add a comment or a file on the copy' }),
    trail: z.array(trailMessageSchema).openapi({ description: 'The messages about the request applied here, in the order sent' }),
    sent: z.array(sentMessageSchema).openapi({ description: 'The messages this instance sent the holder about the request (its submission, steps, shared comments), in the order sent, each with the receipt the holder signed' }),
    stepSent: z
      .strictObject({
        messageId: z.string(),
        action: z.string(),
        sentAt: z.string(),
        delivery: z.enum(['pending', 'delivered', 'refused']).openapi({ description: 'pending: not yet taken in by the holder; delivered: taken in, its answer not here yet; refused: the holder refused it (refusalReason)' }),
        refusalReason: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: "A step of this nation's sent to the holder and not yet applied: the copy does not show it until the holder's answer replaces the copy" }),
    actions: z
      .array(actionSchema)
      .openapi({ description: "The requesting nation's steps the caller may send now with POST /partner-copies/{id}/steps, as a request's actions: none while a step is on its way or when the holder is no longer a peer" }),
  })
  .openapi('PartnerCopy');

export const partnerCopyStepSentSchema = z
  .strictObject({
    id: z.string(),
    action: z.string(),
    messageId: z.string().openapi({ description: 'The request.step message sent to the holder' }),
    heldBy: z.string().openapi({ description: 'The nation whose instance holds the request and applies the step' }),
    partnerCopy: z.string().openapi({ description: 'The copy, which shows the step as sent until the holder answers' }),
  })
  .openapi('PartnerCopyStepSent');

export const partnerCopyContributionSentSchema = z
  .strictObject({
    id: z.string().openapi({ description: 'The id of the comment or file, the same on the holder' }),
    kind: z.enum(['comment', 'attachment']),
    visibility: z.enum(['shared', 'internal']),
    state: z.enum(['sent', 'internal']).openapi({ description: 'sent: on its way to the holder, which keeps it as the caller\'s or refuses it; internal: kept on this instance only' }),
    messageId: z.string().nullable().openapi({ description: 'The request.comment or request.attachment message sent to the holder; null for an internal comment' }),
    heldBy: z.string().openapi({ description: 'The nation whose instance holds the request' }),
    size: z.number().int().nullable(),
    sha256: z.string().nullable(),
    partnerCopy: z.string().openapi({ description: 'The copy, which shows it as pending until the holder answers, then applied or refused' }),
  })
  .openapi('PartnerCopyContributionSent');
