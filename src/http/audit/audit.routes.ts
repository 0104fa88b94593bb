import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { validationError } from '../../domain/errors.js';
import { verifyAuditOnline } from '../../services/audit/verify-audit-online.js';
import { verifyPeerCheckpointsAs } from '../../services/audit/verify-peer-checkpoints.js';
import { parseCheckpoint, searchAuditEvents, sequencePendingAudit } from '../../store/audit.repository.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody, queryParams } from '../validation.js';
import { presentAuditEvent, presentVerification } from './audit.presenter.js';
import { auditPageSchema, auditPeerCheckpointsSchema, auditVerificationSchema } from './audit.schema.js';

const instant = z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-11-23T00:00:00Z' }).transform((v) => new Date(v));
const seq = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const auditQuery = z.strictObject({
  entityType: z.string().regex(/^[a-z_]{1,40}$/, 'must be an object type such as request').optional(),
  entity: z.string().trim().min(1).max(200).optional(),
  actor: z.string().trim().toLowerCase().min(1).max(100).optional(),
  action: z.string().regex(/^[a-z_.]{1,80}$/, 'must be an action such as request.acknowledge, or a family such as request.').optional(),
  from: instant.optional(),
  to: instant.optional(),
  afterSeq: seq.optional(),
  beforeSeq: seq.optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const verifyBody = z.strictObject({
  expect: z.string().max(200).optional(),
});

export function auditRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['audit']);
  route({
    method: 'get', path: '/audit', access: ['auditor'],
    summary: "Audit events the auditor's nation reads (its own, those of objects it is party to, the instance's), searchable by object, actor, action and time; paged by seq",
    query: auditQuery, ok: [200, '{ items, next }', auditPageSchema],
  }, async (c, user) => {
    const q = queryParams(c, auditQuery);
    // Every committed event is found: what the sequencer has not chained yet is chained first.
    await sequencePendingAudit(c.get('ctx').store.db);
    const rows = await searchAuditEvents(c.get('ctx').store.db, user.nation, q);
    const last = rows[rows.length - 1];
    const next = rows.length === q.limit && last ? (q.order === 'desc' ? { beforeSeq: last.seq } : { afterSeq: last.seq }) : null;
    return c.json({ items: rows.map((r) => presentAuditEvent(r, user.nation)), next });
  });
  route({
    method: 'post', path: '/audit/verify', access: ['auditor'],
    summary: 'Verify the whole hash chain now, while the server runs; returns the result and a checkpoint (seq:hash) to keep outside the database; `expect` checks a kept one',
    body: verifyBody, ok: [200, '{ ok, count, checkpoint, firstBadSeq, problem, expected, checkpointMatched, verifiedAt, durationMs }', auditVerificationSchema],
  }, async (c, user) => {
    const input = await jsonBody(c, verifyBody);
    const expect = input.expect === undefined ? null : parseCheckpoint(input.expect);
    if (input.expect !== undefined && !expect) {
      throw validationError([{ field: 'expect', message: 'must be the SEQ:HASH printed by an earlier verification' }]);
    }
    return c.json(presentVerification(await verifyAuditOnline(c.get('ctx'), user, { expect })));
  });
  route({
    method: 'get', path: '/audit/peer-checkpoints', access: ['auditor'],
    summary: "Verify the signed audit checkpoints exchanged with the peers (issue #13), while the server runs: each one sent must still be in this chain, with the peer's signed receipt; those held from each peer must be consistent. The check is audited",
    ok: [200, '{ ok, sent, held, problems, notes, verifiedAt }', auditPeerCheckpointsSchema],
  }, async (c, user) => c.json(await verifyPeerCheckpointsAs(c.get('ctx'), user)));
}
