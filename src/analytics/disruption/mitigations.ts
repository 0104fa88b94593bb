// Mitigations (supply-resilience.md §6): candidates, each with a cost (CostModel), scored by the
// reduction of the scenario's summed lost value (PI, §4) per unit cost; a budgeted greedy choice
// with re-evaluation after each pick.
//
// Candidates (generated from the scenario's base result, only where a row loses value):
//   - secondSource: for every sole-source input (v, q) whose one source u is in a row that loses
//     value: qualify another existing node making q (preferring another country than u's); if no
//     node makes q, a hypothetical new site `new:<q>@<country>` with u's capacity (or 1.5 × its
//     planned flow), u's inputs, in a country with no outage in the scenario;
//   - bufferStock: N days (costModel.bufferDays) of a node's planned flow added to its inventory,
//     for every node of a row that loses value (and the end items that lose output);
//   - relocate: a node that the scenario takes out by country (countriesOfConcern, regions,
//     embargoes) moved to a safe country (its edges' sea lanes are dropped).
// Costs (defaults in DEFAULT_COST_MODEL): second source = secondSourceFixed (+ newSiteCapacityFactor ×
// capacity/day × unit value for a new site); buffer = unit value × planned flow/day × days ×
// bufferHoldingRate; relocation = relocateFixed + relocateCapacityFactor × capacity/day × unit value.
// Lost value is summed over the scenario's original rows (rows a mitigation adds, e.g. a new site
// in a peacetime sweep, are not counted). Greedy: each round re-evaluates the 10 best remaining
// candidates of the previous round (all of them in the first) on the network with the choices so
// far, and takes the best reduction per cost that fits the budget, until nothing helps or fits.
import { AppError } from '../../domain/errors.js';
import type { NetworkEdge, NetworkNode, SupplyNetwork } from '../network/network-model.js';
import { buildLpNetwork } from './lp-network.js';
import { downstreamOracle, isAcyclic } from './mitigation-cycles.js';
import { DEFAULT_COST_MODEL, type ChosenMitigation, type CostModel, type Mitigation, type MitigationPlan, type RankedMitigation, type RankMitigationsOptions } from './mitigation-types.js';
import { abortError, runScenarioImpl } from './run-analysis.js';
import { applyScenario, parseScenario, type Scenario, type ScenarioInput } from './scenario-presets.js';
import type { ScenarioResult } from './types.js';

const RE_EVALUATE = 10;

function isResult(input: ScenarioResult | Scenario | ScenarioInput): input is ScenarioResult {
  return typeof input === 'object' && input !== null && 'rows' in input && 'scenario' in input;
}

