import { randomUUID } from 'node:crypto';
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

async function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const store = await openStore({ dataDir: 'memory://' });
    await migrateToLatest(store.db);
    const image = (await store.pglite!.dumpDataDir('none')) as Blob;
    await store.close();
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
