import { startBackgroundLoop } from '../background-loop.js';
import type { AppContext } from '../context.js';
import { sendAuditCheckpoints } from './send-audit-checkpoints.js';

/** The longest between two looks at which peers are due: a restart or a clock change costs at most this. */
const MAX_TICK_MS = 3_600_000;

/**
 * Sends each peer a signed checkpoint of the audit chain every SOSA_AUDIT_CHECKPOINT_INTERVAL_SECONDS
 * (a day by default; issue #13 "Evidence"). Whether a peer is due is read from the outbox (the last
 * checkpoint sent to it), not kept in memory, so a server restarted more often than that still
 * sends one per interval; the federation sender delivers it like any other message.
 */
export function startAuditCheckpointLoop(ctx: AppContext): () => Promise<void> {
  const intervalMs = ctx.config.auditCheckpointIntervalSeconds * 1000;
  const loop = startBackgroundLoop(ctx, {
    name: 'audit checkpoints',
    intervalMs: Math.min(intervalMs, MAX_TICK_MS),
    round: async () => {
      const sent = await sendAuditCheckpoints(ctx, { dueAfterMs: intervalMs });
      for (const s of sent) ctx.logger.info({ peer: s.peer, seq: s.seq }, 'audit checkpoint queued for the peer');
    },
  });
  return loop.stop;
}
