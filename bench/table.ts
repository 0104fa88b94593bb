import { availableParallelism } from 'node:os';

/** One measured figure: what was measured, on what input, and (when there is one) against what. */
export interface BenchRow {
  figure: string;
  /** Where it ran: a store, or '—' for pure code. */
  on: string;
  /** The input size, e.g. '300 requests, 4 in flight'. */
  input: string;
  /** The figure itself, e.g. '412 requests/s'. */
  result: string;
  p50?: string;
  p99?: string;
  /** The baseline measured in the same run, with its own input size when it differs. */
  baseline?: string;
  /** result ÷ baseline, e.g. '×31.2'. */
  ratio?: string;
}

/** One timed figure of a bench run on its own (its own table, before run.ts turns it into a BenchRow). */
export interface TimedFigure {
  name: string;
  /** The input size, e.g. '5,000 nodes'. */
  size: string;
  seconds: number;
  perSecond?: number;
  /** How many times faster than the baseline measured in the same run, e.g. '×31.2'. */
  baselineRatio?: string;
  note?: string;
}

const COLUMNS: Array<{ key: keyof BenchRow | 'cores'; title: string; right?: boolean }> = [
  { key: 'figure', title: 'figure' },
  { key: 'on', title: 'on' },
  { key: 'input', title: 'input' },
  { key: 'cores', title: 'cores', right: true },
  { key: 'result', title: 'result', right: true },
  { key: 'p50', title: 'p50', right: true },
  { key: 'p99', title: 'p99', right: true },
  { key: 'baseline', title: 'baseline (same run)' },
  { key: 'ratio', title: 'ratio', right: true },
];

/** Aligned plain-text columns: a header, a rule, then the rows; `right` names right-aligned columns. */
export function formatColumns(header: readonly string[], cells: ReadonlyArray<readonly string[]>, right: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (right.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** A plain-text table, one row per figure, with the machine's core count on every row. */
export function formatTable(rows: readonly BenchRow[], cores = availableParallelism()): string {
  const cells = rows.map((row) => COLUMNS.map((c) => (c.key === 'cores' ? String(cores) : (row[c.key] ?? '—'))));
  const right = new Set(COLUMNS.flatMap((c, i) => (c.right ? [i] : [])));
  return formatColumns(COLUMNS.map((c) => c.title), cells, right);
}

/** What one benchmark returns: its rows, and notes printed under the table. */
export interface BenchResult {
  rows: BenchRow[];
  notes: string[];
}

/** A whole count: 1000000 → '1,000,000'. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** 1234567.8 → '1,234,568'; small values keep up to 3 significant digits after the point. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMs(ms: number): string {
  return ms >= 1 ? `${formatNumber(ms)} ms` : `${formatNumber(ms * 1000)} µs`;
}

export function formatRatio(value: number): string {
  return `×${formatNumber(value)}`;
}
