// The job queue of the PostgreSQL store (issue #14): pg-boss 10.4, pinned. Chosen over
// graphile-worker because a job's expiry is set per job (a worker SIGKILLed mid-job has its job
// retried once the expiry passes, and a test can make that seconds), failed jobs retry with a
// limit and then go to a dead-letter queue, and jobs can be queued through the caller's own
// transaction (`db.executeSql`), so a queued job exists exactly when the change that asks for it
// commits. graphile-worker 0.16 (the last for Node 20) takes a crashed worker's job back only
// after a fixed 4 hours. pg-boss keeps its tables in its own schema (`pgboss`, made and migrated
// by pg-boss at start) and opens its own small pool.
import { CompiledQuery } from 'kysely';
import type PgBossClass from 'pg-boss';
import type { Db } from './executor.js';

export interface QueueJob<T> {
  id: string;
  data: T;
  /** 0 on the first try; a retry after a failure or an expiry counts up. */
  retryCount: number;
  expireInSeconds: number;
}

export interface JobQueueOptions {
  databaseUrl: string;
  /** A job still active this long after it started is failed and retried (its worker is taken as dead). */
  expireSeconds: number;
  /** Tries after the first. */
  retryLimit: number;
  /** How often an idle worker looks for a job. */
  pollingSeconds: number;
  onError: (error: Error) => void;
}

export interface JobQueue {
  /** Queues a job through `db` (a transaction: the job exists if and only if it commits). */
  send<T extends object>(db: Db, queue: string, data: T, options?: { singletonKey?: string }): Promise<string | null>;
  /** Works the queue's jobs, one at a time per slot; a handler that throws fails its job (retried within the limit). */
  work<T extends object>(queue: string, slots: number, handler: (job: QueueJob<T>) => Promise<void>): Promise<void>;
  /** Stops fetching; jobs still active are failed (so retried at once) unless their handlers end within `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
}

/** pg-boss's `db` option over a Kysely executor: its SQL runs in the caller's transaction. */
function through(db: Db) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as any[] };
    },
  };
}

export async function openJobQueue(options: JobQueueOptions, queues: ReadonlyArray<{ name: string; deadLetter?: string }>): Promise<JobQueue> {
  const { default: PgBoss } = (await import('pg-boss')) as unknown as { default: typeof PgBossClass };
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: 3,
    // The expiry is enforced by this maintenance: often enough that a dead worker's job is back soon after its expiry.
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.round(options.expireSeconds / 3))),
    schedule: false,
  });
  boss.on('error', options.onError);
  await boss.start();
  for (const q of queues) {
    if (await boss.getQueue(q.name)) continue;
    try {
      await boss.createQueue(q.name, { name: q.name, retryLimit: options.retryLimit, retryDelay: 1, expireInSeconds: options.expireSeconds, ...(q.deadLetter ? { deadLetter: q.deadLetter } : {}) });
    } catch (error) {
      if (!(await boss.getQueue(q.name))) throw error; // another process made it meanwhile: fine
    }
  }
  const deadLetters = new Map(queues.map((q) => [q.name, q.deadLetter]));
  // pg-boss's worker waits out the rest of its polling interval after a job shorter than it, even
  // when more jobs wait: a worker of 1 s chunks would then take one a second and idle half the
  // time. A job's end wakes every poller of this process instead, so each looks again at once: its
  // own queue may hold the next job, and the job may have queued the next step (a plan its chunks,
  // the last chunk the mitigations). Only a poller that finds nothing waits the interval.
  const pollers: string[] = [];
  const lookAgain = () => {
    for (const id of pollers) boss.notifyWorker(id);
  };
  return {
    async send(db, queue, data, sendOptions = {}) {
      const dead = deadLetters.get(queue);
      return boss.send(queue, data, {
        db: through(db),
        expireInSeconds: options.expireSeconds,
        retryLimit: options.retryLimit,
        retryDelay: 1,
        ...(dead ? { deadLetter: dead } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      } as PgBossClass.SendOptions);
    },
    async work(queue, slots, handler) {
      for (let i = 0; i < slots; i++) {
        const id = await boss.work<object>(queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingSeconds }, async (jobs) => {
          try {
            for (const job of jobs) await handler({ id: job.id, data: job.data as any, retryCount: job.retryCount, expireInSeconds: job.expireInSeconds });
          } finally {
            lookAgain();
          }
        });
        pollers.push(id);
      }
    },
    async stop(timeoutMs) {
      await boss.stop({ graceful: true, timeout: Math.max(1000, timeoutMs), wait: true });
    },
  };
}