/** The network with one mitigation applied (pure). */
export function applyMitigation(network: SupplyNetwork, mitigation: Mitigation): SupplyNetwork {
  const nodes = [...network.nodes];
  const edges = [...network.edges];
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  switch (mitigation.type) {
    case 'secondSource': {
      const template = edges.find((e) => e.to === mitigation.consumer && (e.part ?? nodes[index.get(e.from)!]!.part ?? e.from) === mitigation.part);
      edges.push({ from: mitigation.fromNodeId, to: mitigation.consumer, part: mitigation.part, quantity: template?.quantity ?? 1 });
      break;
    }
    case 'newSite': {
      const id = `new:${mitigation.part}@${mitigation.country}`;
      const incumbent = edges.find((e) => e.to === mitigation.consumer && (e.part ?? nodes[index.get(e.from)!]!.part ?? e.from) === mitigation.part);
      const model = incumbent ? nodes[index.get(incumbent.from)!]! : undefined;
      if (!index.has(id)) {
        const node: NetworkNode = { id, kind: 'site', part: mitigation.part, country: mitigation.country, capacityPerDay: mitigation.capacityPerDay };
        if (model?.ttrDays !== undefined) node.ttrDays = model.ttrDays;
        if (model?.unitCost !== undefined) node.unitCost = model.unitCost;
        nodes.push(node);
        if (model) for (const e of network.edges) if (e.to === model.id) edges.push({ from: e.from, to: id, quantity: e.quantity, ...(e.part !== undefined ? { part: e.part } : {}) });
      }
      edges.push({ from: id, to: mitigation.consumer, part: mitigation.part, quantity: incumbent?.quantity ?? 1 });
      break;
    }
    case 'bufferStock': {
      const i = index.get(mitigation.nodeId)!;
      const node = nodes[i]!;
      const flow = buildLpNetwork(network).plannedFlow[i]!;
      const current = !node.inventory ? 0 : node.inventory.unit === 'units' ? node.inventory.amount : node.inventory.amount * flow;
      nodes[i] = { ...node, inventory: node.inventory?.unit === 'days' || !node.inventory ? { unit: 'days', amount: (node.inventory?.amount ?? 0) + mitigation.days } : { unit: 'units', amount: current + mitigation.days * flow } };
      break;
    }
    case 'relocate': {
      const i = index.get(mitigation.nodeId)!;
      nodes[i] = { ...nodes[i]!, country: mitigation.toCountry };
      for (let e = 0; e < edges.length; e++) {
        const edge = edges[e]!;
        if ((edge.from === mitigation.nodeId || edge.to === mitigation.nodeId) && edge.route !== undefined) {
          const { route: _route, ...rest } = edge;
          edges[e] = rest as NetworkEdge;
        }
      }
      break;
    }
  }
  return { ...network, nodes, edges };
}

