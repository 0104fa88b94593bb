import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import type { Store } from './database.js';
import { PglitePreparedStatements } from './pglite-prepared.js';
import { openTestStore, TEST_STORE } from '../testing/test-store.js';

// Issue #14: on PGlite a SELECT's rows are read from the answer's bytes (pglite-results.ts), not
// by PGlite's parser. They must be the rows PGlite's own query() gives, value for value and type
// for type, and its errors the same DatabaseError.
describe('PGlite: a SELECT read from the answer bytes', { skip: TEST_STORE !== 'pglite' && 'PGlite only' }, () => {
  let store: Store;
  let pglite: PGlite;
  let prepared: PglitePreparedStatements;
  before(async () => {
    store = await openTestStore();
    pglite = store.pglite!;
    prepared = new PglitePreparedStatements(pglite);
  });
  after(() => store?.close());

  const same = async (text: string, values: unknown[]) => {
    const ours = await prepared.query<Record<string, unknown>>(text, values);
    const theirs = await pglite.query<Record<string, unknown>>(text, values);
    assert.deepEqual(ours.rows, theirs.rows);
    assert.deepEqual(Object.keys(ours.rows[0] ?? {}), Object.keys(theirs.rows[0] ?? {}));
    assert.deepEqual(ours.fields, theirs.fields);
    return ours.rows;
  };

  it('gives every type as PGlite query() does: the store parsers, then PGlite defaults, nulls, arrays, json', async () => {
    const rows = await same(
      `select $1::int as i, 9007199254740993::int8 as big, 12.50::numeric as n, 1.5::float8 as f, true as b, false as nb,
              '2026-12-05'::date as d, '2026-12-05 10:00:00+00'::timestamptz as t, 'ünïcødé ✓'::text as "naïve name",
              '{"a": [1, "x"], "b": null}'::json as j, '{"k": "v"}'::jsonb as jb, array['a', 'b,c', null]::text[] as arr,
              array[1, 2]::int[] as ints, null::text as nothing, ''::text as empty, '\\x0102'::bytea as bytes,
              gen_random_uuid() is not null as has_uuid, $2::text as param`,
      [7, 'bound'],
    );
    assert.equal(rows[0]!.i, 7);
    assert.equal(rows[0]!.big, 9007199254740992); // the store's INT8 parser: Number, as on PostgreSQL
    assert.equal(rows[0]!.d, '2026-12-05');
    assert.deepEqual(rows[0]!.j, { a: [1, 'x'], b: null });
  });

  it('gives many rows of an answer larger than its receive buffer, and no rows when none match', async () => {
    const rows = await same(`select g as id, repeat('x', $1::int) as pad from generate_series(1, 3000) g`, [100]);
    assert.equal(rows.length, 3000);
    assert.equal(rows[2999]!.id, 3000);
    assert.deepEqual(await same(`select 1 as one where $1::int = 0`, [1]), []);
  });

  it('keeps the later of two columns of one name, as Object.fromEntries does', async () => {
    await same(`select 1 as x, $1::text as x`, ['later']);
  });

  it("throws the database's error with its code, and the next statement still answers", async () => {
    const error = await prepared.query(`select 1 / $1::int as n`, [0]).catch((e: unknown) => e);
    const theirs = await pglite.query(`select 1 / $1::int as n`, [0]).catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, '22012');
    assert.equal((error as Error).constructor, (theirs as Error).constructor);
    assert.equal((error as Error).message, (theirs as Error).message);
    await same(`select $1::int + 1 as n`, [1]);
  });

  it("never hands a failed call's rows to the next SELECT (a throw after the answer's bytes came: review of stop 28)", async () => {
    const raw = pglite.execProtocolRawStream.bind(pglite);
    pglite.execProtocolRawStream = async (...args: Parameters<PGlite['execProtocolRawStream']>) => {
      await raw(...args);
      throw new Error('the call fails after its rows arrived');
    };
    try {
      await assert.rejects(prepared.query(`select $1::text as someone_elses`, ['secret']), /after its rows arrived/);
    } finally {
      pglite.execProtocolRawStream = raw;
    }
    assert.deepEqual(await same(`select $1::text as mine`, ['mine']), [{ mine: 'mine' }]);
  });
});
