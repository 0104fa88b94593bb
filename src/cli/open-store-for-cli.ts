import { loadConfig } from '../config.js';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

/** The CLI opens the same store as the server: DATABASE_URL when set, else the data folder (with its lock). */
export async function openStoreForCli(options: { data?: string | undefined; migrate?: boolean }): Promise<Store> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: options.data ?? config.dataDir, lock: true });
  if (options.migrate !== false) await migrateToLatest(store.db);
  return store;
}

/** Runs `work` on the CLI's store and closes the store after, whatever happens (an embedded data folder's lock is released). */
export async function withCliStore<T>(options: { data?: string | undefined; migrate?: boolean }, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStoreForCli(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
