// Time-to-survive + performance impact (supply-resilience.md §4) for EVERY node of a seeded
// synthetic network of 5,000 nodes (--quick: 500): the product path (exact shortcuts, warm-started
// HiGHS models, piscina worker pool) against the plain sequential per-node LP sweep (a fresh
// CPLEX-LP-text solve of the TTS LP and the PI LP per node, the Ford study's method), measured in
// the same run. The sweep is timed on a seeded random sample of nodes and extrapolated to all
// nodes (the row says so); the sample's results are checked equal to the product path's.
// Runnable alone: node --import tsx bench/disruption.bench.ts [--quick]
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../src/domain/seeded-random.js';
import { runScenarioImpl, runSequentialSweep } from '../src/analytics/disruption/run-analysis.js';
import { syntheticResilienceNetwork } from '../src/testing/synthetic-resilience.js';
import { elapsedMs } from './measure.js';
import { formatColumns, formatCount, formatNumber, type TimedFigure } from './table.js';
import { machineLine, quickFlag } from './standalone.js';

export type DisruptionBenchRow = TimedFigure;

const SEED = 20_140_101;
const HORIZON = 365;

export async function runDisruptionBench(opts: { quick: boolean; workers?: number }): Promise<DisruptionBenchRow[]> {
  const n = opts.quick ? 500 : 5_000;
  const sample = opts.quick ? 25 : 20;
  const workers = opts.workers ?? Math.max(1, availableParallelism());
  const network = syntheticResilienceNetwork({ nodes: n, seed: SEED, endItems: Math.max(2, Math.round(n / 50)) });
  const size = `${formatCount(n)} nodes, ${formatCount(network.edges.length)} edges, ${formatCount(network.nodes.filter((x) => x.kind === 'endItem').length)} end items`;
  const rows: DisruptionBenchRow[] = [];

  // Warm-up (loads HiGHS in this thread, JIT) on a small network.
  await runScenarioImpl(syntheticResilienceNetwork({ nodes: 60, seed: 1, endItems: 3 }), { kind: 'peacetime', name: 'warm-up' }, { workers: 0 });

  const scenario = { kind: 'peacetime', name: 'every node out for its TTR', horizonDays: HORIZON } as const;
  let start = process.hrtime.bigint();
  const fast = await runScenarioImpl(network, scenario, { workers });
  const fastSeconds = elapsedMs(start) / 1000;
  const byMethod = { lp: 0, certificate: 0, irrelevant: 0 };
  for (const r of fast.rows) byMethod[r.method]++;
  const s = fast.stats;
  const fastRow: DisruptionBenchRow = {
    name: `TTS + PI, every node: shortcuts + warm start + ${workers} worker thread${workers === 1 ? '' : 's'}`,
    size,
    seconds: fastSeconds,
    perSecond: n / fastSeconds,
    note:
      `${formatCount(byMethod.irrelevant)} nodes feed no demand, ${formatCount(byMethod.certificate)} proven by ${s.baseLps} base-solution certificates, ${formatCount(byMethod.lp)} by LP; ` +
      `${formatCount(s.ttsLps)} TTS + ${formatCount(s.piLps)} PI LPs; ${formatCount(fast.rows.filter((r) => !r.survives).length)} nodes do not survive their TTR; ${s.errors} solver errors`,
  };
  rows.push(fastRow);

  // Baseline on a seeded random sample, extrapolated.
  const random = seededRandom(SEED);
  const ids = network.nodes.map((x) => x.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const picked = ids.slice(0, sample);
  start = process.hrtime.bigint();
  const slow = await runSequentialSweep(network, { ...scenario, nodeIds: picked });
  const slowSeconds = elapsedMs(start) / 1000;
  const perNode = slowSeconds / sample;
  const extrapolated = perNode * n;
  const fastById = new Map(fast.rows.map((r) => [r.nodeId, r]));
  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b)));
  const mismatches = slow.rows.filter((r) => {
    const f = fastById.get(r.nodeId)!;
    return !close(r.tts, f.tts) || !close(r.lostValue, f.lostValue) || r.survives !== f.survives;
  }).length;
  rows.push({
    name: 'plain sequential per-node LP sweep (TTS + PI LP text per node, 1 thread)',
    size,
    seconds: extrapolated,
    perSecond: 1 / perNode,
    note:
      `EXTRAPOLATED: ${sample} random nodes measured (${formatNumber(slowSeconds)} s, ${formatNumber(perNode * 1000)} ms per node) × ${formatCount(n)} nodes; ` +
      (mismatches === 0 ? `the ${sample} sampled nodes have the same TTS, survival and PI as the product path` : `${mismatches} SAMPLED NODES DIFFER FROM THE PRODUCT PATH`),
  });
  fastRow.baselineRatio = `×${formatNumber(extrapolated / fastSeconds)} faster (vs extrapolated sweep)`;
  if (mismatches > 0) throw new Error(`disruption bench: ${mismatches} sampled nodes differ between the sweep and the product path`);
  return rows;
}

function printTable(rows: readonly DisruptionBenchRow[]): void {
  const header = ['figure', 'input', 'seconds', 'nodes/s', 'vs sweep', 'note'];
  const cells = rows.map((r) => [r.name, r.size, formatNumber(r.seconds), r.perSecond === undefined ? '—' : formatNumber(r.perSecond), r.baselineRatio ?? '—', r.note ?? '']);
  console.log(formatColumns(header, cells, new Set([2, 3])));
}

async function main(): Promise<void> {
  const quick = quickFlag('bench/disruption.bench.ts');
  const started = process.hrtime.bigint();
  const rows = await runDisruptionBench({ quick });
  console.log(`\nTime-to-survive benchmark${quick ? ' (--quick: 500 nodes)' : ''} — ${machineLine()}\n`);
  printTable(rows);
  console.log(
    `\nSynthetic network: syntheticResilienceNetwork (src/testing/synthetic-resilience.ts), seed ${SEED}, one end item per 50 nodes; ` +
      `peacetime scenario (each node out for its TTR, 5–120 days), horizon ${HORIZON} days. HiGHS ${'(wasm, single-threaded per worker)'}. Total ${(elapsedMs(started) / 1000).toFixed(1)} s.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(`disruption bench failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    });
}
