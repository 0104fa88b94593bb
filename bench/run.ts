// npm run bench [-- --quick] [-- --concurrency=N]: every figure with its input size, the
// machine's core count and, where a baseline exists, the ratio measured in the same run.
import { availableParallelism, cpus } from 'node:os';
import { benchAnalysisWorkers } from './analysis-workers.bench.js';
import { benchAudit } from './audit.bench.js';
import { postgresUnavailable, type BenchStoreKind } from './bench-store.js';
import { benchCalendar } from './calendar.bench.js';
import { elapsedMs, type BenchOptions } from './measure.js';
import { benchRequests, requestBenchSettings } from './requests.bench.js';
import { benchFirstPage } from './web-assets.bench.js';
import { benchFederation } from './federation.bench.js';
import { benchPgliteStatements } from './pglite-statements.bench.js';
import { runDisruptionBench } from './disruption.bench.js';
import { runNetworkBench } from './network.bench.js';
import { runSchedulingBench } from './scheduling.bench.js';
import { formatCount, formatNumber, formatTable, type BenchResult, type BenchRow } from './table.js';

function parseArgs(argv: readonly string[]): { options: BenchOptions; concurrency: number } {
  let quick = false;
  let concurrency = 4;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--concurrency=')) {
      concurrency = Number(arg.slice('--concurrency='.length));
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a whole number ≥ 1, not ${arg}`);
    } else throw new Error(`Unknown argument ${arg}. Usage: bench/run.ts [--quick] [--concurrency=N]`);
  }
  return { options: { quick }, concurrency };
}

async function main(): Promise<void> {
  const { options, concurrency } = parseArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const add = (result: BenchResult) => {
    rows.push(...result.rows);
    notes.push(...result.notes);
  };
  const step = (what: string) => process.stderr.write(`bench [${(elapsedMs(started) / 1000).toFixed(1)} s]: ${what}\n`);

  const pgProblem = await postgresUnavailable();
  const stores: BenchStoreKind[] = pgProblem ? ['pglite'] : ['pglite', 'postgres'];
  if (pgProblem) notes.push(`PostgreSQL figures skipped: ${pgProblem}.`);

  const settings = requestBenchSettings(options, concurrency);
  for (const kind of stores) {
    step(`requests on ${kind}…`);
    add(await benchRequests(kind, settings));
  }
  step('views on PGlite, named and unnamed statements…');
  add(await benchPgliteStatements(options));
  step('first page transfer…');
  add(await benchFirstPage());
  step('working-day deadlines…');
  add(benchCalendar(options));
  step('audit chain on pglite…');
  add(await benchAudit('pglite', options));
  step('messages between two sovereign instances…');
  add(await benchFederation(options));

  step('DPAS preferential scheduling…');
  for (const r of await runSchedulingBench(options)) {
    rows.push({
      figure: r.name,
      on: 'pure code',
      input: r.size,
      result: r.perSecond ? `${formatNumber(r.seconds)} s (${formatCount(r.perSecond)} orders/s)` : `${formatNumber(r.seconds)} s`,
      ...(r.baselineRatio ? { baseline: 'unit-by-unit simulation, same run', ratio: r.baselineRatio } : {}),
    });
    if (r.note) notes.push(`${r.name}: ${r.note}`);
  }

  step('supply network critical nodes…');
  notes.push('Network memory is the whole process RSS, which includes what earlier figures of this run left; run bench/network.bench.ts alone for its own footprint.');
  for (const r of await runNetworkBench(options)) {
    rows.push({
      figure: r.name,
      on: 'pure code',
      input: r.size,
      result: `${formatNumber(r.seconds)} s${r.memoryMB ? `, ${formatCount(r.memoryMB)} MB process RSS` : ''}`,
      ...(r.baselineRatio ? { baseline: 'brute force (remove each node, re-check), same run', ratio: r.baselineRatio } : {}),
    });
    if (r.note) notes.push(`${r.name} (${r.size}): ${r.note}`);
  }

  step('supply network time-to-survive (TTS + PI LPs)…');
  for (const r of await runDisruptionBench(options)) {
    rows.push({
      figure: r.name,
      on: 'pure code + worker threads',
      input: r.size,
      result: `${formatNumber(r.seconds)} s${r.perSecond ? ` (${formatNumber(r.perSecond)} nodes/s)` : ''}`,
      ...(r.baselineRatio ? { baseline: 'plain sequential per-node LP sweep, sampled and extrapolated, same run', ratio: r.baselineRatio } : {}),
    });
    if (r.note) notes.push(`${r.name} (${r.size}): ${r.note}`);
  }

  if (!pgProblem) {
    step('scenario analysis on 1 and 2 `sosa worker` processes (PostgreSQL)…');
    add(await benchAnalysisWorkers(options));
  }

  step('done.');
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`\nSOSA Desk benchmarks${options.quick ? ' (--quick: inputs 10× smaller)' : ''} — Node ${process.version}, ${availableParallelism()} cores (${cpu})\n`);
  console.log(formatTable(rows));
  console.log('');
  for (const note of [
    'Requests: through the in-process HTTP app (app.request(): validation, bearer auth, workflow guards, deadlines, audit append; no socket), after a warm-up; ' +
      'p50/p99 are per call (create) and per transition call (each pair is two). Ratios compare figures measured in this run only.',
    ...notes,
  ]) {
    console.log(`- ${note}`);
  }
  console.log(`\nTotal ${(elapsedMs(started) / 1000).toFixed(1)} s.`);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}
