import { readQueueGauges, type QueueGauges } from '../../store/operations.repository.js';
import type { AppContext } from '../context.js';
import { loopsLastSucceeded } from '../database-outage.js';
import { MAX_MAIL_ATTEMPTS } from '../notifications/mail-sender.js';

/** What an operator watches besides the requests (issue #16): queues, their lag, the pool, the loops. */
export interface OperationsSnapshot {
  /** Null when the database did not answer (the scrape still answers, with the process metrics). */
  queues: QueueGauges | null;
  pool: { total: number; idle: number; waiting: number } | null;
  /** Seconds since each background loop last finished a tick. */
  loopAges: Array<{ loop: string; seconds: number }>;
}

export async function readOperationsSnapshot(ctx: AppContext): Promise<OperationsSnapshot> {
  let queues: QueueGauges | null = null;
  try {
    queues = await readQueueGauges(ctx.store.db, { now: new Date(), maxMailAttempts: MAX_MAIL_ATTEMPTS });
  } catch (error) {
    ctx.logger.debug({ reason: (error as Error).message }, 'metrics: queue gauges unavailable');
  }
  const now = Date.now();
  const loopAges = [...loopsLastSucceeded(ctx)].map(([loop, at]) => ({ loop: loop.replace(/\s+/g, '_'), seconds: Math.max(0, (now - at) / 1000) }));
  return { queues, pool: ctx.store.poolStats?.() ?? null, loopAges };
}
