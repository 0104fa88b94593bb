import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openTestStore, TEST_STORE } from '../../testing/test-store.js';
import { appendAudit, pendingAuditCount, sequenceAuditBatch, SEQUENCER_LOCK_KEY, verifyAuditLog, type AuditEntry } from '../../store/audit.repository.js';
import type { Store } from '../../store/database.js';
import { createContext } from '../context.js';
import { SEQUENCER_MIN_GAP_MS, startAuditSequencer } from './audit-sequencer.js';

// DESIGN.md "Audit sequencing", issue #14: a change writes its event in its own transaction, and
// one sequencer gives positions and hashes in commit order, in batches, off the request path.

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

const event = (step: number, entityId = 'request-1'): AuditEntry => ({
  actorId: null,
  actor: 'in.sosa',
  nation: 'IN',
  action: 'request.comment',
  entityType: 'request',
  entityId,
  data: { step },
});

async function chain(db: Store['db']) {
  return db.selectFrom('audit_events').select(['seq', 'data', 'sequenced_at', 'at']).orderBy('seq').execute();
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('audit sequencer', () => {
  it(
    'a change commits and is acknowledged while another transaction that wrote an event is still open: no chain lock between writers',
    // PGlite has one connection: its transactions run one after the other whatever the audit log does.
    { skip: TEST_STORE !== 'postgres' && 'needs two connections (PostgreSQL)' },
    async () => {
      store = await openTestStore();
      const db = store.db;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let wroteOpen!: () => void;
      const openWrote = new Promise<void>((r) => (wroteOpen = r));
      // The long transaction: its event is written, then it stays open (a slow change).
      const open = db.transaction().execute(async (trx) => {
        await appendAudit(trx, event(1, 'slow'));
        wroteOpen();
        await gate;
      });
      try {
        await openWrote;
        // Before issue #14 this second change waited on the first one's advisory lock until it committed.
        const quick = db.transaction().execute((trx) => appendAudit(trx, event(2, 'quick')));
        const outcome = await Promise.race([quick.then(() => 'acknowledged'), new Promise((r) => setTimeout(() => r('waiting'), 3000))]);
        assert.equal(outcome, 'acknowledged', 'the second change committed while the first transaction was open');
        // The sequencer chains what has committed, and does not wait for the open transaction either.
        const first = await sequenceAuditBatch(db);
        assert.equal(first.sequenced, 1);
        assert.deepEqual((await chain(db)).map((e) => (e.data as { step: number }).step), [2]);
      } finally {
        release();
        await open;
      }
      // The slow change committed last: it is chained after the quick one (commit order, not writing order).
      assert.equal((await sequenceAuditBatch(db)).sequenced, 1);
      assert.deepEqual((await chain(db)).map((e) => (e.data as { step: number }).step), [2, 1]);
      const verdict = await verifyAuditLog(db);
      assert.deepEqual(verdict.ok && verdict.count, 2);
    },
  );

  it('a second sequencer finds the first one busy and leaves the queue to it', { skip: TEST_STORE !== 'postgres' && 'needs two connections (PostgreSQL)' }, async () => {
    store = await openTestStore();
    const db = store.db;
    await db.transaction().execute((trx) => appendAudit(trx, event(1)));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    // Another server process's sequencer, caught in the middle of its batch.
    const other = db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK_KEY})`.execute(trx);
      locked();
      await gate;
    });
    await holding;
    try {
      assert.deepEqual(await sequenceAuditBatch(db), { sequenced: 0, busy: true, maxWaitMs: 0 });
    } finally {
      release();
      await other;
    }
    assert.equal((await sequenceAuditBatch(db)).sequenced, 1);
  });

  it('events a killed server left unchained are chained by the next sequencer run, in commit order, and the chain verifies', async () => {
    store = await openTestStore();
    // The first server chained some events, then wrote more and was killed before its sequencer
    // ran again: committed changes whose events wait in the queue.
    for (let i = 1; i <= 3; i++) await store.db.transaction().execute((trx) => appendAudit(trx, event(i)));
    assert.equal((await sequenceAuditBatch(store.db)).sequenced, 3);
    for (let i = 4; i <= 12; i++) await store.db.transaction().execute((trx) => appendAudit(trx, event(i, `request-${i}`)));
    assert.equal(await pendingAuditCount(store.db), 9);
    assert.equal((await chain(store.db)).length, 3, 'nothing chains them without a sequencer');

    // The next server's sequencer chains them, in the order they committed, right after the head.
    const ctx = createContext(store, loadConfig({}), createLogger('silent'));
    const sequencer = startAuditSequencer(ctx, { intervalMs: 50 });
    try {
      await until(async () => (await pendingAuditCount(store!.db)) === 0);
    } finally {
      await sequencer.stop();
    }
    const events = await chain(store.db);
    assert.deepEqual(events.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(events.map((e) => (e.data as { step: number }).step), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const e of events) assert.ok(e.sequenced_at && e.sequenced_at >= e.at, 'an event gets its position after it was written');
    assert.ok(sequencer.stats().sequenced >= 9);
    const verdict = await verifyAuditLog(store.db, undefined, { sequenceFirst: false });
    assert.deepEqual(verdict.ok && verdict.count, 12);
  });

  it('a stream of commits is chained in rounds at least SEQUENCER_MIN_GAP_MS apart, not one round per commit; a stop in the gap returns at once', async () => {
    store = await openTestStore();
    const ctx = createContext(store, loadConfig({}), createLogger('silent'));
    // Only the commits' pokes start rounds here (an interval far longer than the test).
    const sequencer = startAuditSequencer(ctx, { intervalMs: 3_600_000 });
    const started = performance.now();
    try {
      for (let i = 1; i <= 60; i++) await store.db.transaction().execute((trx) => appendAudit(trx, event(i, `request-${i}`)));
      await until(async () => (await pendingAuditCount(store!.db)) === 0);
      const elapsed = performance.now() - started;
      const { rounds, sequenced } = sequencer.stats();
      assert.equal(sequenced, 60);
      // Each of the 60 commits poked the sequencer; rounds start SEQUENCER_MIN_GAP_MS apart at most
      // (the first at once), so a round took the events of every commit since the last.
      assert.ok(rounds <= Math.floor(elapsed / SEQUENCER_MIN_GAP_MS) + 1, `${rounds} rounds in ${Math.round(elapsed)} ms`);
      assert.ok(rounds < 60, `${rounds} rounds for 60 commits`);
      // A poke right after a round: the next waits out its gap, and a stop ends that wait.
      await store.db.transaction().execute((trx) => appendAudit(trx, event(61, 'request-61')));
    } finally {
      const stopping = performance.now();
      await sequencer.stop();
      assert.ok(performance.now() - stopping < SEQUENCER_MIN_GAP_MS * 20, 'the stop did not wait for an interval');
    }
    // The stop chains what is pending, so the last event is chained too.
    assert.equal(await pendingAuditCount(store.db), 0);
    const verdict = await verifyAuditLog(store.db, undefined, { sequenceFirst: false });
    assert.deepEqual(verdict.ok && verdict.count, 61);
  });

  it('the running sequencer chains a commit shortly after it, poked by the commit', async () => {
    store = await openTestStore();
    const ctx = createContext(store, loadConfig({}), createLogger('silent'));
    // An interval far longer than the test: only the poke after the commit can chain the event in time.
    const sequencer = startAuditSequencer(ctx, { intervalMs: 3_600_000 });
    try {
      await store.db.transaction().execute((trx) => appendAudit(trx, event(1)));
      await until(async () => (await chain(store!.db)).length === 1, 5000);
      assert.equal(await pendingAuditCount(store.db), 0);
    } finally {
      await sequencer.stop();
    }
  });

  it('a clean stop chains what is pending; sosa audit verify chains what a killed server left', async () => {
    store = await openTestStore();
    const ctx = createContext(store, loadConfig({}), createLogger('silent'));
    const sequencer = startAuditSequencer(ctx, { intervalMs: 3_600_000 });
    await sequencer.stop();
    // Written after the stop: no poke, no loop.
    await store.db.transaction().execute((trx) => appendAudit(trx, event(1)));
    await store.db.transaction().execute((trx) => appendAudit(trx, event(2)));
    assert.equal(await pendingAuditCount(store.db), 2);
    const verdict = await verifyAuditLog(store.db);
    assert.deepEqual(verdict.ok && verdict.count, 2, 'verification chains the pending events first');
    assert.equal(await pendingAuditCount(store.db), 0);
  });
});
