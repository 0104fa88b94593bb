import type { ChainVerdict } from '../../domain/audit/hash-chain.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs, auditHead, checkCheckpoint, sequencePendingAudit, type AuditCheckpoint, verifyAuditLog } from '../../store/audit.repository.js';
import type { Db } from '../../store/executor.js';
import type { AppContext } from '../context.js';
import type { ApiSchema } from '../../contract/api-schema.js';

/** The verdict of a walk of the chain, as GET /audit/verify declares it. */
export type AuditVerification = ApiSchema<'AuditVerification'>;

// One walk of the chain at a time per process: auditors pressing the button together share it.
const inFlight = new WeakMap<Db, Promise<{ verdict: ChainVerdict; head: number }>>();

function walkChain(db: Db): Promise<{ verdict: ChainVerdict; head: number }> {
  let running = inFlight.get(db);
  if (!running) {
    running = (async () => {
      // Every event committed before the verification started is chained, then walked.
      await sequencePendingAudit(db);
      const head = await auditHead(db);
      // Small pages and a yield between them: the server keeps answering while it verifies.
      return { verdict: await verifyAuditLog(db, undefined, { pageSize: 500, upToSeq: head, yieldBetweenPages: true, sequenceFirst: false }), head };
    })().finally(() => inFlight.delete(db));
    inFlight.set(db, running);
  }
  return running;
}

/**
 * Verifies the hash chain while the server runs (issue #11.11): every link up to the newest event
 * at the start, then the kept checkpoint if one is given. The verification is itself audited.
 */
export async function verifyAuditOnline(ctx: AppContext, actor: Actor, input: { expect: AuditCheckpoint | null }): Promise<AuditVerification> {
  const started = Date.now();
  const db = ctx.store.db;
  const { verdict } = await walkChain(db);
  const expected = input.expect ? `${input.expect.seq}:${input.expect.hash}` : null;
  let result: AuditVerification;
  if (!verdict.ok) {
    result = { ok: false, count: verdict.count, checkpoint: null, firstBadSeq: verdict.firstBadSeq, problem: verdict.problem, expected, checkpointMatched: null, verifiedAt: ctx.now().toISOString(), durationMs: 0 };
  } else {
    const anchored = input.expect ? await checkCheckpoint(db, input.expect) : null;
    const failed = anchored !== null && !anchored.ok;
    result = {
      ok: !failed,
      count: verdict.count,
      checkpoint: failed || verdict.count === 0 ? null : `${verdict.count}:${verdict.lastHash}`,
      firstBadSeq: failed ? input.expect!.seq : null,
      problem: anchored && !anchored.ok ? anchored.problem : null,
      expected,
      checkpointMatched: anchored ? anchored.ok : null,
      verifiedAt: ctx.now().toISOString(),
      durationMs: 0,
    };
  }
  result.durationMs = Date.now() - started;
  await db.transaction().execute((trx) =>
    auditAs(trx, actor, { action: 'audit.verify', entityType: 'audit_log', entityId: 'chain', data: { ok: result.ok, count: result.count, checkpoint: result.checkpoint, expected, problem: result.problem } }),
  );
  return result;
}
