import { InvalidArgumentError, type Command } from 'commander';
import { stopOnSignals } from './stop-on-signals.js';

// The worker loads the store, pg-boss and the analytics when it starts, not with every CLI call (see main.ts).
const workerModule = () => import('../services/networks/run-analysis-worker.js');

function slots(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('must be a whole number 1-64');
  return n;
}

/** `sosa worker` (issue #14): a process working the analysis job queue of the PostgreSQL store. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('work queued scenario and mitigation analyses (PostgreSQL, DATABASE_URL) on this machine; Ctrl-C or SIGTERM hands the jobs in hand back to the queue')
    .option('--concurrency <n>', 'analysis chunks worked at once, each on one LP thread (default 1)', slots, 1)
    .action(async (opts: { concurrency: number }) => {
      const { startAnalysisWorker } = await workerModule();
      const worker = await startAnalysisWorker({ slots: opts.concurrency });
      console.log(`SOSA worker ${process.pid} is working analysis jobs (concurrency ${opts.concurrency}).`);
      stopOnSignals({ name: 'SOSA worker', stopping: 'handing the jobs in hand back to the queue', stop: () => worker.stop() });
    });
}
