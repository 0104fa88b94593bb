// The database's own pace, as issue #14 asks for it: pgbench's select-only script (-S) as the
// ceiling of reads and its simple-update script (-N) as the ceiling of writes, on a scratch
// database of its own, with the load bench's number of connections. The writes' targets are
// ratios to -N: a create or a step commits one transaction, as each -N transaction does.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabaseUrl } from '../src/testing/test-store.js';

const run = promisify(execFile);

export type PgbenchScript = 'select-only' | 'simple-update';

export interface PgbenchCeiling {
  /** Transactions per second of `script` for `seconds` s on `clients` connections. */
  measure(script: PgbenchScript, seconds: number): Promise<number>;
  drop(): Promise<void>;
}

/** Null when pgbench is not installed (it comes with PostgreSQL's client packages). */
export async function startPgbench(clients: number): Promise<PgbenchCeiling | null> {
  if (!(await run('pgbench', ['--version']).then(() => true, () => false))) return null;
  const db = await createTestDatabaseUrl();
  try {
    // Scale 1: 100,000 accounts, small enough to initialise in seconds, as the bare endpoint's 1,000 rows are.
    await run('pgbench', ['-i', '-q', '-s', '1', db.url]);
  } catch (error) {
    await db.drop();
    throw error;
  }
  return {
    async measure(script, seconds) {
      const { stdout } = await run('pgbench', [script === 'select-only' ? '-S' : '-N', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-n', db.url]);
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
      if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
      return Number(tps);
    },
    drop: db.drop,
  };
}
