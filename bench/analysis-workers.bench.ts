// Issue #14, analysis on many workers: one scenario run (supply-resilience.md §4, every node out
// for its TTR) of a seeded synthetic network through the real processes on PostgreSQL — a
// `sosa serve` that only queues (SOSA_WORKERS=0) and first 1, then 2 `sosa worker` processes
// (concurrency 1 each: one LP thread per worker) — timed from the POST to the run read back done
// through the API, beside the same run in this process on one LP thread (no queue). The three
// results must agree (rows, statuses, LP counts; numbers to 1e-6): the bench fails when they do
// not. Each worker first runs a small network alone, so none pays its first HiGHS load in a
// timed run; the second is paused (SIGSTOP) for the 1-worker runs. The machine is shared: a full run takes two rounds of (1 worker, 2 workers) and
// keeps the fastest of each. A scratch database, dropped at the end; every process it starts is stopped.
// Runnable alone: node --import tsx bench/analysis-workers.bench.ts [--quick]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { closeLpWorkerPools, runScenario, type ScenarioResult } from '../src/analytics/disruption/index.js';
import type { SupplyNetwork } from '../src/analytics/network/network-model.js';
import { openStore, type Store } from '../src/store/database.js';
import { scenarioResultDifferences } from '../src/testing/scenario-result-diff.js';
import { killHard, startServerProcess, type ServerProcess } from '../src/testing/server-process.js';
import { createTestDatabaseUrl } from '../src/testing/test-store.js';
import { startWorkerProcess, stopProcess, type WorkerProcess } from '../src/testing/worker-process.js';
import { BENCH_SCENARIO, benchNetwork } from './analysis-network.js';
import { postgresUnavailable } from './bench-store.js';
import { elapsedMs, type BenchOptions } from './measure.js';
import { machineLine, quickFlag } from './standalone.js';
import { formatCount, formatNumber, formatRatio, formatTable, type BenchResult } from './table.js';

const PASSWORD = 'analysis-workers-bench-password';
const SCENARIO = BENCH_SCENARIO;
/** The issue's target: 2 worker processes at least this many times as fast as one. */
const TARGET = 1.7;

const network = benchNetwork;
const ALONE = resolve(import.meta.dirname, 'scenario-alone.ts');

/**
 * The machine's ceiling for two analyses at once: two processes each run the network in process
 * (one LP thread, no queue), started together after their warm-ups; the slower one's seconds.
 */
async function twoAtOnce(nodes: number): Promise<number> {
  const children = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', ALONE, String(nodes)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  try {
    const lines = children.map((child) => {
      const rl = createInterface({ input: child.stdout! });
      const queue: string[] = [];
      const waiting: Array<(line: string) => void> = [];
      rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)));
      child.on('exit', (code) => waiting.splice(0).forEach((w) => w(`exit ${code}`)));
      return () => new Promise<string>((r) => (queue.length ? r(queue.shift()!) : waiting.push(r)));
    });
    const ready = await Promise.all(lines.map((next) => next()));
    if (ready.some((l) => l !== 'ready')) throw new Error(`scenario-alone did not start: ${ready.join(', ')}`);
    for (const child of children) child.stdin!.write('go\n');
    const done = await Promise.all(lines.map((next) => next()));
    const seconds = done.map((l) => Number(/^seconds (\S+)$/.exec(l)?.[1]));
    if (seconds.some((x) => !Number.isFinite(x))) throw new Error(`scenario-alone failed: ${done.join(', ')}`);
    return Math.max(...seconds);
  } finally {
    await Promise.all(children.map((c) => stopProcess(c)));
  }
}

/** CPU seconds (user + system, all threads) a process has used so far; null off Linux. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** The whole machine's busy and total CPU ticks so far (/proc/stat); null off Linux. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const n = values.map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - n[3]! - n[4]!, total }; // less idle and iowait
  } catch {
    return null;
  }
}

interface TimedRun {
  seconds: number;
  result: ScenarioResult;
  chunks: number;
  /** What the run's timeline shows (plan, chunks, combine; per worker: chunks, busy time, CPU). */
  profile: string;
}

