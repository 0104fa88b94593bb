// The one shape of the server's background work (deadline scheduler, daily digest, mail sender,
// audit sequencer, federation sender): a round runs on an interval and, for the loops that follow
// this process's commits, when woken; rounds never overlap; a stop waits for the round in flight,
// so nothing is claimed after it; a database outage is logged once and retried on the next round
// (database-outage.ts loopHealth).
import { loopHealth } from './database-outage.js';
import type { AppContext } from './context.js';

export interface BackgroundLoopOptions {
  /** Named in logs and in /metrics (`sosa_background_loop_last_success_seconds{loop}`). */
  name: string;
  intervalMs: number;
  /** One round of work; a throw is reported through loopHealth and the loop goes on. The signal aborts at stop. */
  round: (stopping: AbortSignal) => Promise<void>;
  /**
   * Asked after every commit of this process: true wakes the loop (a commit that queued work for
   * it). A wake during a round runs one more round right after it, so no commit waits for the
   * interval.
   */
  wakeAfterCommit?: () => boolean;
  /** Run the first round at once (default) or only on the first interval or wake. */
  runAtStart?: boolean;
  /**
   * Rounds start at least this far apart: a wake sooner waits for the rest of it. For a loop whose
   * round costs the same few statements whatever it finds (the audit sequencer), so that a stream
   * of commits is worked in fewer, larger rounds rather than one round per commit.
   */
  minGapMs?: number;
}

export interface BackgroundLoop {
  /** Asks for a round now; wakes during a round coalesce into one more round. */
  wake(): void;
  /** Stops the interval and waits for the round in flight. */
  stop(): Promise<void>;
}

export function startBackgroundLoop(ctx: AppContext, options: BackgroundLoopOptions): BackgroundLoop {
  const health = loopHealth(ctx, options.name);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let lastStart = -Infinity;
  let deferred: { timer: NodeJS.Timeout; go: () => void } | null = null;
  const stopping = new AbortController();

  const rounds = async () => {
    try {
      do {
        again = false;
        const gap = lastStart + (options.minGapMs ?? 0) - performance.now();
        if (gap > 0) await new Promise<void>((go) => (deferred = { timer: setTimeout(go, gap), go }));
        deferred = null;
        if (stopped) break;
        lastStart = performance.now();
        await options.round(stopping.signal);
      } while (again && !stopped);
      health.succeeded();
    } catch (error) {
      health.failed(error);
    }
  };
  const start = (wanted: boolean) => {
    if (stopped) return;
    if (running) {
      // The interval's own tick is dropped while a round runs; a wake is kept for right after it.
      if (wanted) again = true;
      return;
    }
    running = rounds().finally(() => {
      running = null;
    });
  };
  const wake = () => start(true);
  const unsubscribe = options.wakeAfterCommit ? ctx.store.onCommit(() => options.wakeAfterCommit!() && wake()) : () => {};
  const timer = setInterval(() => start(false), options.intervalMs);
  timer.unref();
  if (options.runAtStart !== false) start(true);
  return {
    wake,
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(timer);
      if (deferred) {
        // The round waiting for its gap ends now, without running.
        clearTimeout(deferred.timer);
        deferred.go();
      }
      unsubscribe();
      await running;
    },
  };
}
