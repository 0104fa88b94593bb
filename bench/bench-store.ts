import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, redactUrl, type Store } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createTestDatabaseUrl, TEST_POSTGRES_URL } from '../src/testing/test-store.js';

export type BenchStoreKind = 'pglite' | 'postgres';

export const STORE_LABEL: Record<BenchStoreKind, string> = {
  pglite: 'PGlite (data folder)',
  postgres: 'PostgreSQL',
};

/**
 * A fresh, migrated store for one benchmark: embedded PGlite in a temporary data folder (the
 * `npm start` default, with its lock), or a new database on the local PostgreSQL server
 * (SOSA_TEST_POSTGRES_URL, as the tests use). Closing removes the folder or drops the database.
 */
export async function openBenchStore(kind: BenchStoreKind): Promise<Store> {
  if (kind === 'postgres') {
    const { url, drop } = await createTestDatabaseUrl();
    const store = await openStore({ databaseUrl: url, poolSize: 10 });
    await migrateToLatest(store.db);
    return { ...store, close: async () => { await store.close(); await drop(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sosa-bench-'));
  try {
    const store = await openStore({ dataDir: dir, lock: true });
    await migrateToLatest(store.db);
    return { ...store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** null when the benchmark PostgreSQL answers `select 1` within the time limit, else why not. */
export async function postgresUnavailable(timeoutMs = 3000): Promise<string | null> {
  const where = redactUrl(TEST_POSTGRES_URL);
  let store: Store | null = null;
  try {
    store = await openStore({ databaseUrl: TEST_POSTGRES_URL, poolSize: 1 });
    const probe = sql`select 1`.execute(store.db);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return null;
  } catch (error) {
    return `PostgreSQL at ${where} is unreachable (${(error as Error).message || (error as Error).name})`;
  } finally {
    // A pool stuck connecting would keep the process alive: do not wait for it to close.
    void store?.close().catch(() => {});
  }
}
