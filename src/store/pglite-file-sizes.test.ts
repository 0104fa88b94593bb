import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore, type Store } from './database.js';
import { keepFileSizes } from './pglite-file-sizes.js';

// Issue #14: on a PGlite data folder a data file's size is kept between writes
// (pglite-file-sizes.ts). What PostgreSQL is told must stay each file's real size on disk as
// tables grow, shrink, are truncated and rewritten; and a read that writes nothing must not ask
// the file system again.
describe('PGlite data folder: file sizes kept between writes', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sosa-file-sizes-'));
    store = await openStore({ dataDir: dir, lock: false });
    await sql`create table size_probe (id int primary key, pad text)`.execute(store.db);
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The table's size as PostgreSQL sees it (smgrnblocks: lseek to the end) and as the disk has it. */
  const sizes = async () => {
    const row = (await sql<{ bytes: number; path: string }>`select pg_relation_size('size_probe') as bytes, pg_relation_filepath('size_probe') as path`.execute(store.db)).rows[0]!;
    return { postgres: Number(row.bytes), disk: statSync(join(dir, row.path)).size };
  };

  it('is on for a data folder', () => {
    assert.equal(keepFileSizes(store.pglite!), true);
  });

  it('tells PostgreSQL the size on disk after inserts, deletes and vacuum, truncate and a rewrite', async () => {
    // Each step's rows as a sequential scan finds them: it reads as many pages as the kept size says,
    // so a size kept too small hides rows, and pg_relation_size alone (a stat of its own) would not show it.
    const steps: Array<[string, number, () => Promise<unknown>]> = [
      ['insert', 2000, () => sql`insert into size_probe select g, repeat('x', 500) from generate_series(1, 2000) g`.execute(store.db)],
      ['insert more', 3000, () => sql`insert into size_probe select g, repeat('y', 500) from generate_series(2001, 3000) g`.execute(store.db)],
      ['delete the tail, vacuum', 100, async () => {
        await sql`delete from size_probe where id > 100`.execute(store.db);
        await sql`vacuum size_probe`.execute(store.db);
      }],
      ['truncate', 0, () => sql`truncate size_probe`.execute(store.db)],
      ['insert again', 500, () => sql`insert into size_probe select g, repeat('z', 500) from generate_series(1, 500) g`.execute(store.db)],
      ['vacuum full (a new file)', 500, () => sql`vacuum full size_probe`.execute(store.db)],
      ['insert after the rewrite', 1500, () => sql`insert into size_probe select g, repeat('w', 500) from generate_series(501, 1500) g`.execute(store.db)],
    ];
    const scanned = async () => {
      await sql`set enable_indexscan = off`.execute(store.db);
      await sql`set enable_bitmapscan = off`.execute(store.db);
      try {
        return Number((await sql<{ n: number }>`select count(*)::int as n from size_probe where pad is not null`.execute(store.db)).rows[0]!.n);
      } finally {
        await sql`reset enable_indexscan`.execute(store.db);
        await sql`reset enable_bitmapscan`.execute(store.db);
      }
    };
    for (const [step, rows, run] of steps) {
      await run();
      assert.equal(await scanned(), rows, `${step}: rows a sequential scan finds`);
      await sql`checkpoint`.execute(store.db); // the table's pages on disk, so that the disk's size is PostgreSQL's
      const { postgres, disk } = await sizes();
      assert.equal(postgres, disk, step);
      assert.ok(step === 'truncate' || postgres > 0, step);
    }
  });

  it('answers a repeated read without asking the file system for sizes again', async () => {
    const read = () => sql`select count(*) from size_probe where pad like ${'w%'}`.execute(store.db);
    await read();
    const fstat = fs.fstatSync;
    let asked = 0;
    fs.fstatSync = ((...args: Parameters<typeof fstat>) => {
      asked++;
      return fstat(...args);
    }) as typeof fstat;
    try {
      for (let i = 0; i < 5; i++) await read();
    } finally {
      fs.fstatSync = fstat;
    }
    assert.equal(asked, 0);
  });
});
