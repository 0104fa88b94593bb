import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { compiledOnce } from './compiled-once.js';
import type { Store } from './database.js';
import { openTestStore } from '../testing/test-store.js';

// Issue #14: a hot query is built and compiled once, its arguments bound per call. What must hold:
// each call answers for its own arguments, inside a transaction too, and a query whose shape an
// argument would steer is refused at its first call instead of answering for the first argument.
describe('queries compiled once', () => {
  let store: Store;
  before(async () => {
    store = await openTestStore();
    await sql`create table compiled_probe (id int primary key, name text not null, kind text not null)`.execute(store.db);
    await sql`insert into compiled_probe values (1, 'one', 'odd'), (2, 'two', 'even'), (3, 'three', 'odd')`.execute(store.db);
  });
  after(() => store?.close());

  type Probe = { compiled_probe: { id: number; name: string; kind: string } };
  const probe = (db: unknown) => db as import('kysely').Kysely<Probe>;

  it('binds each call its own arguments, beside the constants of the query', async () => {
    const named = compiledOnce((db, kind: string, above: number) => probe(db).selectFrom('compiled_probe').select(['id', 'name']).where('kind', '=', kind).where('id', '>', above).where('name', '<>', 'none').orderBy('id'));
    assert.deepEqual(await named(store.db, 'odd', 0), [{ id: 1, name: 'one' }, { id: 3, name: 'three' }]);
    assert.deepEqual(await named(store.db, 'odd', 1), [{ id: 3, name: 'three' }]);
    assert.deepEqual(await named(store.db, 'even', 0), [{ id: 2, name: 'two' }]);
    // In a transaction it runs on the transaction's connection and sees its writes.
    await store.db.transaction().execute(async (trx) => {
      await sql`insert into compiled_probe values (4, 'four', 'even')`.execute(trx);
      assert.deepEqual(await named(trx, 'even', 0), [{ id: 2, name: 'two' }, { id: 4, name: 'four' }]);
      await sql`delete from compiled_probe where id = 4`.execute(trx);
    });
  });

  it('refuses a query that an argument shapes instead of reaching the SQL as a value', async () => {
    const steered = compiledOnce((db, kind: string) => {
      const q = probe(db).selectFrom('compiled_probe').select('id');
      return kind === 'odd' ? q.where('kind', '=', 'odd') : q;
    });
    await assert.rejects(steered(store.db, 'odd'), /argument 0 does not reach the SQL as a bound value/);
  });
});
