import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { withCommitHook } from './commit-hook.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { keepFileSizes } from './pglite-file-sizes.js';
import { preparingPool } from './prepared-statements.js';
import type { Database } from './schema.js';
import { listenOnPglite, listenOnPostgres, reportSessionChanges, SessionChanges } from './session-changes.js';

export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  /** Where the data lives, for messages: the data folder or the server URL without password. */
  location: string;
  /** The embedded database itself (PGlite only): tests copy a migrated image from it. */
  pglite?: PGlite;
  /** Calls `listener` after every transaction this store commits (the audit sequencer's poke); returns its removal. */
  onCommit(listener: () => void): () => void;
  /** The PostgreSQL pool's connections (for /metrics); PGlite has no pool (one connection, serialised). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** What this process knows of changes to sessions, users and organisations (the session cache's invalidation). */
  sessionChanges: SessionChanges;
  close(): Promise<void>;
}

function commitListeners() {
  const listeners = new Set<() => void>();
  return {
    notify: () => {
      for (const listener of listeners) listener();
    },
    onCommit(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const INT8_OID = 20;
const DATE_OID = 1082;
const NUMERIC_OID = 1700;

// Both drivers must parse values the same way: counts and bigint ids as numbers (they stay far
// below 2^53), dates as 'YYYY-MM-DD' strings (never a Date shifted by the server's time zone),
// numerics as numbers (quantities).
const pgliteParsers = {
  [INT8_OID]: (value: string) => Number(value),
  [DATE_OID]: (value: string) => value,
  [NUMERIC_OID]: (value: string) => Number(value),
};
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
pg.types.setTypeParser(DATE_OID, (value: string) => value);
pg.types.setTypeParser(NUMERIC_OID, (value: string) => Number(value));

export interface OpenStoreOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` or undefined for an in-memory database. */
  dataDir?: string | undefined;
  /** A PGlite data folder image to start from (tests start from a migrated template). */
  loadDataDir?: Blob | undefined;
  /** Take the exclusive data-folder lock (the server and CLI do; in-memory stores need not). */
  lock?: boolean;
  poolSize?: number;
  /** Told when a pooled PostgreSQL connection is lost (a restart, crash or failover); default: nothing. */
  onConnectionLost?: (error: Error) => void;
}

/** How long a query waits for a connection (a free pool slot, or a server that answers) before it fails. */
const CONNECT_TIMEOUT_MS = 10_000;

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    // keepAlive: a connection to a server that vanished without closing it (a failover, a cut
    // network) is found dead by TCP instead of hanging a request for ever.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
    // A connection the server ends (restart, crash, failover) emits 'error': on the pool while it is
    // idle, but on the client itself while a query holds it, and pg-pool only listens to idle ones.
    // Unheard, either ends the process. The query in flight rejects on its own (the request gets
    // 503), the pool discards the broken client, and the next query connects afresh.
    const lost = options.onConnectionLost ?? (() => {});
    pool.on('error', (error) => lost(error));
    const sessionChanges = new SessionChanges(listenOnPostgres(options.databaseUrl));
    pool.on('connect', (client) => {
      client.on('error', (error) => lost(error));
      reportSessionChanges(client, sessionChanges);
    });
    const commits = commitListeners();
    const db = new Kysely<Database>({ dialect: withCommitHook(new PostgresDialect({ pool: preparingPool(pool) }), commits.notify) });
    return {
      db,
      kind: 'postgres',
      onCommit: commits.onCommit,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      location: redactUrl(options.databaseUrl),
      sessionChanges,
      close: async () => {
        await sessionChanges.close();
        await db.destroy();
      },
    };
  }
  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  const release = dataDir && options.lock !== false ? acquireDataDirLock(dataDir) : () => {};
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: pgliteParsers,
      // The trigram indexes of the requests' search (migration 0033).
      extensions: { pg_trgm },
    });
    keepFileSizes(pglite);
    // Listening before any query runs: PGlite's listen() sends LISTEN on its one connection past
    // the dialect's lock, where it would otherwise join whatever transaction holds it.
    const sessionChanges = new SessionChanges(listenOnPglite(pglite));
    sessionChanges.cacheable();
    const commits = commitListeners();
    const db = new Kysely<Database>({ dialect: withCommitHook(new PGliteDialect(pglite), commits.notify) });
    return {
      db,
      kind: 'pglite',
      onCommit: commits.onCommit,
      location: dataDir ?? 'memory://',
      pglite,
      sessionChanges,
      close: async () => {
        await sessionChanges.close();
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}
