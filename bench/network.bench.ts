// Supply-network single points of failure (supply-resilience.md §2, §3) on seeded synthetic
// AND/OR networks of 10k, 100k and 1,000,000 nodes (--quick: 10× smaller), against the
// remove-each-node brute force where it finishes, measured in the same run; plus the largest
// real chain of Willems (2008) when the data are present.
// Runnable alone: node --import tsx bench/network.bench.ts [--quick]
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bruteForceCriticalNodes } from '../src/analytics/network/brute-force-critical.js';
import { analyzeCountryExposure } from '../src/analytics/network/country-exposure.js';
import { analyzeCriticalNodes, type CriticalNodesResult } from '../src/analytics/network/critical-nodes.js';
import { buildNetworkCsr, type NetworkCsr } from '../src/analytics/network/network-model.js';
import { networkToCsr } from '../src/analytics/network/network-to-csr.js';
import { findSourcingRisks } from '../src/analytics/network/sourcing-risks.js';
import { generateSyntheticNetwork } from '../src/testing/synthetic-network.js';
import { parseWillemsCsv } from '../src/analytics/network/willems-csv.js';
import { WILLEMS_DIR } from '../src/testing/willems-fixtures.js';
import { elapsedMs } from './measure.js';
import { formatColumns, formatCount, formatNumber, type TimedFigure } from './table.js';
import { machineLine, quickFlag } from './standalone.js';

export interface NetworkBenchRow extends TimedFigure {
  memoryMB?: number;
}

const WILLEMS_38 = resolve(WILLEMS_DIR, '38.csv');
const SEED = 20_080_110;

const rssMB = () => process.memoryUsage().rss / 2 ** 20;

function timed<T>(run: () => T): { value: T; seconds: number } {
  const start = process.hrtime.bigint();
  const value = run();
  return { value, seconds: elapsedMs(start) / 1000 };
}

/** Best of `repeat` runs (the first one also warms the JIT for this size). */
function best<T>(repeat: number, run: () => T): { value: T; seconds: number } {
  let out = timed(run);
  for (let i = 1; i < repeat; i++) {
    const next = timed(run);
    if (next.seconds < out.seconds) out = next;
  }
  return out;
}

function sameSets(a: CriticalNodesResult, b: { criticalStart: Int32Array; critical: Int32Array }): boolean {
  if (a.critical.length !== b.critical.length || a.criticalStart.length !== b.criticalStart.length) return false;
  for (let i = 0; i < a.critical.length; i++) if (a.critical[i] !== b.critical[i]) return false;
  for (let i = 0; i < a.criticalStart.length; i++) if (a.criticalStart[i] !== b.criticalStart[i]) return false;
  return true;
}

function describeNetwork(csr: NetworkCsr): string {
  return `${formatCount(csr.nodeCount)} nodes, ${formatCount(csr.edgeCount)} edges`;
}

