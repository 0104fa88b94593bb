// The network and scenario of the analysis-on-workers benchmark (analysis-workers.bench.ts and its
// child scenario-alone.ts): a seeded synthetic network, one end item per 50 nodes, every node out
// for its TTR (supply-resilience.md §4).
import { parseScenario } from '../src/analytics/disruption/index.js';
import type { SupplyNetwork } from '../src/analytics/network/network-model.js';
import { syntheticResilienceNetwork } from '../src/testing/synthetic-resilience.js';

export const BENCH_SEED = 7;
export const BENCH_SCENARIO = parseScenario({ kind: 'peacetime', name: 'each site out for its time-to-recover' });

export function benchNetwork(nodes: number): SupplyNetwork {
  return syntheticResilienceNetwork({ nodes, seed: BENCH_SEED, endItems: Math.max(2, Math.round(nodes / 50)) });
}
