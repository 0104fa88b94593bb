import type { PGlite } from '@electric-sql/pglite';
import { PglitePreparedStatements, preparableOnPglite } from './pglite-prepared.js';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * Kysely dialect for embedded PGlite. PGlite is one single-threaded backend, so the driver is a
 * pool of exactly one connection guarded by a FIFO mutex: a transaction holds the connection from
 * BEGIN to COMMIT and no autocommit statement of another caller can slip in between (which would
 * otherwise join — and be rolled back with — somebody else's transaction).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

function lastResult<R>(results: Array<{ rows: unknown[]; affectedRows?: number }>) {
  const last = results[results.length - 1];
  return { rows: (last?.rows ?? []) as R[], affectedRows: last?.affectedRows };
}

// Query spans for the embedded store (issue #16): there is no maintained OpenTelemetry
// instrumentation of PGlite, so the dialect makes them itself, with the attributes
// @opentelemetry/instrumentation-pg gives a pg query (the statement with its $1 placeholders,
// never the parameters; for a failure the SQLSTATE, not the message, which may quote a value).
// Only inside a traced request or tick: with no tracer provider there is never an active span,
// so the cost when tracing is off is one call per query.
const tracer = trace.getTracer('sosa-desk-pglite');

async function traced<T>(sql: string, run: () => Promise<T>): Promise<T> {
  if (!trace.getActiveSpan()) return run();
  const operation = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toUpperCase() ?? 'QUERY';
  return tracer.startActiveSpan(`pglite.query:${operation}`, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'pglite', 'db.operation.name': operation, 'db.query.text': sql } }, async (span) => {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      span.setAttribute('error.type', typeof code === 'string' ? code : 'Error');
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

class PGliteConnection implements DatabaseConnection {
  private readonly prepared: PglitePreparedStatements;
  constructor(private readonly pglite: PGlite) {
    this.prepared = new PglitePreparedStatements(pglite);
  }
  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return traced(compiled.sql, () => this.run<R>(compiled));
  }
  private async run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters use the simple-query protocol, which (like pg) accepts a script of
    // several statements, as migrations are; with parameters, the extended protocol, as a named
    // prepared statement where it can be one (pglite-prepared.ts).
    const result =
      compiled.parameters.length === 0
        ? lastResult(await this.pglite.exec(compiled.sql))
        : preparableOnPglite(compiled.sql)
          ? await this.prepared.query<R>(compiled.sql, compiled.parameters)
          : await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming queries');
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: PGliteConnection;
  private releaseLock: (() => void) | null = null;

  constructor(private readonly pglite: PGlite) {
    this.connection = new PGliteConnection(pglite);
  }
  async init() {
    await this.pglite.waitReady;
  }
  async acquireConnection() {
    this.releaseLock = await this.mutex.lock();
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection, settings: { isolationLevel?: string }) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection() {
    const release = this.releaseLock;
    this.releaseLock = null;
    release?.();
  }
  async destroy() {
    await this.pglite.close();
  }
}
