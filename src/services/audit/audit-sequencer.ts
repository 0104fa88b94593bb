import { startBackgroundLoop } from '../background-loop.js';
import { loopHealth } from '../database-outage.js';
import { auditAppendsInProcess, sequenceAuditBatch, sequencePendingAudit, SEQUENCER_BATCH } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';

export interface AuditSequencer {
  /** Asks for a run now (after a commit that wrote events); runs coalesce, one at a time. */
  poke(): void;
  /** The longest an event waited for its position since the start (ms), and events chained. */
  stats(): { maxWaitMs: number; sequenced: number };
  /** Stops the loop, then chains what is pending, so a clean stop leaves nothing in the queue. */
  stop(): Promise<void>;
}

/** How often the sequencer looks at the queue without a poke (another process's events, a missed poke). */
export const SEQUENCER_INTERVAL_MS = 200;

/**
 * The audit sequencer of the server process (DESIGN.md "Audit sequencing"; issue #14): poked
 * after every commit of this process that wrote events, and every SEQUENCER_INTERVAL_MS, it moves
 * the committed events of the queue into the hash chain in batches, off the request path. With
 * several server processes on one PostgreSQL each runs one, and the advisory lock of
 * sequenceAuditBatch lets one at a time work: the others find it busy and leave the queue to it.
 */
export function startAuditSequencer(ctx: AppContext, options: { intervalMs?: number } = {}): AuditSequencer {
  const db = ctx.store.db;
  let seen = -1;
  let maxWaitMs = 0;
  let sequenced = 0;
  const loop = startBackgroundLoop(ctx, {
    name: 'audit sequencer',
    intervalMs: options.intervalMs ?? SEQUENCER_INTERVAL_MS,
    // Commits that wrote no event (a read's transaction, a sequencer's own) need no round.
    wakeAfterCommit: () => auditAppendsInProcess() !== seen,
    round: async () => {
      seen = auditAppendsInProcess();
      for (;;) {
        const batch = await sequenceAuditBatch(db);
        sequenced += batch.sequenced;
        maxWaitMs = Math.max(maxWaitMs, batch.maxWaitMs);
        // Busy: another process's sequencer holds the lock and chains what is pending.
        if (batch.busy || batch.sequenced < SEQUENCER_BATCH) break;
      }
    },
  });
  return {
    poke: () => {
      if (auditAppendsInProcess() !== seen) loop.wake();
    },
    stats: () => ({ maxWaitMs, sequenced }),
    async stop() {
      await loop.stop();
      try {
        sequenced += await sequencePendingAudit(db);
      } catch (error) {
        // The queue stays in the database: the next sequencer (or `sosa audit verify`) chains it.
        loopHealth(ctx, 'audit sequencer').failed(error);
      }
    },
  };
}
