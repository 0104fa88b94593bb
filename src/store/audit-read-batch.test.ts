import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestStore } from '../testing/test-store.js';
import { readAuditBatchStats, recordInBatch, type QueuedAuditEvent } from './audit-read-batch.js';
import { sequencePendingAudit, verifyAuditLog } from './audit.repository.js';
import type { Store } from './database.js';

// Issue #14: the other nation's reads write their request.read events by group commit — the
// events of the reads in flight in one INSERT, each read answered once its batch has committed,
// every read of a failed batch failed (no answer without its event).

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

const read = (entityId: string): QueuedAuditEvent => ({
  at: new Date(),
  actorId: null,
  actor: 'us.sosa',
  nation: 'US',
  action: 'request.read',
  entityType: 'request',
  entityId,
  data: { basis: 'arrangement', arrangement: 'a-1' },
  parties: ['IN', 'US'],
});

const queued = async (db: Store['db']) => db.selectFrom('audit_queue').select(['entity_id', 'parties', 'data', 'actor', 'nation']).orderBy('id').execute();

describe('group commit of the audited reads', () => {
  it('reads in flight together write one INSERT, one event each; a read arriving meanwhile goes in the next batch; the chain verifies', async () => {
    store = await openTestStore();
    const db = store.db;
    const before = readAuditBatchStats(db);
    const first = Array.from({ length: 12 }, (_, i) => recordInBatch(db, read(`r-${i}`)));
    // Arrives while the first batch is being written: waits for it, then goes with the others that came meanwhile.
    await new Promise((r) => setImmediate(r));
    const later = [recordInBatch(db, read('late-1')), recordInBatch(db, read('late-2'))];
    await Promise.all([...first, ...later]);
    const stats = readAuditBatchStats(db);
    assert.equal(stats.batches - before.batches, 2, 'one INSERT for the twelve, one for the two that came while it was written');
    assert.equal(stats.events - before.events, 14);
    const rows = await queued(db);
    assert.deepEqual(
      rows.map((r) => r.entity_id).sort(),
      [...Array.from({ length: 12 }, (_, i) => `r-${i}`), 'late-1', 'late-2'].sort(),
      'exactly one event per read',
    );
    // Each column as a single INSERT wrote it: the nations as text[], the data as jsonb.
    assert.deepEqual(rows[0], { entity_id: rows[0]!.entity_id, parties: ['IN', 'US'], data: { basis: 'arrangement', arrangement: 'a-1' }, actor: 'us.sosa', nation: 'US' });
    assert.equal(await sequencePendingAudit(db), 14);
    const verdict = await verifyAuditLog(db);
    assert.equal(verdict.ok, true);
  });

  it('a batch whose INSERT fails fails every read in it, and writes none of them', async () => {
    store = await openTestStore();
    const db = store.db;
    await sql`create function refuse_poison() returns trigger language plpgsql as $$ begin if new.entity_id = 'poison' then raise exception 'audit unavailable'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_poison before insert on audit_queue for each row execute function refuse_poison()`.execute(db);
    const outcomes = await Promise.allSettled([recordInBatch(db, read('a')), recordInBatch(db, read('poison')), recordInBatch(db, read('b'))]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['rejected', 'rejected', 'rejected'],
      'the reads that shared the batch are refused too: their events were not committed',
    );
    assert.deepEqual(await queued(db), []);
    // The batcher goes on: the next reads are written.
    await Promise.all([recordInBatch(db, read('c')), recordInBatch(db, read('d'))]);
    assert.deepEqual((await queued(db)).map((r) => r.entity_id), ['c', 'd']);
  });
});
