import { z } from '@hono/zod-openapi';

/** A compact JWS: three base64url parts (the signature of a message, a receipt, a fetch proof). */
const compactJws = z.string().min(1).max(900_000).regex(/^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/, 'must be a compact JWS (three base64url parts)');

export const inboxBodySchema = z.strictObject({ message: z.string().min(1).max(900_000).openapi({ description: 'The signed message: a compact JWS (EdDSA, RFC 8785 canonical JSON payload)' }) });

export const inboxAnswerSchema = z
  .strictObject({
    outcome: z.enum(['applied', 'duplicate']).openapi({ description: '"duplicate": the message was applied before; the receipt is the one given then' }),
    seq: z.number().int(),
    receipt: compactJws.openapi({ description: "The receiver's signed receipt (typ sosa-receipt+jws): keep it as proof of delivery" }),
  })
  .openapi('FederationReceiptAnswer');

export const outboxQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  proof: z.string().min(1).max(4_000).openapi({ description: 'A fetch proof signed by the asking peer (typ sosa-fetch+jws: from, to, after, issuedAt), fresh within 5 minutes' }),
});

export const outboxAnswerSchema = z
  .strictObject({
    messages: z.array(compactJws).openapi({ description: 'The messages after `after`, in sequence order, each as signed when it was queued' }),
    hasMore: z.boolean(),
  })
  .openapi('FederationOutboxPage');

export const fileQuerySchema = z.strictObject({
  proof: z.string().min(1).max(4_000).openapi({ description: "A file-fetch proof signed by the asking peer (typ sosa-file-fetch+jws: from, to, sha256, messageId of the request.attachment message that listed the file, issuedAt), fresh within 5 minutes" }),
});
