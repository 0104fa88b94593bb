import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

/**
 * The store tests run on: embedded PGlite by default, PostgreSQL when SOSA_TEST_STORE=postgres.
 * Each test gets its own database: a fresh PostgreSQL database (dropped at close), or a copy of
 * a migrated PGlite image (initdb and migrations run once per process).
 */
export const TEST_STORE: 'pglite' | 'postgres' = process.env.SOSA_TEST_STORE === 'postgres' ? 'postgres' : 'pglite';
export const TEST_POSTGRES_URL = process.env.SOSA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let template: Promise<Blob> | null = null;

const STORE_DIR = fileURLToPath(new URL('../store/', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/sosa-test-pglite/', import.meta.url));

/**
 * Names the migrated image by what makes it: the migration files, the list that orders them and
 * PGlite's version. A changed migration names another image, so a stale one is never loaded.
 */
function templateName(): string {
  const hash = createHash('sha256');
  const migrations = join(STORE_DIR, 'migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  hash.update(readFileSync(join(STORE_DIR, 'migrate.ts')));
  hash.update(readFileSync(fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url))));
  return `${hash.digest('hex').slice(0, 24)}.tar`;
}

/**
 * initdb and the migrations take about 15 s of a test process on this machine (two cores), and
 * every process of the suite paid them again. The image is kept on disk between processes
 * (SOSA_TEST_PGLITE_CACHE=0 turns that off); written under a temporary name, then renamed, so
 * processes running side by side never read a half-written one.
 */
export async function migratedPgliteImage(): Promise<Blob> {
  template ??= (async () => {
    const cached = process.env.SOSA_TEST_PGLITE_CACHE === '0' ? null : join(CACHE_DIR, templateName());
    if (cached) {
      try {
        return new Blob([readFileSync(cached)]);
      } catch {
        /* not made yet: make it below */
      }
    }
    const store = await openStore({ dataDir: 'memory://' });
    await migrateToLatest(store.db);
    const image = (await store.pglite!.dumpDataDir('none')) as Blob;
    await store.close();
    if (cached) {
      mkdirSync(CACHE_DIR, { recursive: true });
      const partial = `${cached}.${process.pid}.${randomUUID()}`;
      writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
      renameSync(partial, cached);
    }
    return image;
  })();
  return template;
}

/**
 * Fills the embedded data folder `dir`, when it does not exist yet or is empty, with the migrated
 * database, for tests whose subject is not a folder's first start (that is cli.test.ts's and the
 * demo federation's). On a new folder a process pays PGlite's initdb and every migration, about
 * 15 s of CPU on this machine; unpacking the image takes a fraction of one. (Loading the image
 * through PGlite into a folder leaves the test process unable to exit, so the image, a tar of the
 * data folder, is unpacked by `tar`.) A folder already holding a database is left as it is.
 */
export async function fillWithMigratedDatabase(dir: string): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) return;
  const image = Buffer.from(await (await migratedPgliteImage()).arrayBuffer());
  mkdirSync(dir, { recursive: true });
  const unpacked = spawnSync('tar', ['--extract', '--file=-', `--directory=${dir}`], { input: image, encoding: 'utf8' });
  if (unpacked.status !== 0) throw new Error(`tar could not unpack the migrated image into ${dir}: ${unpacked.stderr}`);
}

const databaseUrl = (name: string) => {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Templates of other migration sets left on the server (other checkouts' runs). */
const KEPT_TEMPLATES = 6;

/**
 * The migrated PostgreSQL database the test stores are copied from, named like the PGlite image.
 * Migrating a fresh database took about a second of every test store (there are some 150 in a
 * run); `create database … template` copies it in a fraction of that. Made once, under an
 * advisory lock, so that two test processes never build it at once; it is made under another name
 * and renamed when done, so a half-migrated template is never copied.
 * The copy is made under the same lock: a run of another checkout with other migrations on the same
 * server may drop this run's template when it builds its own (the oldest beyond KEPT_TEMPLATES
 * go), and must not do so between the check and the copy (it then builds again, the next time it
 * copies).
 */
async function copyMigratedTemplate(admin: Store, database: string): Promise<void> {
  const name = `sosa_test_tpl_${templateName().slice(0, 16)}`;
  await admin.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('sosa-test-template'))`.execute(conn);
    try {
      // Newest first (a database's oid grows with its creation).
      const existing = await sql<{ datname: string }>`select datname from pg_database where datname like 'sosa_test_tpl_%' and datname not like '%_building' order by oid desc`.execute(conn);
      if (!existing.rows.some((r) => r.datname === name)) {
        // Checkouts with other migrations (a branch beside main) keep theirs: only the oldest go.
        for (const old of existing.rows.slice(KEPT_TEMPLATES - 1)) await sql.raw(`drop database if exists ${old.datname} with (force)`).execute(conn);
        await sql.raw(`drop database if exists ${name}_building`).execute(conn);
        const building = `${name}_building`;
        await sql.raw(`create database ${building}`).execute(conn);
        const store = await openStore({ databaseUrl: databaseUrl(building), poolSize: 1 });
        await migrateToLatest(store.db);
        await store.close();
        await sql.raw(`alter database ${building} rename to ${name}`).execute(conn);
      }
      await sql.raw(`create database ${database} template ${name}`).execute(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtext('sosa-test-template'))`.execute(conn);
    }
  });
}

/**
 * A database of its own for a test, dropped by `drop()`: empty (a server process under test
 * migrates it, as in production), or `migrated`, copied from the migrated template.
 */
export async function createTestDatabaseUrl(options: { migrated?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sosa_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await openStore({ databaseUrl: TEST_POSTGRES_URL, poolSize: 1 });
  try {
    if (options.migrated) await copyMigratedTemplate(admin, name);
    else await sql.raw(`create database ${name}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  return {
    url: databaseUrl(name),
    async drop() {
      const again = await openStore({ databaseUrl: TEST_POSTGRES_URL, poolSize: 1 });
      await sql.raw(`drop database if exists ${name} with (force)`).execute(again.db);
      await again.close();
    },
  };
}

export async function openTestStore(): Promise<Store> {
  if (TEST_STORE === 'postgres') {
    const { url, drop } = await createTestDatabaseUrl({ migrated: true });
    const store = await openStore({ databaseUrl: url, poolSize: 8 });
    await migrateToLatest(store.db);
    return { ...store, close: async () => { await store.close(); await drop(); } };
  }
  const store = await openStore({ dataDir: 'memory://', loadDataDir: await migratedPgliteImage() });
  await migrateToLatest(store.db);
  return store;
}
