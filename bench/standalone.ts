// What a benchmark run alone (node --import tsx bench/<name>.bench.ts [--quick]) reads from its
// command line and prints above its table: one spelling for the three that can run alone.
import { availableParallelism, cpus } from 'node:os';

/** Whether --quick was given; any other argument is refused with the usage of `benchFile`. */
export function quickFlag(benchFile: string): boolean {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--quick');
  if (unknown.length > 0) throw new Error(`Unknown argument ${unknown[0]}. Usage: node --import tsx ${benchFile} [--quick]`);
  return args.includes('--quick');
}

/** The machine the figures were taken on: Node's version, the cores it may use and the CPU's model. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `Node ${process.version}, os.availableParallelism() = ${availableParallelism()} (${cpu})`;
}
