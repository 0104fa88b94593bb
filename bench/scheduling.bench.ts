// DPAS preferential scheduling (15 CFR 700.14) and acceptance checks (700.13(b)) on synthetic
// order books. Runnable alone: node --import tsx bench/scheduling.bench.ts [--quick]
import { pathToFileURL } from 'node:url';
import { checkAcceptance } from '../src/domain/dpas/scheduling/check-acceptance.js';
import { scheduleOrderColumns, scheduleOrders } from '../src/domain/dpas/scheduling/schedule-orders.js';
import { simulatePerUnit } from '../src/testing/simulate-per-unit.js';
import type { BookOrder, OrderBook, Priority } from '../src/domain/dpas/scheduling/types.js';
import { elapsedMs, seededRandom, sized } from './measure.js';
import { formatColumns, formatCount, formatNumber, type TimedFigure } from './table.js';
import { machineLine, quickFlag } from './standalone.js';

export type SchedulingBenchRow = TimedFigure;

/**
 * A seeded book: `orders` orders spread over `resources` lines, 2 % DX, 18 % DO, 80 % unrated,
 * 1–100 units each, received 1–90 days before they are due, due over 1,400 days (1,000 working
 * days; weekends closed), 90 % of accepted. Capacity is set so the load is 90 % of the working days.
 * `surge`: 10 % of the orders are instead due within days 300–329 — a month asking for ~100 days
 * of work, so that rated orders displace unrated ones and about a fifth of the book is late and
 * explained.
 */
export function syntheticBook(orders: number, resources: number, seed: number, surge = false): OrderBook {
  const random = seededRandom(seed);
  const weekends: number[] = [];
  for (let d = 0; d < 4000; d++) if (d % 7 >= 5) weekends.push(d);
  const capacityPerDay = Math.max(1, Math.round((orders * 50.5) / resources / 1000 / 0.9));
  const lines = Array.from({ length: resources }, (_, i) => ({ id: `L${i}`, capacityPerDay, nonWorkingDays: weekends }));
  const book: BookOrder[] = new Array(orders);
  for (let i = 0; i < orders; i++) {
    const u = random();
    const priority: Priority = u < 0.02 ? 'DX' : u < 0.2 ? 'DO' : 'unrated';
    const dueDay = surge && random() < 0.1 ? 300 + Math.floor(random() * 30) : Math.floor(random() * 1400);
    book[i] = {
      id: `O${i}`,
      resourceId: `L${Math.floor(random() * resources)}`,
      priority,
      quantity: 1 + Math.floor(random() * 100),
      dueDay,
      receivedDay: Math.max(0, dueDay - 1 - Math.floor(random() * 90)),
      accepted: random() < 0.9,
    };
  }
  return { startDay: 0, resources: lines, orders: book };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median wall time of `runs` calls (ms), each after a GC when --expose-gc is on; returns the last result. */
function timed<T>(runs: number, fn: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < runs; r++) {
    result = undefined;
    collectGarbage();
    const started = process.hrtime.bigint();
    result = fn();
    times.push(elapsedMs(started));
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result: result as T };
}

