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

export const inboxBatchBodySchema = z.strictObject({
  messages: z
    .array(z.string().min(1).max(900_000))
    .min(1)
    .max(100)
    .openapi({ description: 'Up to 100 signed messages of one peer, in sequence order, each a compact JWS as the single inbox takes it' }),
});

export const inboxBatchAnswerSchema = z
  .strictObject({
    answers: z
      .array(
        z.strictObject({
          status: z.number().int().openapi({ description: 'What the inbox answers this message alone: 200 (taken, `receipt`), 403 (refused: recorded with its number and a signed refusal `receipt`, or, without one, refused before it took a number), 409 (after a gap: `expectedSeq`)' }),
          outcome: z.enum(['applied', 'duplicate', 'refused']).optional(),
          seq: z.number().int().optional(),
          receipt: compactJws.optional().openapi({ description: "The receiver's signed receipt, or signed refusal receipt (403 with outcome refused)" }),
          reason: z.string().optional().openapi({ description: 'With 403 and 409: why (the refusal reason, or "gap")' }),
          detail: z.string().optional(),
          expectedSeq: z.number().int().optional().openapi({ description: 'With 409: the sequence number the receiver expects next' }),
          mark: compactJws.optional().openapi({ description: "With 403 replayed: the receiver's signed mark of the last number it applied from the sender" }),
        }),
      )
      .openapi({ description: 'One answer per message, in the order sent, up to and including the first message not taken (409, or 403 without a receipt); the messages after it were not looked at' }),
  })
  .openapi('FederationInboxBatchAnswer');

export const outboxQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  proof: z.string().min(1).max(4_000).optional().openapi({ description: 'Deprecated: the proof as a query parameter, as peers before the `Sosa-Proof` header sent it (a URL is written in proxies\' access logs). A fetch proof signed by the asking peer (typ sosa-fetch+jws: from, to, after, issuedAt), fresh within 5 minutes' }),
});

export const outboxAnswerSchema = z
  .strictObject({
    messages: z.array(compactJws).openapi({ description: 'The messages after `after`, in sequence order, each as signed when it was queued' }),
    hasMore: z.boolean(),
  })
  .openapi('FederationOutboxPage');

export const fileQuerySchema = z.strictObject({
  proof: z.string().min(1).max(4_000).optional().openapi({ description: "Deprecated: the proof as a query parameter, as peers before the `Sosa-Proof` header sent it (a URL is written in proxies' access logs). A file-fetch proof signed by the asking peer (typ sosa-file-fetch+jws: from, to, sha256, messageId of the request.attachment message that listed the file, issuedAt), fresh within 5 minutes" }),
});

/**
 * Who asks, for the signed GETs (the outbox, a file): the peer's proof in a header, not the URL,
 * which proxies write in their access logs (a logged proof would fetch the same page again while it
 * is fresh). The query parameter is still read for peers that send it there.
 */
export const fetchProofHeadersSchema = z.object({
  'sosa-proof': z.string().min(1).max(4_000).optional().openapi({ description: 'The fetch proof signed by the asking peer (a compact JWS): sosa-fetch+jws for the outbox, sosa-file-fetch+jws for a file, fresh within 5 minutes' }),
});
