// A child of bench/analysis-workers.bench.ts: the machine's own ceiling for two analyses at once.
// Runs the bench's synthetic network in this process on one LP thread (no queue, no database)
// after a warm-up, starting when told: it prints "ready", waits for a line on stdin, then prints
// the run's seconds. Two of these started together show how much faster two processes do the same
// CPU work than one on this machine at this moment (its cores, and what else runs on them).
// Usage: node --import tsx bench/scenario-alone.ts <nodes>
import { createInterface } from 'node:readline';
import { closeLpWorkerPools, runScenario } from '../src/analytics/disruption/index.js';
import { BENCH_SCENARIO, benchNetwork } from './analysis-network.js';

const nodes = Number(process.argv[2]);
if (!Number.isInteger(nodes) || nodes < 10) throw new Error('usage: bench/scenario-alone.ts <nodes>');
const model = benchNetwork(nodes);
await runScenario(benchNetwork(400), BENCH_SCENARIO, { workers: 1 });
console.log('ready');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
const started = performance.now();
await runScenario(model, BENCH_SCENARIO, { workers: 1 });
console.log(`seconds ${(performance.now() - started) / 1000}`);
await closeLpWorkerPools();
process.exit(0);
