import { compactRequestStateCounts } from '../../store/request-counts.repository.js';
import { startBackgroundLoop } from '../background-loop.js';
import type { AppContext } from '../context.js';

/** How often the changes' +1/-1 rows are folded into the kept totals. */
export const COMPACTION_INTERVAL_MS = 5_000;

/**
 * Folds the requests' count deltas into their totals on an interval (migration 0034, issue #14):
 * the dashboard's counts are exact with or without it (it sums both), but each change adds a row
 * or two that every dashboard would sum until then. Not one of the optional schedulers: without it
 * the rows only grow. With several server processes each runs one; their rounds cannot fold a delta twice.
 */
export function startRequestCountCompactor(ctx: AppContext, options: { intervalMs?: number } = {}): () => Promise<void> {
  const loop = startBackgroundLoop(ctx, {
    name: 'request count compactor',
    intervalMs: options.intervalMs ?? COMPACTION_INTERVAL_MS,
    round: async () => {
      await compactRequestStateCounts(ctx.store.db);
    },
  });
  return loop.stop;
}