function describe(m: Mitigation): string {
  switch (m.type) {
    case 'secondSource':
      return `qualify ${m.fromNodeId}${m.country ? ` (${m.country})` : ''} as a second source of ${m.part} for ${m.consumer}`;
    case 'newSite':
      return `set up a new site for ${m.part} in ${m.country} (${round(m.capacityPerDay)}/day) supplying ${m.consumer}`;
    case 'bufferStock':
      return `hold ${m.days} days of buffer stock at ${m.nodeId}`;
    case 'relocate':
      return `relocate ${m.nodeId} to ${m.toCountry}`;
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
/** Reduction per unit cost; a cost below 1 counts as 1 (keeps the score finite and JSON-safe). */
const scoreOf = (reduction: number, cost: number) => reduction / Math.max(1, cost);

export async function rankMitigationsImpl(network: SupplyNetwork, input: ScenarioResult | Scenario | ScenarioInput, options: RankMitigationsOptions): Promise<MitigationPlan> {
  const started = performance.now();
  const costModel: CostModel = { ...DEFAULT_COST_MODEL, ...options.costModel };
  if (!(options.budget >= 0) || !Number.isFinite(options.budget)) {
    throw new AppError('VALIDATION_FAILED', { detail: 'The budget is invalid.', errors: [{ field: 'budget', message: `must be a finite number ≥ 0, not ${options.budget}` }] });
  }
  const scenario = isResult(input) ? input.scenario : parseScenario(input);
  const run = (net: SupplyNetwork) => runScenarioImpl(net, scenario, { ...(options.workers !== undefined ? { workers: options.workers } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  let lpSolves = 0;
  const baseResult = isResult(input) ? input : await run(network);
  if (!isResult(input)) lpSolves += baseResult.stats.ttsLps + baseResult.stats.piLps + baseResult.stats.baseLps;
  const rowIds = new Set(baseResult.rows.map((r) => r.nodeId));
  const lostOf = (result: ScenarioResult) => result.rows.reduce((a, r) => a + (rowIds.has(r.nodeId) ? r.lostValue : 0), 0);
  const baselineLost = lostOf(baseResult);

  // Candidates.
  const applied = applyScenario(network, scenario);
  const lp = buildLpNetwork(network, applied);
  const index = new Map(network.nodes.map((n, i) => [n.id, i]));
  const losing = new Set<number>();
  for (const r of baseResult.rows) {
    if (r.lostValue <= 0) continue;
    for (const id of r.nodeIds) losing.add(index.get(id)!);
    for (const id of Object.keys(r.lostByEndItem)) losing.add(index.get(id)!);
  }
  const outByCountry = new Set<number>();
  const outCountries = new Set<string>();
  const countryEvents: string[] = [];
  if (scenario.kind === 'armedConflict') countryEvents.push(...scenario.countriesOfConcern);
  if (scenario.kind === 'emergency') countryEvents.push(...scenario.regionCountries);
  if (scenario.kind === 'custom') for (const e of scenario.events) if (e.type === 'countryOut') countryEvents.push(...e.countries);
  for (const c of countryEvents) outCountries.add(c);
  network.nodes.forEach((n, v) => {
    if (n.country !== undefined && outCountries.has(n.country) && lp.relevant[v]) outByCountry.add(v);
  });
  const countries = [...new Set(network.nodes.map((n) => n.country).filter((c): c is string => c !== undefined))];
  const safe = costModel.safeCountries ?? countries.filter((c) => !outCountries.has(c));
  const partOf = (v: number) => network.nodes[v]!.part ?? network.nodes[v]!.id;
  const makers = new Map<string, number[]>();
  network.nodes.forEach((_, v) => {
    const list = makers.get(partOf(v));
    if (list) list.push(v);
    else makers.set(partOf(v), [v]);
  });

  // A maker of the part downstream of the consumer is no second source: the edge would close a cycle.
  const downstream = downstreamOracle(network);
  const candidates: Array<{ mitigation: Mitigation; cost: number }> = [];
  const seen = new Set<string>();
  const add = (mitigation: Mitigation, cost: number) => {
    const key = JSON.stringify(mitigation);
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push({ mitigation, cost });
  };
  for (let v = 0; v < lp.n; v++) {
    if (!lp.relevant[v]) continue;
    for (let g = lp.groupStart[v]!; g < lp.groupStart[v + 1]!; g++) {
      const count = lp.sourceStart[g + 1]! - lp.sourceStart[g]!;
      if (count !== 1) continue;
      const u = lp.sourceNode[lp.sourceStart[g]!]!;
      if (!losing.has(u) && !outByCountry.has(u)) continue;
      const part = partOf(u);
      const uCountry = network.nodes[u]!.country ?? null;
      const others = (makers.get(part) ?? []).filter((w) => w !== u && w !== v && !outByCountry.has(w) && !downstream(v, w));
      others.sort((a, b) => Number((network.nodes[a]!.country ?? null) === uCountry) - Number((network.nodes[b]!.country ?? null) === uCountry));
      if (others.length > 0) {
        for (const w of others.slice(0, 2)) add({ type: 'secondSource', consumer: network.nodes[v]!.id, part, fromNodeId: network.nodes[w]!.id, country: network.nodes[w]!.country ?? null }, costModel.secondSourceFixed);
      } else {
        const country = safe.find((c) => c !== uCountry) ?? safe[0];
        if (country === undefined) continue;
        const cap = Number.isFinite(lp.capacity[u]!) && lp.capacity[u]! > 0 ? lp.capacity[u]! : Math.max(1, 1.5 * lp.plannedFlow[u]!);
        add({ type: 'newSite', consumer: network.nodes[v]!.id, part, country, capacityPerDay: cap }, costModel.secondSourceFixed + costModel.newSiteCapacityFactor * cap * lp.value[u]!);
      }
    }
  }
  for (const v of losing) {
    for (const days of costModel.bufferDays) add({ type: 'bufferStock', nodeId: network.nodes[v]!.id, days }, lp.value[v]! * lp.plannedFlow[v]! * days * costModel.bufferHoldingRate);
  }
  for (const v of outByCountry) {
    const to = safe[0];
    if (to === undefined) continue;
    const cap = Number.isFinite(lp.capacity[v]!) ? lp.capacity[v]! : lp.plannedFlow[v]!;
    add({ type: 'relocate', nodeId: network.nodes[v]!.id, toCountry: to }, costModel.relocateFixed + costModel.relocateCapacityFactor * cap * lp.value[v]!);
  }
  const maxCandidates = options.maxCandidates ?? 200;
  // Whatever a candidate adds (a new site reused for a second consumer brings the inputs of its
  // first incumbent), the network it leaves must stay acyclic (§2): such a candidate is never offered.
  const keepsAcyclic = (net: SupplyNetwork, m: Mitigation) => m.type === 'bufferStock' || m.type === 'relocate' || isAcyclic(applyMitigation(net, m));
  const pool: typeof candidates = [];
  for (const c of candidates) {
    if (pool.length >= maxCandidates) break;
    if ((c.cost > 0 || c.mitigation.type !== 'bufferStock') && keepsAcyclic(network, c.mitigation)) pool.push(c);
  }

  // Evaluate each alone, then greedy with re-evaluation.
  const evaluate = async (net: SupplyNetwork) => {
    if (options.signal?.aborted) throw abortError(options.signal);
    const result = await run(net);
    lpSolves += result.stats.ttsLps + result.stats.piLps + result.stats.baseLps;
    return lostOf(result);
  };
  const total = pool.length;
  let done = 0;
  const ranked: RankedMitigation[] = [];
  for (const c of pool) {
    const after = await evaluate(applyMitigation(network, c.mitigation));
    const reduction = Math.max(0, baselineLost - after);
    ranked.push({ mitigation: c.mitigation, description: describe(c.mitigation), cost: c.cost, reduction, score: scoreOf(reduction, c.cost) });
    options.onProgress?.({ done: ++done, total });
  }
  ranked.sort((a, b) => b.score - a.score || b.reduction - a.reduction || a.cost - b.cost);

  const chosen: ChosenMitigation[] = [];
  let current = network;
  let currentLost = baselineLost;
  let spent = 0;
  let order = ranked.filter((r) => r.reduction > 0);
  while (order.length > 0) {
    // Edges only accumulate: a candidate that closes a cycle on the plan so far always will.
    if (chosen.length > 0) order = order.filter((r) => keepsAcyclic(current, r.mitigation));
    const affordable = order.filter((r) => spent + r.cost <= options.budget);
    if (affordable.length === 0) break;
    const rescored: RankedMitigation[] = [];
    for (const r of affordable.slice(0, RE_EVALUATE)) {
      const after = chosen.length === 0 ? currentLost - r.reduction : await evaluate(applyMitigation(current, r.mitigation));
      const reduction = Math.max(0, currentLost - after);
      rescored.push({ ...r, reduction, score: scoreOf(reduction, r.cost) });
    }
    rescored.sort((a, b) => b.score - a.score || b.reduction - a.reduction || a.cost - b.cost);
    const best = rescored[0];
    if (!best || best.reduction <= 0) break;
    current = applyMitigation(current, best.mitigation);
    currentLost -= best.reduction;
    spent += best.cost;
    chosen.push({ ...best, lostValueAfter: Math.max(0, currentLost), cumulativeCost: spent });
    const rest = new Map(rescored.slice(1).map((r) => [JSON.stringify(r.mitigation), r]));
    // One buffer size per node and one move per site: the other sizes and destinations are
    // alternatives to what was chosen, not additions to it.
    const taken = alternativesKey(best.mitigation);
    order = order.filter((r) => alternativesKey(r.mitigation) !== taken).map((r) => rest.get(JSON.stringify(r.mitigation)) ?? r);
    order.sort((a, b) => b.score - a.score);
  }

  return {
    budget: options.budget,
    costModel,
    baselineLostValue: baselineLost,
    ranked,
    chosen,
    totalCost: spent,
    lostValueAfter: Math.max(0, currentLost),
    lpSolves,
    timings: { totalMs: performance.now() - started },
  };
}

/** Mitigations with the same key are alternatives: a plan takes at most one of them. */
function alternativesKey(m: Mitigation): string {
  if (m.type === 'bufferStock') return `buffer:${m.nodeId}`;
  if (m.type === 'relocate') return `relocate:${m.nodeId}`;
  return JSON.stringify(m);
}
