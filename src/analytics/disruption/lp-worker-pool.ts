// The LP worker threads, shared by every analysis of the process. Starting a worker loads tsx
// and the HiGHS WASM module (hundreds of milliseconds); mitigation ranking re-runs a scenario up
// to 50 times, so a pool per run started that many. The pool lives as long as the process; its
// threads end after a quiet spell (idleTimeout), taking their cached HiGHS model with them, and
// the server closes it on shutdown.
import { setMaxListeners } from 'node:events';
import type { Piscina } from 'piscina';
import type { CertifyTask, LpTask } from './lp-worker.js';

const IDLE_THREAD_MS = 30_000;

/** One pool per thread count asked for (in practice the default, and 2 in tests). */
const pools = new Map<number, Promise<Piscina>>();
let tasksInFlight = 0;

/** LP tasks submitted and not yet settled (tests check that a cancelled run leaves none). */
export const lpTasksInFlight = () => tasksInFlight;

export async function sharedLpPool(threads: number): Promise<Piscina> {
  let pool = pools.get(threads);
  if (!pool) {
    pool = import('piscina').then(({ Piscina }) => {
      const created = new Piscina({ filename: new URL('./lp-worker-entry.mjs', import.meta.url).href, minThreads: 0, maxThreads: threads, idleTimeout: IDLE_THREAD_MS });
      created.on('error', ignoreLateAnswers);
      return created;
    });
    pools.set(threads, pool);
  }
  return pool;
}

/**
 * A worker that is ended (a cancelled run, the pool closed at shutdown) may already have posted
 * its answer; piscina then finds no task for it and emits 'error' on the pool, which with no
 * listener ends the process. Nobody waits for that answer any more, so it is dropped; any other
 * pool error still ends the process as before.
 */
export function ignoreLateAnswers(error: Error): void {
  if (error.message.startsWith('Unexpected message from Worker')) return;
  queueMicrotask(() => {
    throw error;
  });
}

/** Ends the worker threads (server shutdown). A later run starts a new pool. */
export async function closeLpWorkerPools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map(async (p) => (await p).destroy()));
}

/**
 * One analysis' use of the shared pool: its tasks are cancelled together when the analysis'
 * signal aborts (or it closes), and `run` then rejects with `abortError(signal)`.
 */
export class LpRun {
  private readonly controller = new AbortController();
  private readonly onAbort = () => this.controller.abort(this.signal?.reason);
  private readonly pending = new Set<Promise<unknown>>();
  private constructor(
    private readonly pool: Piscina,
    private readonly signal: AbortSignal | undefined,
    private readonly abortError: (signal?: AbortSignal) => Error,
  ) {
    setMaxListeners(0, this.controller.signal); // one listener per queued task
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  static async open(threads: number, signal: AbortSignal | undefined, abortError: (signal?: AbortSignal) => Error): Promise<LpRun> {
    return new LpRun(await sharedLpPool(threads), signal, abortError);
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  async run<T>(task: LpTask | CertifyTask): Promise<T> {
    tasksInFlight++;
    const submitted = this.pool.run(task, { signal: this.controller.signal });
    const settled = submitted.then(() => undefined, () => undefined);
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    try {
      return (await submitted) as T;
    } catch (error) {
      if (this.signal?.aborted) {
        this.controller.abort();
        throw this.abortError(this.signal);
      }
      throw error;
    } finally {
      tasksInFlight--;
    }
  }

  /** Cancels what this run still has queued or running and waits for it to stop; the pool stays for the next run. */
  async close(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.controller.abort();
    await Promise.all(this.pending);
  }
}
