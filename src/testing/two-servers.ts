import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createContext, type AppContext } from '../services/context.js';
import { seedDemoData } from '../services/reference/seed-demo-data.js';
import { seedReferenceData } from '../services/reference/seed-reference-data.js';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import type { Actor } from '../domain/access/actor.js';
import { createTestDatabaseUrl } from './test-store.js';

export interface TwoServers {
  /** Two contexts, each with its own connection pool, on one fresh PostgreSQL database with demo users. */
  a: AppContext;
  b: AppContext;
  /** The first server's store, for checks after the race. */
  store: Store;
  actorOf(username: string): Promise<Actor>;
}

/**
 * Runs `body` against two "server processes" sharing one PostgreSQL database (what a deployment
 * with two instances looks like to the row-claiming schedulers), on the app clock `now`.
 */
export async function withTwoServers(now: () => Date, body: (servers: TwoServers) => Promise<void>): Promise<void> {
  const { url, drop } = await createTestDatabaseUrl();
  const config = loadConfig({});
  const logger = createLogger('silent');
  const storeA = await openStore({ databaseUrl: url, poolSize: 4 });
  const storeB = await openStore({ databaseUrl: url, poolSize: 4 });
  try {
    await migrateToLatest(storeA.db);
    await seedReferenceData(storeA.db);
    await seedDemoData(storeA.db, 'test-password-123');
    const actorOf = async (username: string): Promise<Actor> => {
      const user = await storeA.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
      return { userId: user.id, username: user.username, nation: user.nation, organisationId: user.organisation_id, roles: user.roles } as Actor;
    };
    await body({ a: createContext(storeA, config, logger, now), b: createContext(storeB, config, logger, now), store: storeA, actorOf });
  } finally {
    await storeA.close();
    await storeB.close();
    await drop();
  }
}