export async function runNetworkBench(opts: { quick: boolean }): Promise<NetworkBenchRow[]> {
  const rows: NetworkBenchRow[] = [];
  const sizes = opts.quick ? [1_000, 10_000, 100_000] : [10_000, 100_000, 1_000_000];

  // Warm the JIT on a small network so the first measured size is not mostly compilation.
  {
    const warm = buildNetworkCsr(generateSyntheticNetwork({ nodes: 2_000, seed: 1, endItems: 4 }));
    analyzeCriticalNodes(warm);
    bruteForceCriticalNodes(warm);
    findSourcingRisks(warm);
  }

  let bruteSecondsPerN2: number | undefined;
  for (const n of sizes) {
    const arrays = generateSyntheticNetwork({ nodes: n, seed: SEED, endItems: n / 500 });
    const built = best(n <= 100_000 ? 3 : 1, () => buildNetworkCsr(arrays));
    const csr = built.value;
    const size = describeNetwork(csr);
    rows.push({ name: 'build CSR (groups, adjacency, DFS order)', size, seconds: built.seconds, perSecond: n / built.seconds, memoryMB: rssMB() });

    const fast = best(n <= 100_000 ? 3 : 1, () => analyzeCriticalNodes(csr));
    const result = fast.value;
    const s = result.stats;
    const fastRow: NetworkBenchRow = {
      name: 'critical nodes, every end item (kill DAG)',
      size,
      seconds: fast.seconds,
      perSecond: n / fast.seconds,
      memoryMB: rssMB(),
      note:
        `${formatCount(result.endItems.length)} end item${result.endItems.length === 1 ? '' : 's'}, Σ|K(k)| = ${formatCount(s.criticalPairs)}, kill DAG ${formatCount(s.killDagEdges)} edges, ` +
        `${formatCount(s.multiSourceGroups)} OR groups: ${formatCount(s.emptyByWindow)} empty by window, ${formatCount(s.explorations)} explored (${formatCount(s.explored)} pops)`,
    };
    rows.push(fastRow);

    if (n === sizes[0]) {
      const slow = timed(() => bruteForceCriticalNodes(csr));
      const same = sameSets(result, slow.value);
      bruteSecondsPerN2 = slow.seconds / n ** 2;
      rows.push({
        name: 'brute force: remove each node, re-propagate',
        size,
        seconds: slow.seconds,
        perSecond: n / slow.seconds,
        memoryMB: rssMB(),
        note: same ? 'same sets as the kill DAG for every end item' : 'DIFFERENT SETS FROM THE KILL DAG',
      });
      fastRow.baselineRatio = `×${formatNumber(slow.seconds / fast.seconds)} faster`;
      if (!same) throw new Error(`network bench: the fast analysis and the brute force disagree on ${size}`);
    } else if (bruteSecondsPerN2 !== undefined) {
      fastRow.note += `; brute force skipped (O(n·(n+m)); ≈ ${formatNumber((bruteSecondsPerN2 * n ** 2) / 60)} min extrapolated from ${formatCount(sizes[0]!)} nodes, not measured)`;
    }

    const risks = timed(() => findSourcingRisks(csr));
    rows.push({
      name: 'sole-source & single-country parts, HHI',
      size,
      seconds: risks.seconds,
      perSecond: n / risks.seconds,
      note: `${formatCount(risks.value.soleSourceGroups.length)} sole-source and ${formatCount(risks.value.singleCountryGroups.length)} single-country input groups of ${formatCount(csr.groupCount)}`,
    });
    const concern = ['C6', 'C9'];
    const exposure = timed(() => analyzeCountryExposure(csr, result, { countriesOfConcern: concern }, risks.value.groupConcentration));
    const lost = exposure.value.programs.filter((p) => !p.producibleWithoutCountriesOfConcern).length;
    rows.push({
      name: 'country exposure per program',
      size,
      seconds: exposure.seconds,
      memoryMB: rssMB(),
      note: `${csr.programNames.length} programs, countries of concern ${concern.join(' + ')}: ${lost} of them not producible without those countries`,
    });
  }

  // Robustness at the largest size: AND-heavy (90 % of parts with one maker: bigger kill sets) and
  // OR-heavy (10 %: most inputs dual or triple sourced, more intersections).
  const largest = sizes[sizes.length - 1]!;
  for (const soleSourceShare of [0.9, 0.1]) {
    const csr = buildNetworkCsr(generateSyntheticNetwork({ nodes: largest, seed: SEED, endItems: largest / 500, soleSourceShare }));
    const fast = timed(() => analyzeCriticalNodes(csr));
    const s = fast.value.stats;
    rows.push({
      name: `critical nodes, ${soleSourceShare * 100} % sole-made parts`,
      size: describeNetwork(csr),
      seconds: fast.seconds,
      perSecond: largest / fast.seconds,
      memoryMB: rssMB(),
      note: `Σ|K(k)| = ${formatCount(s.criticalPairs)}, kill DAG ${formatCount(s.killDagEdges)} edges, ${formatCount(s.multiSourceGroups)} OR groups, ${formatCount(s.explored)} pops`,
    });
  }

  if (existsSync(WILLEMS_38)) {
    const text = readFileSync(WILLEMS_38, 'utf8');
    const parsed = timed(() => networkToCsr(parseWillemsCsv(text).network));
    const csr = parsed.value;
    const size = `Willems chain 38: ${describeNetwork(csr)}`;
    rows.push({ name: 'parse Willems CSV + validate + CSR', size, seconds: parsed.seconds, perSecond: csr.nodeCount / parsed.seconds });
    const fast = best(5, () => analyzeCriticalNodes(csr));
    const slow = timed(() => bruteForceCriticalNodes(csr));
    const same = sameSets(fast.value, slow.value);
    rows.push({
      name: 'critical nodes, every end item (kill DAG)',
      size,
      seconds: fast.seconds,
      perSecond: csr.nodeCount / fast.seconds,
      baselineRatio: `×${formatNumber(slow.seconds / fast.seconds)} faster`,
      note: `${formatCount(fast.value.endItems.length)} demand stages, Σ|K(k)| = ${formatCount(fast.value.stats.criticalPairs)}; all arcs AND, one source each`,
    });
    rows.push({ name: 'brute force: remove each node, re-propagate', size, seconds: slow.seconds, perSecond: csr.nodeCount / slow.seconds, note: same ? 'same sets' : 'DIFFERENT SETS' });
    if (!same) throw new Error('network bench: the fast analysis and the brute force disagree on Willems chain 38');
  } else {
    rows.push({ name: 'Willems chain 38', size: '—', seconds: 0, note: `skipped: ${WILLEMS_38} not found` });
  }
  return rows;
}

function printTable(rows: readonly NetworkBenchRow[]): void {
  const header = ['figure', 'input', 'seconds', 'nodes/s', 'vs brute force', 'RSS MB', 'note'];
  const cells = rows.map((r) => [
    r.name,
    r.size,
    r.seconds >= 0.1 ? formatNumber(r.seconds) : r.seconds.toFixed(4),
    r.perSecond === undefined ? '—' : formatCount(r.perSecond),
    r.baselineRatio ?? '—',
    r.memoryMB === undefined ? '—' : formatCount(r.memoryMB),
    r.note ?? '',
  ]);
  console.log(formatColumns(header, cells, new Set([2, 3, 5])));
}

async function main(): Promise<void> {
  const quick = quickFlag('bench/network.bench.ts');
  const started = process.hrtime.bigint();
  const rows = await runNetworkBench({ quick });
  console.log(
    `\nSupply-network critical nodes benchmark${quick ? ' (--quick: inputs 10× smaller)' : ''} — ${machineLine()}\n`,
  );
  printTable(rows);
  console.log(
    `\nSingle-threaded. Synthetic networks: generateSyntheticNetwork (src/testing/synthetic-network.ts), seed ${SEED}: 5 tiers, ` +
      'half the parts with one maker, 1–4 input parts per node, 80 % of consumers qualified on every maker, 12 countries; one end item per 500 nodes, 20 programs; countries C0–C11 with shares ∝ 1/(i+1). ' +
      'Times: best of 3 up to 100k nodes (best of 5 on Willems 38), one run above; the brute force runs once. RSS: the process after the step. ' +
      `Total ${(elapsedMs(started) / 1000).toFixed(1)} s.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`network bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
}
