/** Small measuring helpers shared by the benchmarks. */

export interface BenchOptions {
  /** --quick: every input 10× smaller (CI runs this). */
  quick: boolean;
}

/** A full-run size, or a tenth of it with --quick (never below `min`). */
export function sized(options: BenchOptions, full: number, min = 1): number {
  return options.quick ? Math.max(min, Math.round(full / 10)) : full;
}

export function elapsedMs(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e6;
}

/** Nearest-rank percentile of latencies in ms (sorts a copy). */
export function percentile(samplesMs: readonly number[], p: number): number {
  if (samplesMs.length === 0) return Number.NaN;
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export { seededRandom } from '../src/domain/seeded-random.js';

/**
 * Runs `count` jobs with at most `concurrency` in flight; returns each job's latency (ms) and the
 * wall time of the whole run.
 */
export async function runConcurrently(count: number, concurrency: number, job: (index: number) => Promise<void>): Promise<{ latenciesMs: number[]; wallMs: number }> {
  const latenciesMs = new Array<number>(count);
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      const t = process.hrtime.bigint();
      await job(index);
      latenciesMs[index] = elapsedMs(t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latenciesMs, wallMs: elapsedMs(started) };
}
