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
