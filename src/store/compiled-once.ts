import { createQueryId, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// Queries of the hot paths built and compiled once per process (issue #14). Kysely builds an
// operation tree and compiles it to SQL on every call: for the request detail's one statement of
// JSON aggregation that was about a tenth of the server's CPU per read, to produce the same text
// each time. A query made here is built once with stand-ins for its arguments; each call binds
// the arguments in their places and sends the text as it is (the prepared-statement pool then
// finds its name by that text). Both stores compile with the PostgreSQL compiler, so one text
// serves both.

/** Stands for the argument at `index` while the query is built. */
class Argument {
  constructor(readonly index: number) {}
}

/** A Kysely that only builds and compiles: it has no connection and runs nothing. */
const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/**
 * A query whose shape does not depend on its arguments, compiled on its first call. Each argument
 * must reach the SQL as one bound value (`where('id', '=', id)`), not steer the building (an `if`,
 * an `in` list of its length, a value in `sql.raw`): the first compile checks that each argument
 * is bound, and throws otherwise.
 */
export function compiledOnce<A extends unknown[], R>(build: (db: Kysely<Database>, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<R[]> {
  let compiled: CompiledQuery<R> | undefined;
  const compile = (arity: number): CompiledQuery<R> => {
    const stand = Array.from({ length: arity }, (_, i) => new Argument(i)) as unknown as A;
    const query = build(builder, ...stand).compile();
    const bound = new Set(query.parameters.filter((p): p is Argument => p instanceof Argument).map((p) => p.index));
    for (let i = 0; i < arity; i++) if (!bound.has(i)) throw new Error(`compiledOnce: argument ${i} does not reach the SQL as a bound value`);
    return query;
  };
  return async (db, ...args) => {
    compiled ??= compile(args.length);
    const parameters = compiled.parameters.map((p) => (p instanceof Argument ? args[p.index] : p));
    const result = await db.executeQuery<R>({ query: compiled.query, queryId: createQueryId(), sql: compiled.sql, parameters });
    return result.rows;
  };
}
