import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { PgliteAnswer } from './pglite-results.js';
import { isStalePlan, nameOf, preparable } from './prepared-statements.js';

// Named prepared statements on embedded PGlite (issue #14), as src/store/prepared-statements.ts
// gives them to the PostgreSQL pool. PGlite's query() sends each statement unnamed, in six calls
// into the database (parse, describe, bind, describe, execute, sync): it is parsed and planned
// every time, and the calls cost more than the execution. Measured on a test database
// (bench/pglite-statements.bench.ts): the request detail planned in 1.4 ms and executed in 0.4 ms,
// 2.9 ms a call in all; the work queue 1.8, 0.5 and 4.0 ms.
//
// Here a statement is parsed once under a name derived from its text (with its parameter types,
// described once), and each call binds, describes, executes and syncs in one buffer, one call.
// The database processes the whole buffer whatever fails in it (an error skips to the Sync), so
// a failed call leaves no half-sent protocol behind. Bounded like the pool's: at most
// PER_DATABASE statements, the least recently used closed when a new one comes. A statement whose
// result type changed under it (a migration while the process runs) fails once with "cached plan
// must not change result type": it is forgotten, and sent again outside a transaction.

const { serialize } = protocol;

/** Off only for the benchmark's baseline (bench/pglite-statements.bench.ts): PGlite's own query(), measured in the same run. */
export const pgliteNamedStatements = { on: true };
export const PER_DATABASE = 200;
/** One statement the database can prepare (prepared-statements.ts `preparable`), unless the benchmark's baseline turned named statements off. */
export function preparableOnPglite(text: string): boolean {
  return pgliteNamedStatements.on && preparable(text);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export class PglitePreparedStatements {
  /** Name and parameter types by text, most recently used last. */
  private readonly statements = new Map<string, { name: string; paramTypes: number[]; select: boolean }>();
  private readonly answer = new PgliteAnswer();

  constructor(private readonly pglite: PGlite) {}

  /** Runs `text` with `values` as a named prepared statement; the caller holds the one connection. */
  async query<R>(text: string, values: readonly unknown[]): Promise<Results<R>> {
    try {
      return await this.pglite.runExclusive(() => this.run<R>(text, values));
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      await this.pglite.runExclusive(() => this.forget(text));
      // Inside a transaction the failure has aborted it: the caller's transaction fails as it would have.
      if (this.pglite.isInTransaction()) throw error;
      return this.pglite.runExclusive(() => this.run<R>(text, values));
    }
  }

  private async run<R>(text: string, values: readonly unknown[]): Promise<Results<R>> {
    const statement = await this.prepared(text);
    const params = values.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.pglite.serializers[statement.paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const message = concat([serialize.bind({ statement: statement.name, values: params }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]);
    let result: Results<R>;
    if (statement.select) {
      // A SELECT's rows read from the answer's bytes (pglite-results.ts), past PGlite's parser.
      this.answer.reset();
      await this.pglite.execProtocolRawStream(message, { syncToFs: false, onRawData: this.answer.receive });
      result = this.answer.take<R>(this.pglite.parsers);
    } else {
      const { messages } = await this.pglite.execProtocol(message, { syncToFs: false });
      result = parse.parseResults(messages, this.pglite.parsers)[0] as Results<R>;
    }
    // As PGlite's own query() does: the data folder is brought up to date after each statement outside a transaction.
    if (!this.pglite.isInTransaction()) await this.pglite.syncToFs();
    return result;
  }

  private async prepared(text: string): Promise<{ name: string; paramTypes: number[]; select: boolean }> {
    const known = this.statements.get(text);
    if (known) {
      this.statements.delete(text);
      this.statements.set(text, known);
      return known;
    }
    if (this.statements.size >= PER_DATABASE) await this.forget(this.statements.keys().next().value!);
    const name = nameOf(text);
    const { messages } = await this.pglite.execProtocol(concat([serialize.parse({ name, text, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
    // A statement that starts with SELECT changes nothing (a data-changing WITH would start with WITH), so no NOTIFY can come with its answer.
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages), select: /^\s*select\b/i.test(text) };
    this.statements.set(text, statement);
    return statement;
  }

  private async forget(text: string): Promise<void> {
    const statement = this.statements.get(text);
    if (!statement) return;
    this.statements.delete(text);
    await this.pglite.execProtocol(concat([serialize.close({ type: 'S', name: statement.name }), serialize.sync()]), { syncToFs: false, throwOnError: false });
  }
}
