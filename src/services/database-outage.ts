// How the background work (deadline scheduler, mail sender, analysis runner) lives through a
// database outage: a tick that meets it is not an error to shout about every second, and a write
// that must not be lost waits for the database to come back.
import { isDatabaseUnavailable } from '../store/database-unavailable.js';
import type { AppContext } from './context.js';

export interface LoopHealth {
  /** A tick finished: if the loop had paused for an outage, say that it resumed. */
  succeeded(): void;
  /** A tick failed: an outage is logged once (warn) until a tick succeeds again; anything else each time (error). */
  failed(error: unknown): void;
}

const lastSucceeded = new WeakMap<AppContext, Map<string, number>>();

/** When each background loop of this context last finished a tick (epoch ms), for /metrics. */
export function loopsLastSucceeded(ctx: AppContext): ReadonlyMap<string, number> {
  return lastSucceeded.get(ctx) ?? new Map();
}

export function loopHealth(ctx: AppContext, loop: string): LoopHealth {
  let away = false;
  if (!lastSucceeded.has(ctx)) lastSucceeded.set(ctx, new Map());
  const record = lastSucceeded.get(ctx)!;
  return {
    succeeded() {
      // Wall-clock time, not ctx.now(): the lag a scrape shows is real time since the last tick.
      record.set(loop, Date.now());
      if (!away) return;
      away = false;
      ctx.logger.info({ loop }, `${loop} resumed: the database is back`);
    },
    failed(error) {
      if (isDatabaseUnavailable(error)) {
        if (away) return;
        away = true;
        // Only the code and message: pg-pool hangs the client (with its connection settings) on the error.
        const { code, message } = error as { code?: string; message?: string };
        ctx.logger.warn({ loop, code, reason: message }, `${loop} paused: the database is unavailable; it retries on every tick`);
        return;
      }
      ctx.logger.error({ err: error, loop }, `${loop} failed`);
    },
  };
}

/**
 * Runs `write` until it succeeds, waiting (0.5 s, 1 s, 2 s … at most 5 s apart) while the database
 * is unavailable, for at most `maxMs`; any other error, or the bound, rejects.
 */
export async function retryWhileDatabaseUnavailable<T>(write: () => Promise<T>, options: { maxMs: number; signal?: AbortSignal }): Promise<T> {
  const end = Date.now() + options.maxMs;
  let wait = 500;
  for (;;) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + wait > end || options.signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 5_000);
    }
  }
}
