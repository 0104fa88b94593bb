// Issue #14: the PostgreSQL job queue (pg-boss) that analysis runs are split into. A worker takes
// queued jobs back to back and a job queued by a finished job is taken at once, not one job per
// polling interval: with 1 s chunks a worker otherwise idled about half the time, and a run's
// next step (a plan's chunks, the last chunk's mitigations) waited for the next poll. The polling
// interval here is 10 s, so the old behaviour (about 10 s per job) and the new (well under a
// second per job) are far apart on a loaded machine too. PostgreSQL only (the embedded store has
// no job queue).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from './database.js';
import { openJobQueue, type JobQueue } from './job-queue.js';
import { createTestDatabaseUrl, TEST_STORE } from '../testing/test-store.js';

const POLLING_SECONDS = 10;

describe('the job queue takes queued jobs back to back (PostgreSQL)', { skip: TEST_STORE !== 'postgres' && 'the job queue is PostgreSQL only (SOSA_TEST_STORE=postgres)' }, () => {
  let pg: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  let store: Store;
  let queue: JobQueue;
  const handled: Array<{ queue: string; n: number; at: number }> = [];

  before(async () => {
    pg = await createTestDatabaseUrl();
    store = await openStore({ databaseUrl: pg.url, poolSize: 2 });
    queue = await openJobQueue({ databaseUrl: pg.url, expireSeconds: 60, retryLimit: 1, pollingSeconds: POLLING_SECONDS, onError: () => {} }, [{ name: 'first' }, { name: 'next' }]);
  });

  after(async () => {
    await queue?.stop(1000);
    await store?.close();
    await pg?.drop();
  });

  it('five jobs queued at once are done within a few seconds by one slot, and a job queued by a job is taken at once', { timeout: 60_000 }, async () => {
    for (let n = 0; n < 5; n++) await queue.send(store.db, 'first', { n });
    const started = Date.now();
    // The pollers of both queues look once at start, find 'next' empty and wait their 10 s.
    await queue.work<{ n: number }>('next', 1, async (job) => {
      handled.push({ queue: 'next', n: job.data.n, at: Date.now() - started });
    });
    await queue.work<{ n: number }>('first', 1, async (job) => {
      handled.push({ queue: 'first', n: job.data.n, at: Date.now() - started });
      if (job.data.n === 4) await queue.send(store.db, 'next', { n: 4 });
    });
    const end = Date.now() + 40_000;
    while (!handled.some((h) => h.queue === 'next') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const firsts = handled.filter((h) => h.queue === 'first');
    assert.equal(firsts.length, 5, JSON.stringify(handled));
    const last = firsts.at(-1)!.at;
    assert.ok(last < (POLLING_SECONDS * 1000) / 2, `the five jobs took ${last} ms: one per polling interval, not back to back (${JSON.stringify(handled)})`);
    const next = handled.find((h) => h.queue === 'next');
    assert.ok(next, `the job queued by the fifth was not taken within 40 s: ${JSON.stringify(handled)}`);
    assert.ok(next.at - last < (POLLING_SECONDS * 1000) / 2, `the job queued by the fifth waited ${next.at - last} ms for the next poll`);
  });
});
