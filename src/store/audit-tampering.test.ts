import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { sql, type Kysely, type Transaction } from 'kysely';
import { hashAuditRecord } from '../domain/audit/hash-chain.js';
import { openTestStore, TEST_STORE } from '../testing/test-store.js';
import { appendAudit, checkCheckpoint, toAuditRow, verifyAuditLog } from './audit.repository.js';
import type { Store } from './database.js';
import type { Database } from './schema.js';

// DESIGN.md: "Tampering with any audit row is detected by `sosa audit verify`". Each case runs on
// a fresh store (PGlite, or PostgreSQL with SOSA_TEST_STORE=postgres) holding EVENTS events
// appended through appendAudit, then edits the table behind the application's back.

const EVENTS = 20;

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

async function storeWithChain(): Promise<Kysely<Database>> {
  store = await openTestStore();
  for (let i = 1; i <= EVENTS; i++) {
    await store.db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorId: null,
        actor: i % 2 ? 'in.sosa' : 'us.sosa',
        nation: i % 2 ? 'IN' : 'US',
        action: 'request.transition',
        entityType: 'request',
        entityId: `request-${Math.ceil(i / 4)}`,
        data: { step: i, to: 'acknowledged', nested: { quantity: 40 * i, ok: true } },
      }),
    );
  }
  const verdict = await verifyAuditLog(store.db);
  assert.deepEqual(verdict.ok && verdict.count, EVENTS, 'the untouched chain verifies');
  return store.db;
}

/**
 * What an attacker with direct database access does: switch the append-only triggers off, edit,
 * switch them back on — in one transaction, so the triggers are never left off. `disable trigger
 * user` needs only table ownership and works the same on PGlite and PostgreSQL.
 */
async function tamper(db: Kysely<Database>, edit: (trx: Transaction<Database>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    await edit(trx);
    await sql`alter table audit_events enable trigger user`.execute(trx);
  });
}

