import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

// Named prepared statements on the PostgreSQL pool (issue #14). The reads are one statement each,
// built by JSON aggregation, and PostgreSQL spent most of their cost parsing and planning that
// text again on every call: replayed on 4 connections, the request detail cost the database
// 4.9 ms of CPU as an unnamed statement and 0.7 ms as a prepared one, the dashboard 16 ms and
// 1.4 ms (bench/statement-trace.ts --replay [--prepared]). Kysely sends every query through
// client.query(text, values); this pool gives each statement a name derived from its text, so pg
// parses it once per connection and afterwards only binds and executes it.
//
// Bounded: a connection keeps its PREPARABLE statements most recently used first, at most
// PER_CONNECTION; the least recently used one is deallocated when a new one comes (a statement's
// text varies with the number of ids in an IN list, so the set is not closed). Transaction
// control, DDL and the like stay unnamed. A statement whose result type changed under it (a
// migration added a column to a table read with `select *` while this process ran) fails once
// with "cached plan must not change result type": it is forgotten and, outside a transaction,
// sent again.

/** Statements PostgreSQL can prepare: the reads and writes; not BEGIN, COMMIT, DDL, SET … */
const PREPARABLE = /^\s*(select|insert|update|delete|with|values)\b/i;
export const PER_CONNECTION = 200;

/**
 * Only one statement can be prepared: a text with a semicolon before its end (a migration's or a
 * seed's several commands, or a literal that holds one) goes unnamed.
 */
export function preparable(text: string): boolean {
  if (!PREPARABLE.test(text)) return false;
  const semicolon = text.indexOf(';');
  return semicolon === -1 || text.slice(semicolon + 1).trim() === '';
}

const names = new Map<string, string>();
/** The statement's name: a digest of its text, so the same text gets the same name on every connection. */
export function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    if (names.size >= 5_000) names.clear();
    name = `sosa_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

/** pg's own record of the statements a connection has parsed (internal to pg 8: deleted from when we deallocate). */
type Parsed = { connection?: { parsedStatements?: Record<string, string> } };

const prepared = new WeakMap<pg.PoolClient, Map<string, true>>();

function forget(client: pg.PoolClient, statements: Map<string, true>, name: string): void {
  statements.delete(name);
  delete (client as unknown as Parsed).connection?.parsedStatements?.[name];
  // Queued behind the query in flight, if any; a connection that dies meanwhile takes its statements with it.
  client.query(`deallocate "${name}"`).catch(() => {});
}

export function isStalePlan(error: unknown): boolean {
  return (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));
}

async function preparedQuery<R>(client: pg.PoolClient, text: string, values: readonly unknown[]): Promise<PostgresQueryResult<R>> {
  if (!preparable(text)) return client.query(text, [...values]) as unknown as Promise<PostgresQueryResult<R>>;
  let statements = prepared.get(client);
  if (!statements) prepared.set(client, (statements = new Map()));
  const name = nameOf(text);
  if (statements.has(name)) statements.delete(name);
  else if (statements.size >= PER_CONNECTION) forget(client, statements, statements.keys().next().value!);
  statements.set(name, true);
  try {
    return (await client.query({ name, text, values: [...values] })) as unknown as PostgresQueryResult<R>;
  } catch (error) {
    if (!isStalePlan(error)) throw error;
    forget(client, statements, name);
    // In a transaction the error has aborted it: the caller's transaction fails, as any error would.
    if ((client as unknown as { getTransactionStatus?(): string | null }).getTransactionStatus?.() !== 'I') throw error;
    return client.query(text, [...values]) as unknown as Promise<PostgresQueryResult<R>>;
  }
}

/** The pool as Kysely's PostgresDialect takes it, sending reads and writes as named prepared statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  // One wrapper per pooled client: Kysely keeps its connection object per client it is given.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((text: string, values: readonly unknown[]) => preparedQuery(client, text, values)) as PostgresPoolClient['query'],
          release: () => client.release(),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
