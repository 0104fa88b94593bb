import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Store } from './database.js';
import { PER_CONNECTION } from './prepared-statements.js';
import { openTestStore, TEST_STORE } from '../testing/test-store.js';

// Issue #14: reads and writes go to PostgreSQL as named prepared statements (parsed and planned
// once per connection). What must not change with them: the answers, when a table's columns
// change under a running process, and the number of statements a connection keeps.
describe('prepared statements on the PostgreSQL pool', { skip: TEST_STORE !== 'postgres' && 'PostgreSQL pool only' }, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore();
    await sql`create table prep_probe (id int primary key, name text)`.execute(store.db);
    await sql`insert into prep_probe values (1, 'one'), (2, 'two')`.execute(store.db);
  });
  after(() => store?.close());

  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from pg_prepared_statements`.execute(store.db)).rows[0]!.n);

  it('a select * answers with the new column after a column is added (the stale plan is dropped, not failed on)', async () => {
    const read = () => store.db.transaction().execute(async (trx) => {
      // One connection for the whole test, so the statement is prepared on the connection it is read on again.
      const rows = await sql<Record<string, unknown>>`select * from prep_probe where id = ${1}`.execute(trx);
      return rows.rows[0];
    });
    for (let i = 0; i < 3; i++) assert.deepEqual(await read(), { id: 1, name: 'one' });
    await sql`alter table prep_probe add column note text default 'x'`.execute(store.db);
    const fresh = async () => (await sql<Record<string, unknown>>`select * from prep_probe where id = ${1}`.execute(store.db)).rows[0];
    // Each pooled connection may hold the old plan once: the first read on it drops and re-sends it.
    for (let i = 0; i < 12; i++) assert.deepEqual(await fresh(), { id: 1, name: 'one', note: 'x' });
  });

  it(`a connection keeps at most ${PER_CONNECTION} statements, the least recently used deallocated`, async () => {
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < PER_CONNECTION + 30; i++) await sql`select ${sql.lit(i)} as n, name from prep_probe where id = ${2}`.execute(trx);
      const n = Number((await sql<{ n: string }>`select count(*) as n from pg_prepared_statements`.execute(trx)).rows[0]!.n);
      assert.ok(n <= PER_CONNECTION, `${n} statements prepared on one connection`);
      assert.equal((await sql<{ name: string }>`select name from prep_probe where id = ${2}`.execute(trx)).rows[0]!.name, 'two');
    });
    assert.ok((await count()) <= PER_CONNECTION);
  });
});
