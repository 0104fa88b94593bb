import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
async function pgliteTemplate(): Promise<Blob> {
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

export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sosa_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await openStore({ databaseUrl: TEST_POSTGRES_URL, poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  await admin.close();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = await openStore({ databaseUrl: TEST_POSTGRES_URL, poolSize: 1 });
      await sql.raw(`drop database if exists ${name} with (force)`).execute(again.db);
      await again.close();
    },
  };
}

export async function openTestStore(): Promise<Store> {
  if (TEST_STORE === 'postgres') {
    const { url, drop } = await createTestDatabaseUrl();
    const store = await openStore({ databaseUrl: url, poolSize: 8 });
    await migrateToLatest(store.db);
    return { ...store, close: async () => { await store.close(); await drop(); } };
  }
  const store = await openStore({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
  await migrateToLatest(store.db);
  return store;
}
