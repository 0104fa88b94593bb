import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { SEQUENCER_LOCK_KEY, sequencePendingAudit } from '../../store/audit.repository.js';
import { readAuditBatchStats } from '../../store/audit-read-batch.js';
import { F414_BLADES } from '../../testing/fixtures.js';
import type { TestApp } from '../../testing/test-app.js';
import { TEST_POSTGRES_URL, TEST_STORE } from '../../testing/test-store.js';
import { useTestApp } from '../../testing/use-test-app.js';

// Issue #14 / DESIGN.md "Audit sequencing": a read of a request by the other nation's official is
// recorded (request.read) before the answer leaves, by one statement that is its own transaction
// (holding only the events, not the read's statements), into the sequencer's queue: no read waits for the chain's lock,
// however many run at once, and the chain the sequencer builds from them verifies. The events of
// reads in flight together share one INSERT (group commit, store/audit-read-batch.ts).
// PostgreSQL only: concurrent connections, the sequencer's advisory lock held from another one.

const BIN = resolve(import.meta.dirname, '../../../bin/sosa.js');
const skip = TEST_STORE !== 'postgres' && 'concurrent connections and the advisory lock of PostgreSQL';

/** `sosa audit verify` on the test database, as an operator runs it (DATABASE_URL, no server). */
function auditVerify(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
    for (const key of ['NODE_TEST_CONTEXT', 'NODE_OPTIONS', 'SOSA_DATA_DIR']) delete env[key];
    const child = spawn(process.execPath, [BIN, 'audit', 'verify'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => ok({ code, stdout, stderr }));
  });
}

describe("the other nation's reads are audited off the chain's lock", { skip }, () => {
  const t = useTestApp();
  let usSosa: string;
  const ids: string[] = [];
  before(async () => {
    const inSosa = await t.login('in.sosa');
    usSosa = await t.login('us.sosa');
    for (let i = 0; i < 3; i++) ids.push((await t.call(inSosa, 'POST', '/requests', F414_BLADES)).body.id);
  });

  // Straight to the app: TestApp.call waits for the sequencer after a call that wrote events, which this test holds.
  const read = async (id: string) => {
    const res = await t.app.request(`/api/v1/requests/${id}`, { headers: { authorization: `Bearer ${usSosa}` } });
    return { status: res.status, body: await res.text() };
  };
  const readEvents = async () =>
    Number((await sql<{ n: number }>`select (select count(*) from audit_events where action = 'request.read') + (select count(*) from audit_queue where action = 'request.read') as n`.execute(t.ctx.store.db)).rows[0]!.n);

  it('24 concurrent reads answer while the sequencer holds the chain, each with its event; then `sosa audit verify` verifies the chain', async () => {
    const before = await readEvents();
    const batchesBefore = readAuditBatchStats(t.ctx.store.db);
    // The chain's lock, held by a sequencer of another connection for as long as the reads run.
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(t.ctx.store.db);
    const databaseUrl = `${TEST_POSTGRES_URL.replace(/\/[^/]*$/, '')}/${rows[0]!.db}`;
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [SEQUENCER_LOCK_KEY]);
      const reads = await Promise.race([
        Promise.all(Array.from({ length: 24 }, (_, i) => read(ids[i % ids.length]!))),
        new Promise<never>((_, fail) => setTimeout(() => fail(new Error('a read waited for the chain lock')), 20_000)),
      ]);
      assert.deepEqual(
        reads.map((r) => r.status),
        Array(24).fill(200),
      );
      assert.equal((await readEvents()) - before, 24, 'one request.read event per answered read, already written');
      const batches = readAuditBatchStats(t.ctx.store.db);
      assert.equal(batches.events - batchesBefore.events, 24);
      assert.ok(batches.batches - batchesBefore.batches < 24, `reads in flight together share an INSERT (${batches.batches - batchesBefore.batches} for 24 reads)`);
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [SEQUENCER_LOCK_KEY]);
      await holder.end();
    }
    await sequencePendingAudit(t.ctx.store.db);
    const chained = await t.ctx.store.db.selectFrom('audit_events').select(['entity_id', 'data']).where('action', '=', 'request.read').execute();
    for (const id of ids) assert.equal(chained.filter((e) => e.entity_id === id).length, 8, `8 reads of ${id} chained`);
    const verify = await auditVerify(databaseUrl);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /Audit log verified: \d+ events, chain intact/);
  });

  it('the event is written by one statement of its own (its own transaction), after the read and before the answer', async () => {
    await read(ids[0]!);
    const statements: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      // Reads and writes go as named prepared statements ({ name, text, values }), BEGIN and COMMIT as text.
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | null)?.text;
      if (typeof text === 'string') statements.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      assert.equal((await read(ids[0]!)).status, 200);
    } finally {
      pg.Client.prototype.query = original;
    }
    const insert = statements.findIndex((s) => /^insert into "audit_queue"/.test(s));
    assert.ok(insert > 0, statements.join('\n'));
    // Autocommit: no transaction holds the event with anything else (nor waits for anything).
    assert.ok(!statements.some((s) => /^(begin|commit)/i.test(s)), `no transaction around the event: ${statements.join('\n')}`);
    assert.ok(statements.slice(0, insert).some((s) => /from "requests"/.test(s)), 'the request was read before the event');
    assert.ok(!statements.some((s) => /advisory/.test(s)), 'no lock of the chain taken');
  });

  it('no answer without the event: when the event cannot be written, the read is refused', async () => {
    await sql`create function refuse_read_events() returns trigger language plpgsql as $$ begin if new.action = 'request.read' then raise exception 'audit unavailable'; end if; return new; end $$`.execute(t.ctx.store.db);
    await sql`create trigger refuse_read_events before insert on audit_queue for each row execute function refuse_read_events()`.execute(t.ctx.store.db);
    try {
      const refused = await read(ids[1]!);
      assert.notEqual(refused.status, 200);
      assert.doesNotMatch(refused.body, /F414/, 'nothing of the request in the refusal');
    } finally {
      await sql`drop trigger refuse_read_events on audit_queue`.execute(t.ctx.store.db);
      await sql`drop function refuse_read_events()`.execute(t.ctx.store.db);
    }
    assert.equal((await read(ids[1]!)).status, 200, 'answered again once events can be written');
  });
});
