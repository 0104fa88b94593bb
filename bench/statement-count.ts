// SQL statements per request (issue #14), printed as JSON for the load bench, which spawns this
// file as a process of its own (see src/testing/statement-counter.ts).
import { countStatementsPerRequest } from '../src/testing/statement-counter.js';

export type { StatementCounts } from '../src/testing/statement-counter.js';

if (process.env.SOSA_TEST_STORE !== 'postgres') throw new Error('run with SOSA_TEST_STORE=postgres');
console.log(JSON.stringify(await countStatementsPerRequest()));