interface Phase {
  server: ServerProcess;
  store: Store;
  token: string;
  workers: WorkerProcess[];
}

async function call(phase: Phase, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${phase.server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${phase.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

/**
 * One scenario run through the queue, timed from the POST to the run's finished_at (written by the
 * worker that ends it, on this machine's clock). Its end is seen by reading the run through the API
 * every 250 ms: a faster poll would take the workers' CPU.
 */
async function timedRun(phase: Phase, networkId: string, timeoutMs: number): Promise<TimedRun> {
  const cpuBefore = phase.workers.map((w) => cpuSeconds(w.pid));
  const serverCpuBefore = cpuSeconds(phase.server.child.pid!);
  const ticksBefore = machineTicks();
  const postedAt = Date.now();
  const started = process.hrtime.bigint();
  const posted = await call(phase, 'POST', `/networks/${networkId}/analyses`, { kind: 'scenario', scenario: SCENARIO });
  if (posted.status !== 202) throw new Error(`analysis not started: ${posted.status} ${JSON.stringify(posted.body)}`);
  const analysisId = posted.body.id as string;
  let read: { status: number; body: any };
  for (;;) {
    read = await call(phase, 'GET', `/networks/${networkId}/analyses/${analysisId}`);
    if (read.body?.status !== 'queued' && read.body?.status !== 'running') break;
    if (elapsedMs(started) > timeoutMs) throw new Error(`the run did not end within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const ticksAfter = machineTicks();
  if (read.body.status !== 'done') throw new Error(`the run ended ${read.body.status}: ${read.body.error} ${phase.workers.map((w) => w.output().slice(-2000)).join('\n')}`);
  const ended = await phase.store.db.selectFrom('network_analyses').select('finished_at').where('id', '=', analysisId).executeTakeFirstOrThrow();
  const seconds = (new Date(ended.finished_at!).getTime() - postedAt) / 1000;

  const chunks = await phase.store.db.selectFrom('network_analysis_chunks').select(['worker', 'tries', 'started_at', 'done_at']).where('analysis_id', '=', analysisId).execute();
  const at = (d: Date | string | null) => (d === null ? Number.NaN : new Date(d).getTime());
  const firstStart = Math.min(...chunks.map((c) => at(c.started_at)));
  const lastDone = Math.max(...chunks.map((c) => at(c.done_at)));
  const s = (ms: number) => `${formatNumber(ms / 1000)} s`;
  const perWorker = phase.workers.map((w, i) => {
    const mine = chunks.filter((c) => c.worker?.endsWith(`:${w.pid}`));
    const busy = mine.reduce((sum, c) => sum + at(c.done_at) - at(c.started_at), 0);
    const cpu = cpuSeconds(w.pid);
    const before = cpuBefore[i];
    return `worker ${i + 1}: ${mine.length} chunks, ${s(busy)} in chunks${cpu !== null && before !== null && before !== undefined ? `, ${formatNumber(cpu - before)} s CPU` : ''}`;
  });
  const serverCpu = cpuSeconds(phase.server.child.pid!);
  const machine = ticksBefore && ticksAfter ? (ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total) : null;
  const retried = chunks.filter((c) => c.tries > 1).length;
  const profile =
    chunks.length === 0
      ? 'no chunk (every row answered by a shortcut)'
      : `POST → first chunk started ${s(firstStart - postedAt)} (queue, plan job), chunks ${s(lastDone - firstStart)}, last chunk done → run done ${s(postedAt + seconds * 1000 - lastDone)} (combine); ` +
        `${perWorker.join('; ')}${retried ? `; ${retried} chunks retried` : ''}` +
        `${serverCpu !== null && serverCpuBefore !== null ? `; server ${formatNumber(serverCpu - serverCpuBefore)} s CPU` : ''}` +
        `${machine !== null ? `; machine ${Math.round(machine * 100)} % busy (both cores, every process)` : ''}`;
  return { seconds, result: read.body.result.scenario as ScenarioResult, chunks: chunks.length, profile };
}

async function importNetwork(phase: Phase, name: string, model: SupplyNetwork): Promise<string> {
  const imported = await call(phase, 'POST', '/networks', { format: 'json', name, network: model });
  if (imported.status !== 201) throw new Error(`network not imported: ${imported.status} ${JSON.stringify(imported.body)}`);
  return imported.body.id as string;
}

export async function benchAnalysisWorkers(options: BenchOptions): Promise<BenchResult> {
  const nodes = options.quick ? 1_000 : 2_500;
  const rounds = options.quick ? 1 : 2;
  const model = network(nodes);
  const warmUp = network(400);
  const timeoutMs = (options.quick ? 3 : 15) * 60_000;
  const load = () => loadavg().map((x) => formatNumber(x)).join(', ');
  const loadBefore = load();

  // The reference: the same run in this process, one LP thread, no queue (before any process starts).
  await runScenario(warmUp, SCENARIO, { workers: 1 });
  let started = process.hrtime.bigint();
  const inProcess = await runScenario(model, SCENARIO, { workers: 1 });
  const inProcessSeconds = elapsedMs(started) / 1000;
  await closeLpWorkerPools();
  const twoAtOnceSeconds = await twoAtOnce(nodes);
  const ceiling = (2 * inProcessSeconds) / twoAtOnceSeconds;

  const pg = await createTestDatabaseUrl();
  const env = { DATABASE_URL: pg.url, SOSA_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' };
  const processes: WorkerProcess[] = [];
  let server: ServerProcess | null = null;
  let store: Store | null = null;
  try {
    server = await startServerProcess(['--demo'], { ...env, SOSA_WORKERS: '0' }, 120_000);
    store = await openStore({ databaseUrl: pg.url, poolSize: 1 });
    const session = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'in.analyst', password: PASSWORD }) });
    const phase: Phase = { server, store, token: ((await session.json()) as { token: string }).token, workers: [] };
    const warmUpId = await importNetwork(phase, 'Warm-up 400', warmUp);
    const networkId = await importNetwork(phase, `Synthetic ${nodes}`, model);

    // Both workers run from the start; one is paused (SIGSTOP, between runs, when it holds no job)
    // while the other works alone: first each alone on the warm-up network (so both have loaded
    // HiGHS and compiled their paths), then for each round's 1-worker run.
    processes.push(await startWorkerProcess(env, { concurrency: 1 }), await startWorkerProcess(env, { concurrency: 1 }));
    const [first, second] = processes as [WorkerProcess, WorkerProcess];
    const runOn = (workers: WorkerProcess[], id: string) => {
      for (const w of processes) w.child.kill(workers.includes(w) ? 'SIGCONT' : 'SIGSTOP');
      phase.workers = workers;
      return timedRun(phase, id, timeoutMs);
    };
    await runOn([second], warmUpId);
    await runOn([first], warmUpId);
    const ones: TimedRun[] = [];
    const twos: TimedRun[] = [];
    for (let round = 0; round < rounds; round++) {
      ones.push(await runOn([first], networkId));
      twos.push(await runOn([first, second], networkId));
    }
    const loadAfter = load();

    const differences = [...ones, ...twos].flatMap((run, i) => {
      const what = i < ones.length ? `1 worker, round ${i + 1}` : `2 workers, round ${i - ones.length + 1}`;
      return scenarioResultDifferences(run.result, inProcess).map((d) => `${what} vs in-process: ${d}`);
    });
    if (differences.length > 0) throw new Error(`analysis workers bench: the runs differ:\n${differences.join('\n')}`);
    const best = (runs: TimedRun[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const one = best(ones);
    const two = best(twos);
    const times = (runs: TimedRun[]) => runs.map((r) => `${formatNumber(r.seconds)} s`).join(', ');

    const open = inProcess.rows.length - inProcess.stats.shortcutRows;
    const chunkRows = process.env.SOSA_CHUNK_ROWS ?? '64';
    const input = `${formatCount(nodes)} nodes, ${formatCount(model.edges.length)} edges; ${formatCount(open)} rows by LP in ${one.chunks} chunks of ≤ ${chunkRows}`;
    const speedUp = one.seconds / two.seconds;
    return {
      rows: [
        { figure: 'scenario run in this process, 1 LP thread (no queue)', on: 'pure code + worker threads', input, result: `${formatNumber(inProcessSeconds)} s` },
        {
          figure: 'the same, 2 processes at once (the machine\'s ceiling for 2)',
          on: 'pure code + worker threads',
          input,
          result: `${formatNumber(twoAtOnceSeconds)} s (both done)`,
          baseline: 'one alone: 2 runs\' work per time',
          ratio: formatRatio(ceiling),
        },
        { figure: 'scenario run on 1 `sosa worker` (POST → done)', on: 'PostgreSQL', input, result: `${formatNumber(one.seconds)} s`, baseline: 'in this process, 1 LP thread', ratio: formatRatio(inProcessSeconds / one.seconds) },
        { figure: 'scenario run on 2 `sosa worker` processes (POST → done)', on: 'PostgreSQL', input, result: `${formatNumber(two.seconds)} s, results identical`, baseline: '1 worker, same run', ratio: formatRatio(speedUp) },
      ],
      notes: [
        `Analysis on workers: a \`sosa serve\` that only queues (SOSA_WORKERS=0) and \`sosa worker --concurrency 1\` processes, SOSA_CHUNK_ROWS=${chunkRows}; ` +
          `${formatCount(inProcess.stats.ttsLps)} TTS + ${formatCount(inProcess.stats.piLps)} PI LPs, ${formatCount(inProcess.stats.shortcutRows)} rows by a shortcut. ` +
          `2 workers ${formatRatio(speedUp)} 1 worker (issue #14 target ≥ ${formatRatio(TARGET)}: ${speedUp >= TARGET ? 'met' : 'NOT met'}), ` +
          `where two processes doing the same work without a queue, started together, reach ${formatRatio(ceiling)} on this machine now (its cores and what else runs on them): ${Math.round((100 * (speedUp - 1)) / Math.max(1e-9, ceiling - 1))} % of that gain; ` +
          `every run agrees with the in-process run (rows, statuses, LP counts; numbers to 1e-6). Load average before ${loadBefore}, after ${loadAfter}.`,
        ...(rounds > 1 ? [`Analysis on workers, ${rounds} rounds of 1 then 2 workers (the machine is shared: the fastest of each is in the table): 1 worker ${times(ones)}; 2 workers ${times(twos)}.`] : []),
        `Analysis on 1 worker${rounds > 1 ? ' (fastest)' : ''}: ${one.profile}.`,
        `Analysis on 2 workers${rounds > 1 ? ' (fastest)' : ''}: ${two.profile}.`,
      ],
    };
  } finally {
    await Promise.all(processes.map((w) => stopProcess(w.child)));
    if (server) await killHard(server);
    await store?.close();
    await pg.drop();
  }
}

async function main(): Promise<void> {
  const quick = quickFlag('bench/analysis-workers.bench.ts');
  const problem = await postgresUnavailable();
  if (problem) throw new Error(`this benchmark needs PostgreSQL: ${problem}`);
  const started = process.hrtime.bigint();
  const { rows, notes } = await benchAnalysisWorkers({ quick });
  console.log(`\nAnalysis on 1 and 2 worker processes${quick ? ' (--quick: 1,000 nodes)' : ''} — ${machineLine()}\n`);
  console.log(formatTable(rows));
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  console.log(`\nTotal ${(elapsedMs(started) / 1000).toFixed(1)} s.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(`analysis workers bench failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    });
}
