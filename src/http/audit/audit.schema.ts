import { z } from '@hono/zod-openapi';

// --- What the audit log sends -------------------------------------------------------------------
export const auditEventViewSchema = z
  .strictObject({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    nation: z.string().nullable().openapi({ description: "The actor's nation; null for the instance's own events (a login of an unknown name)" }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    data: z.record(z.string(), z.unknown()).openapi({ description: "The event's details, as the border lets them through to the reader's nation (domain/audit/audit-border.ts)" }),
    readers: z.array(z.string()).openapi({ description: "Nations whose auditors read the event ('*': every auditor of this instance)" }),
    hash: z.string(),
  })
  .openapi('AuditEvent');

export const auditPageSchema = z.strictObject({
  items: z.array(auditEventViewSchema),
  next: z
    .union([z.strictObject({ afterSeq: z.number().int() }), z.strictObject({ beforeSeq: z.number().int() })])
    .nullable()
    .openapi({ description: 'The query for the next page (in the order asked); null on the last page' }),
});

export const auditVerificationSchema = z
  .strictObject({
    ok: z.boolean(),
    count: z.number().int().openapi({ description: 'Events whose links were checked' }),
    checkpoint: z.string().nullable().openapi({ description: '"seq:hash" of the last verified event, to keep outside the database; null when the check failed' }),
    firstBadSeq: z.number().int().nullable(),
    problem: z.string().nullable(),
    expected: z.string().nullable().openapi({ description: 'The kept checkpoint that was checked (null: none given)' }),
    checkpointMatched: z.boolean().nullable().openapi({ description: 'Whether the kept checkpoint still holds (null: none given)' }),
    verifiedAt: z.string(),
    durationMs: z.number(),
  })
  .openapi('AuditVerification');

export type AuditEventView = z.infer<typeof auditEventViewSchema>;
export type AuditVerificationView = z.infer<typeof auditVerificationSchema>;

// Issue #13: the signed audit checkpoints exchanged with the peers, verified both ways.
const problemSchema = z.strictObject({
  side: z.enum(['own', 'peer']).openapi({ description: "own: this instance's chain or its copy of a checkpoint it sent; peer: what a peer's checkpoints say" }),
  peer: z.string(),
  position: z.number().int().nullable().openapi({ description: 'The chain position concerned (this instance’s chain for own, the peer’s for peer)' }),
  messageId: z.string(),
  problem: z.string(),
});

export const auditPeerCheckpointsSchema = z
  .strictObject({
    ok: z.boolean(),
    sent: z.array(
      z.strictObject({
        peer: z.string(),
        messageId: z.string(),
        seq: z.number().int(),
        hash: z.string(),
        takenAt: z.string(),
        receipt: z.enum(['received', 'pending', 'refused', 'unverifiable', 'invalid']).openapi({ description: "received: the peer's signed receipt for exactly the bytes kept here is held" }),
        receivedAt: z.string().nullable(),
        chain: z.enum(['intact', 'rewritten', 'truncated']).openapi({ description: 'Whether this chain still has the checkpoint’s hash at its position' }),
      }),
    ),
    held: z.array(
      z.strictObject({
        peer: z.string(),
        messageId: z.string(),
        seq: z.number().int().nullable(),
        hash: z.string().nullable(),
        takenAt: z.string().nullable(),
        receivedAt: z.string(),
        signature: z.enum(['valid', 'unverifiable', 'invalid']),
      }),
    ),
    problems: z.array(problemSchema),
    notes: z.array(z.string()),
    verifiedAt: z.string(),
  })
  .openapi('AuditPeerCheckpoints');