async function row(db: Kysely<Database> | Transaction<Database>, seq: number) {
  return db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

/** An event row written past appendAudit, with a correct hash: the algorithm is public and unkeyed. */
function chainedEvent(seq: number, prevHash: string, actor = 'forger') {
  const record = { seq, at: new Date(), actorId: null, actor, nation: 'US', action: 'request.transition', entityType: 'request', entityId: 'request-1', data: { step: seq, to: 'closed' } };
  return toAuditRow({ ...record, prevHash, hash: hashAuditRecord(prevHash, record) });
}

function assertBroken(verdict: Awaited<ReturnType<typeof verifyAuditLog>>, firstBadSeq: number, problem: RegExp) {
  assert.equal(verdict.ok, false, `tampering went unnoticed: ${JSON.stringify(verdict)}`);
  if (verdict.ok) return;
  assert.equal(verdict.firstBadSeq, firstBadSeq, verdict.problem);
  assert.match(verdict.problem, problem);
}

describe(`audit log tampering (${TEST_STORE})`, () => {
  it('the append-only triggers refuse UPDATE, DELETE and TRUNCATE, and the chain stays intact', async () => {
    const db = await storeWithChain();
    await assert.rejects(sql`update audit_events set data = '{"step": 99}' where seq = 5`.execute(db), /audit_events is append-only: UPDATE refused/);
    await assert.rejects(sql`delete from audit_events where seq = 5`.execute(db), /audit_events is append-only: DELETE refused/);
    await assert.rejects(sql`truncate audit_events`.execute(db), /audit_events is append-only: TRUNCATE refused/);
    assert.deepEqual((await row(db, 5)).data, { step: 5, to: 'acknowledged', nested: { quantity: 200, ok: true } });
    const verdict = await verifyAuditLog(db);
    assert.ok(verdict.ok && verdict.count === EVENTS, JSON.stringify(verdict));
  });

  it('an acknowledged event waiting in the queue for its position cannot be changed or taken out on the way', async () => {
    store = await openTestStore();
    await store.db.transaction().execute((trx) => appendAudit(trx, { actorId: null, actor: 'us.commerce', nation: 'US', action: 'request.transition', entityType: 'request', entityId: 'r-1', data: { to: 'rating_authorized' } }));
    await assert.rejects(sql`update audit_queue set data = '{"to": "rejected"}'`.execute(store.db), /audit_queue holds acknowledged events: UPDATE refused/);
    await assert.rejects(sql`delete from audit_queue`.execute(store.db), /audit_queue holds acknowledged events: DELETE refused/);
    await assert.rejects(sql`truncate audit_queue`.execute(store.db), /audit_queue holds acknowledged events: TRUNCATE refused/);
    const verdict = await verifyAuditLog(store.db);
    assert.ok(verdict.ok && verdict.count === 1, JSON.stringify(verdict));
    assert.deepEqual((await row(store.db, 1)).data, { to: 'rating_authorized' });
  });

  it('(a) a changed data field is reported at that event', async () => {
    const db = await storeWithChain();
    await tamper(db, (trx) => sql`update audit_events set data = jsonb_set(data, '{nested,quantity}', '4000') where seq = 7`.execute(trx));
    assertBroken(await verifyAuditLog(db), 7, /event 7 was altered/);
  });

  it('(a) a changed actor is reported at that event, even with the hash left as it was', async () => {
    const db = await storeWithChain();
    await tamper(db, (trx) => trx.updateTable('audit_events').set({ actor: 'someone.else' }).where('seq', '=', 13).execute());
    assertBroken(await verifyAuditLog(db), 13, /event 13 was altered/);
  });

  it('(a) changed readers (an event hidden from the other nation\'s auditors, or removed to "old style") are reported at that event', async () => {
    const db = await storeWithChain();
    assert.deepEqual((await row(db, 9)).parties, ['IN'], 'new events carry their readers');
    await tamper(db, (trx) => trx.updateTable('audit_events').set({ parties: ['US'] }).where('seq', '=', 9).execute());
    assertBroken(await verifyAuditLog(db), 9, /event 9 was altered/);
    await tamper(db, (trx) => trx.updateTable('audit_events').set({ parties: null }).where('seq', '=', 9).execute());
    assertBroken(await verifyAuditLog(db), 9, /event 9 was altered/);
  });

  it('(b) a deleted middle event is reported at the event after the gap', async () => {
    const db = await storeWithChain();
    await tamper(db, (trx) => trx.deleteFrom('audit_events').where('seq', '=', 10).execute());
    assertBroken(await verifyAuditLog(db), 11, /expected event 10 next, found 11/);
  });

  it('(b) a deleted first event is reported', async () => {
    const db = await storeWithChain();
    await tamper(db, (trx) => trx.deleteFrom('audit_events').where('seq', '=', 1).execute());
    assertBroken(await verifyAuditLog(db), 2, /expected event 1 next, found 2/);
  });

  it('(c) a forged event inserted in the middle, with a correct hash of its own, breaks the link of the next event', async () => {
    const db = await storeWithChain();
    await tamper(db, async (trx) => {
      // Make room at seq 10 (two steps: the primary key is checked row by row).
      await sql`update audit_events set seq = seq + 1000 where seq >= 10`.execute(trx);
      await sql`update audit_events set seq = seq - 999 where seq >= 1000`.execute(trx);
      await trx.insertInto('audit_events').values(chainedEvent(10, (await row(trx, 9)).hash)).execute();
    });
    assertBroken(await verifyAuditLog(db), 11, /event 11 does not link to the hash of event 10/);
  });

  it('(c) a forged event at the end that does not link to the last hash is reported', async () => {
    const db = await storeWithChain();
    await tamper(db, async (trx) => trx.insertInto('audit_events').values(chainedEvent(EVENTS + 1, (await row(trx, EVENTS - 1)).hash)).execute());
    assertBroken(await verifyAuditLog(db), EVENTS + 1, new RegExp(`event ${EVENTS + 1} does not link`));
  });

  it('(c) a forged event placed before the first one (seq 0 or below) is reported, not skipped', async () => {
    const db = await storeWithChain();
    await assert.rejects(tamper(db, (trx) => trx.insertInto('audit_events').values(chainedEvent(0, '0'.repeat(64))).execute()), /audit_events_seq_positive/);
    // One who can also drop the constraint is still caught by the verification.
    await tamper(db, async (trx) => {
      await sql`alter table audit_events drop constraint audit_events_seq_positive`.execute(trx);
      await trx.insertInto('audit_events').values(chainedEvent(0, '0'.repeat(64))).execute();
    });
    assertBroken(await verifyAuditLog(db), 0, /expected event 1 next, found 0/);
  });

  it('(d) two events with swapped seq are reported at the first of them', async () => {
    const db = await storeWithChain();
    await tamper(db, async (trx) => {
      await trx.updateTable('audit_events').set({ seq: 1_000_005 }).where('seq', '=', 5).execute();
      await trx.updateTable('audit_events').set({ seq: 5 }).where('seq', '=', 12).execute();
      await trx.updateTable('audit_events').set({ seq: 12 }).where('seq', '=', 1_000_005).execute();
    });
    assertBroken(await verifyAuditLog(db), 5, /event 5 does not link to the hash of event 4/);
  });

  it('the chain is checked across page boundaries too (verifyAuditLog reads 5,000 events a page)', async () => {
    const db = await storeWithChain();
    // Continue the chain correctly to 5,003 events (1,000 rows a statement), then alter event 5,002.
    await db.transaction().execute(async (trx) => {
      let prev = await row(trx, EVENTS);
      for (let from = EVENTS + 1; from <= 5003; from += 1000) {
        const values = [];
        for (let seq = from; seq < Math.min(5004, from + 1000); seq++) {
          const event = chainedEvent(seq, prev.hash, 'bulk');
          values.push(event);
          prev = { ...prev, seq, hash: event.hash };
        }
        await trx.insertInto('audit_events').values(values).execute();
      }
    });
    const intact = await verifyAuditLog(db);
    assert.ok(intact.ok && intact.count === 5003, JSON.stringify(intact));
    await tamper(db, (trx) => trx.updateTable('audit_events').set({ entity_id: 'request-2' }).where('seq', '=', 5002).execute());
    assertBroken(await verifyAuditLog(db), 5002, /event 5002 was altered/);
  });

  // What the chain alone cannot see (see the report on the audit chain): it is unkeyed, so a
  // database owner can cut the tail, or recompute every hash after an edit, and the log still
  // verifies. These tests pin that; the anchor outside the database is a kept checkpoint, and on a
  // sovereign instance the signed checkpoints its peers hold (services/audit/peer-checkpoints.test.ts).
  it('deleting the newest events passes the chain alone, and is caught by a checkpoint kept outside', async () => {
    const db = await storeWithChain();
    const head = await verifyAuditLog(db);
    assert.ok(head.ok);
    await tamper(db, (trx) => trx.deleteFrom('audit_events').where('seq', '>', 17).execute());
    const verdict = await verifyAuditLog(db);
    assert.deepEqual(verdict.ok && verdict.count, 17);
    const anchored = await checkCheckpoint(db, { seq: EVENTS, hash: head.lastHash });
    assert.deepEqual(anchored, { ok: false, problem: `event ${EVENTS} of the checkpoint is gone: the log was truncated` });
  });

  it('an edit followed by re-hashing every later event passes the chain alone (unkeyed hash), and is caught by a checkpoint', async () => {
    const db = await storeWithChain();
    const head = await verifyAuditLog(db);
    assert.ok(head.ok);
    await tamper(db, async (trx) => {
      let prevHash = (await row(trx, 14)).hash;
      for (let seq = 15; seq <= EVENTS; seq++) {
        const r = await row(trx, seq);
        const data = seq === 15 ? { step: 15, to: 'denied' } : r.data;
        const hash = hashAuditRecord(prevHash, { seq, at: r.at, actorId: r.actor_id, actor: r.actor, nation: r.nation, action: r.action, entityType: r.entity_type, entityId: r.entity_id, data, parties: r.parties ?? undefined });
        await trx.updateTable('audit_events').set({ data: JSON.stringify(data), prev_hash: prevHash, hash }).where('seq', '=', seq).execute();
        prevHash = hash;
      }
    });
    const verdict = await verifyAuditLog(db);
    assert.deepEqual(verdict.ok && verdict.count, EVENTS);
    const anchored = await checkCheckpoint(db, { seq: EVENTS, hash: head.lastHash });
    assert.equal(anchored.ok, false);
  });
});
