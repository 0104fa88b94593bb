// A dense, acyclic 400-node / 72,039-edge network built from a seed: the shape of the network on
// which a budgeted armed-conflict scenario once failed with "the bill of materials has a cycle"
// (issue #10 item 6), because a mitigation qualified a downstream node as the second source of
// one of its own suppliers. Tests only.
import { seededRandom } from '../domain/seeded-random.js';
import type { NetworkEdge, NetworkNode, SupplyNetwork } from '../analytics/network/network-model.js';

const LAYERS = 20;
const WIDTH = 20;
export const DENSE_EDGE_COUNT = 72_039;

/**
 * 20 tiers of 20 sites; tier t makes part T<t>, and each site consumes sites of every earlier
 * tier (all pairs but a seeded few, down to exactly 72,039 edges). Tier 0 is in CN, the country
 * of concern. Each tier-1 site takes T0 from one tier-0 site only (a sole source), and one
 * tier-10 site (`N10-0`) also makes T0: it is another maker of the part, but downstream of every
 * tier-1 site — qualifying it as their second source would close a cycle.
 */
export function denseCycleTrapNetwork(seed = 106): SupplyNetwork {
  const random = seededRandom(seed);
  const id = (tier: number, k: number) => `N${tier}-${k}`;
  const countries = ['US', 'IN', 'FR', 'JP'];
  const nodes: NetworkNode[] = [];
  for (let tier = 0; tier < LAYERS; tier++) {
    for (let k = 0; k < WIDTH; k++) {
      const last = tier === LAYERS - 1;
      const node: NetworkNode = {
        id: id(tier, k),
        kind: last ? 'endItem' : 'site',
        country: tier === 0 ? 'CN' : countries[Math.floor(random() * countries.length)]!,
        ttrDays: 10 + Math.floor(random() * 60),
        unitCost: Math.round(10 * (tier + 1) * (1 + random())),
      };
      if (!last) node.part = tier === 10 && k === 0 ? 'T0' : `T${tier}`;
      if (last) {
        node.demandPerDay = 1 + Math.floor(random() * 5);
        node.programs = ['Dense'];
        node.unitCost = 10_000;
      }
      nodes.push(node);
    }
  }
  // Every pair of sites in different tiers, earlier → later; tier-1 sites keep one tier-0 source.
  const forced: NetworkEdge[] = [];
  const optional: NetworkEdge[] = [];
  for (let a = 0; a < LAYERS; a++) {
    for (let b = a + 1; b < LAYERS; b++) {
      for (let i = 0; i < WIDTH; i++) {
        for (let j = 0; j < WIDTH; j++) {
          const edge: NetworkEdge = { from: id(a, i), to: id(b, j), quantity: 1 };
          if (a === 0 && b === 1) {
            if (i === j) forced.push(edge);
          } else if ((b === a + 1 && i === j) || (a === 10 && i === 0 && b === 11)) forced.push(edge);
          else optional.push(edge);
        }
      }
    }
  }
  // Seeded Fisher–Yates, then keep as many optional edges as the count needs; the edge order is
  // tier by tier so the file reads like an export.
  for (let i = optional.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [optional[i], optional[j]] = [optional[j]!, optional[i]!];
  }
  const kept = new Set([...forced, ...optional.slice(0, DENSE_EDGE_COUNT - forced.length)]);
  const tierOf = (nodeId: string) => Number(nodeId.slice(1, nodeId.indexOf('-')));
  const edges = [...kept].sort((x, y) => tierOf(x.to) - tierOf(y.to) || tierOf(x.from) - tierOf(y.from) || x.to.localeCompare(y.to) || x.from.localeCompare(y.from));
  return { name: `dense cycle trap, seed ${seed}`, nodes, edges };
}
