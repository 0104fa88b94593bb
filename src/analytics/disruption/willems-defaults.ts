// Resilience numbers for Willems (2008) chains, which give demand, stage times and stage costs but
// no capacity, inventory or time-to-recover (fixtures/willems-2008/README.md). Documented defaults, applied
// only where the node has no value of its own:
//   - capacityPerDay = headroom (1.5) × the stage's planned daily flow (end-item demand propagated
//     down the bill of materials, as in lp-network.ts);
//   - inventory = @stageTime days of the stage's planned flow (the guaranteed-service model's
//     pipeline cover: a stage holds what it makes during its own lead time);
//   - ttrDays = max(minTtrDays (30), 2 × @stageTime);
//   - unit value: the rolled-up @stageCost (lp-network.ts does this when unitCost is absent).
import type { NetworkNode, SupplyNetwork } from '../network/network-model.js';
import { buildLpNetwork } from './lp-network.js';

export interface WillemsDefaults {
  capacityHeadroom: number;
  minTtrDays: number;
}

export const WILLEMS_DEFAULTS: WillemsDefaults = { capacityHeadroom: 1.5, minTtrDays: 30 };

export function withWillemsDefaults(network: SupplyNetwork, options: Partial<WillemsDefaults> = {}): SupplyNetwork {
  const { capacityHeadroom, minTtrDays } = { ...WILLEMS_DEFAULTS, ...options };
  const flow = buildLpNetwork(network).plannedFlow;
  const nodes = network.nodes.map((node, v): NetworkNode => {
    const stageTime = node.willems?.stageTime ?? node.leadTimeDays ?? 0;
    const out: NetworkNode = { ...node };
    if (out.capacityPerDay === undefined && flow[v]! > 0) out.capacityPerDay = capacityHeadroom * flow[v]!;
    if (out.inventory === undefined && stageTime > 0) out.inventory = { unit: 'days', amount: stageTime };
    if (out.ttrDays === undefined) out.ttrDays = Math.max(minTtrDays, 2 * stageTime);
    return out;
  });
  return { ...network, nodes };
}
