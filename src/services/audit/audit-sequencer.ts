import { startBackgroundLoop } from '../background-loop.js';
import { loopHealth } from '../database-outage.js';
import { auditAppendsInProcess, sequenceAuditBatch, sequencePendingAudit, SEQUENCER_BATCH } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';

export interface AuditSequencer {
  /** Asks for a run now (after a commit that wrote events); runs coalesce, one at a time. */
  poke(): void;
  /** The longest an event waited for its position since the start (ms), events chained, and rounds run. */
  stats(): { maxWaitMs: number; sequenced: number; rounds: number };
  /** Stops the loop, then chains what is pending, so a clean stop leaves nothing in the queue. */
  stop(): Promise<void>;
}

/** How often the sequencer looks at the queue without a poke (another process's events, a missed poke). */
export const SEQUENCER_INTERVAL_MS = 200;

/**
 * Rounds start at least this far apart. A round costs five statements whatever it moves, and under
 * a stream of writes or audited reads every commit pokes it: one round per commit spent more on
 * the rounds than on the events (issue #14; bench/audit.bench.ts times rounds of 1, 20 and 200
 * events). At most 20 rounds a second; an event waits up to this much longer for its position.
 */
export const SEQUENCER_MIN_GAP_MS = 50;

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
  let rounds = 0;
  const loop = startBackgroundLoop(ctx, {
    name: 'audit sequencer',
    intervalMs: options.intervalMs ?? SEQUENCER_INTERVAL_MS,
    minGapMs: SEQUENCER_MIN_GAP_MS,
    // Commits that wrote no event (a read's transaction, a sequencer's own) need no round.
    wakeAfterCommit: () => auditAppendsInProcess() !== seen,
    round: async () => {
      seen = auditAppendsInProcess();
      rounds++;
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
    stats: () => ({ maxWaitMs, sequenced, rounds }),
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