export async function runSchedulingBench(opts: { quick: boolean }): Promise<SchedulingBenchRow[]> {
  const rows: SchedulingBenchRow[] = [];
  const runs = 3;

  // Warm the JIT on a small book first, so the figures are of compiled code.
  const warm = syntheticBook(20_000, 4, 1);
  for (let r = 0; r < 3; r++) {
    scheduleOrders(warm).delays.forEach((d) => d.text);
    scheduleOrderColumns(warm);
  }

  // 1. One resource, a million orders: steady load, then a surge with many late orders.
  const bigCount = sized(opts, 1_000_000);
  for (const surge of [false, true]) {
    let big: OrderBook | null = syntheticBook(bigCount, 1, 20_261_123, surge);
    const size = `${formatCount(bigCount)} orders, 1 resource, ${surge ? 'surge' : 'steady load'}`;
    const objects = timed(runs, () => scheduleOrders(big!));
    rows.push({
      name: 'scheduleOrders (objects)',
      size,
      seconds: objects.ms / 1000,
      perSecond: (bigCount / objects.ms) * 1000,
      note: `median of ${runs}; ${formatCount(objects.result.delays.length)} late orders explained, ${objects.result.conflicts.length} equal-priority conflicts`,
    });
    if (!surge) {
      const columns = timed(runs, () => scheduleOrderColumns(big!));
      rows.push({ name: 'scheduleOrderColumns (typed arrays)', size, seconds: columns.ms / 1000, perSecond: (bigCount / columns.ms) * 1000, note: `median of ${runs}; the same schedule without an object per order` });
    }
    big = null;
  }

  // 2. Fifty resources, a hundred thousand orders.
  const wideCount = sized(opts, 100_000);
  const wide = syntheticBook(wideCount, 50, 7);
  const spread = timed(runs, () => scheduleOrders(wide));
  rows.push({
    name: 'scheduleOrders (objects)',
    size: `${formatCount(wideCount)} orders, 50 resources, steady load`,
    seconds: spread.ms / 1000,
    perSecond: (wideCount / spread.ms) * 1000,
    note: `median of ${runs}; ${formatCount(spread.result.delays.length)} late orders explained`,
  });

  // 3. Acceptance check (700.13(b)) of a new DO order against that book: protected orders alone,
  //    then the whole book with and without the order for the delay list.
  const candidate: BookOrder = { id: 'NEW-DO', resourceId: 'L0', priority: 'DO', quantity: 400, dueDay: 20, receivedDay: 0, accepted: false };
  const acceptance = timed(runs, () => checkAcceptance(wide, candidate));
  rows.push({
    name: 'checkAcceptance (new DO order)',
    size: `${formatCount(wideCount)}-order book, 50 resources`,
    seconds: acceptance.ms / 1000,
    note: `median of ${runs}; ${acceptance.result.status}, earliest day ${acceptance.result.earliestDay} (requested ${candidate.dueDay})`,
  });

  // 4. Against the baseline (unit-by-unit simulation, same rules) on a size it can handle, same run.
  const baseCount = sized(opts, 20_000);
  const base = syntheticBook(baseCount, 1, 99, true);
  const fast = timed(runs, () => scheduleOrders(base));
  const slow = timed(1, () => simulatePerUnit(base));
  fast.result.orders.forEach((o, i) => {
    if (o.completionDay !== slow.result[i]!.completionDay) throw new Error(`Baseline disagrees on ${o.id}: ${slow.result[i]!.completionDay} vs ${o.completionDay}`);
  });
  const units = base.orders.reduce((s, o) => s + o.quantity, 0);
  rows.push({
    name: 'scheduleOrders vs unit-by-unit baseline',
    size: `${formatCount(baseCount)} orders (${formatCount(units)} units), 1 resource, surge`,
    seconds: fast.ms / 1000,
    perSecond: (baseCount / fast.ms) * 1000,
    baselineRatio: `×${formatNumber(slow.ms / fast.ms)} (baseline ${formatNumber(slow.ms / 1000)} s)`,
    note: 'baseline: simulate-per-unit.ts, one array cell and loop step per unit; every completion day compared equal',
  });
  return rows;
}

function printTable(rows: readonly SchedulingBenchRow[]): void {
  const header = ['figure', 'input', 'seconds', 'orders/s', 'vs baseline', 'note'];
  const cells = rows.map((r) => [
    r.name,
    r.size,
    formatNumber(r.seconds),
    r.perSecond === undefined ? '—' : formatCount(r.perSecond),
    r.baselineRatio ?? '—',
    r.note ?? '',
  ]);
  console.log(formatColumns(header, cells, new Set([2, 3])));
}

async function main(): Promise<void> {
  const quick = quickFlag('bench/scheduling.bench.ts');
  const started = process.hrtime.bigint();
  const rows = await runSchedulingBench({ quick });
  console.log(`\nDPAS scheduling benchmark${quick ? ' (--quick: inputs 10× smaller)' : ''} — ${machineLine()}\n`);
  printTable(rows);
  console.log(`\nSingle-threaded; synthetic books (syntheticBook in this file), seeded. Total ${(elapsedMs(started) / 1000).toFixed(1)} s.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`scheduling bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
}
