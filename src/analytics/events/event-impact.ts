// The impact of a disruption event on one supply network (issue #15, "Impact, at once"): the
// nodes the event strikes are out and the lanes it closes are shut for exactly the event's
// expected duration, and the §4 time-to-survive / performance-impact LPs of the scenario engine
// (supply-resilience.md §4–§5, src/analytics/disruption) answer, per program and end item:
// survives or not, days until output stops, lost output, and which parts and suppliers cause it.
//
// How the event becomes a scenario: a §5 `custom` scenario whose horizon T is the event's
// duration, with every struck node out and every struck lane closed for the whole horizon. So
// TTS ≥ T ("survives") means the network rides the event out, and PI is the output lost over it.
// Duration: start → expected recovery; when no recovery is expected yet, the longest
// time-to-recover of the struck nodes (§1 TTR, default 30 days as everywhere in §4).
// Days until an end item's output stops: the network's TTS is when the FIRST end item falls
// short; per end item we report T − (units lost ÷ daily demand), the days of its demand the
// loss-minimising plan still covers (§4 PI LP).
import { z } from 'zod';
import type { EventPlace } from '../../domain/events/event-model.js';
import { MAX_EVENT_DAYS } from '../../domain/events/event-model.js';
import { DEFAULT_TTR_DAYS, runScenario, type DisruptionStatus, type ScenarioInput } from '../disruption/index.js';
import { buildLpNetwork } from '../disruption/lp-network.js';
import { DEFAULT_NETWORK_CURRENCY, edgePart, type NetworkEdge, type NetworkNode, type SupplyNetwork } from '../network/network-model.js';
import { applySiteFacts, type SiteAssumption, type SiteFacts } from './apply-answers.js';
import { MATCH_REASONS, matchEvent, type MatchReason } from './match-event.js';

export interface StruckNode {
  nodeId: string;
  kind: 'site' | 'part' | 'endItem';
  part: string;
  owner: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  reasons: MatchReason[];
  /** Indices into the event's `where` that struck it. */
  places: number[];
  /** What the analysis assumed for it, and whether a company's answer or the site's status said so. */
  assumption: SiteAssumption;
}

/** A cause of an end item's exposure: a struck node upstream of it, or a closed lane on an edge upstream. */
export const IMPACT_CAUSE_SCHEMA = z.strictObject({
  nodeId: z.string(),
  part: z.string(),
  owner: z.string().nullable(),
  country: z.string().nullable(),
  /** 'seaLane' when the cause is that this node's shipments travel a closed lane. */
  reason: z.enum([...MATCH_REASONS, 'seaLane']),
  lane: z.string().optional(),
});
export type ImpactCause = z.infer<typeof IMPACT_CAUSE_SCHEMA>;

export const END_ITEM_IMPACT_SCHEMA = z.strictObject({
  nodeId: z.string(),
  part: z.string(),
  programs: z.array(z.string()),
  /** null when the solver gave no answer (see the network's status). */
  survives: z.boolean().nullable(),
  /** Null when it survives (≥ the duration) or there is no answer. */
  daysUntilOutputStops: z.number().nullable(),
  lostUnits: z.number(),
  lostValue: z.number(),
  causes: z.array(IMPACT_CAUSE_SCHEMA),
});
export type EndItemImpact = z.infer<typeof END_ITEM_IMPACT_SCHEMA>;

export const PROGRAM_IMPACT_SCHEMA = z.strictObject({
  program: z.string(),
  survives: z.boolean().nullable(),
  /** The earliest of its end items. */
  daysUntilOutputStops: z.number().nullable(),
  lostUnits: z.number(),
  lostValue: z.number(),
  endItems: z.array(z.string()),
  /** The parts and suppliers (owners) behind it, from its end items' causes. */
  parts: z.array(z.string()),
  suppliers: z.array(z.string()),
});
export type ProgramImpact = z.infer<typeof PROGRAM_IMPACT_SCHEMA>;

export interface NetworkImpact {
  networkId: string;
  networkName: string;
  currency: string;
  struckNodes: StruckNode[];
  closedLanes: string[];
  closedEdgeCount: number;
  /** Nodes without coordinates, which a region of the event could not test. */
  nodesWithoutCoordinates: number;
  /** The disruption analysed (days). */
  durationDays: number;
  durationFrom: 'expectedRecovery' | 'timeToRecover' | 'answer';
  /** 'optimal' = answered; otherwise the solver's trouble. */
  status: DisruptionStatus;
  message: string | null;
  /** §4 TTS of the whole network under the event (days until the first end item falls short); null when ≥ the duration. */
  tts: number | null;
  survives: boolean | null;
  lostValue: number;
  endItems: EndItemImpact[];
  programs: ProgramImpact[];
  warnings: string[];
}

/**
 * Parts the partner supplied for the event (the after report's "with action" analysis): `units`
 * of `part`, in place of what struck node `nodeId` makes, arriving `arrivesAfterDays` after the
 * event's start. §4 sees one window of T days with cumulative bounds, so a delivery inside the
 * window counts in full and one after it not at all (the same aggregation §4 makes for stock).
 */
export interface PartnerSupply {
  networkId: string;
  nodeId: string;
  part: string;
  units: number;
  arrivesAfterDays: number;
}

export interface StoredNetwork {
  id: string;
  name: string;
  model: SupplyNetwork;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The event's impact on each network it strikes (networks it does not strike are left out). */
export async function assessEventImpact(
  event: { where: readonly EventPlace[]; durationDays: number | null },
  networks: readonly StoredNetwork[],
  options: { signal?: AbortSignal; timeLimitSeconds?: number; workers?: number; facts?: SiteFacts; supply?: readonly PartnerSupply[] } = {},
): Promise<NetworkImpact[]> {
  const out: NetworkImpact[] = [];
  for (const stored of networks) {
    const impact = await assessOne(event, stored, options);
    if (impact) out.push(impact);
  }
  return out;
}

async function assessOne(event: { where: readonly EventPlace[]; durationDays: number | null }, stored: StoredNetwork, options: { signal?: AbortSignal; timeLimitSeconds?: number; workers?: number; facts?: SiteFacts; supply?: readonly PartnerSupply[] }): Promise<NetworkImpact | null> {
  const match = matchEvent(event.where, stored.model, stored.id);
  if (match.nodes.length === 0 && match.edges.length === 0) return null;
  const nodes = stored.model.nodes;

  // Answers and statuses replace the modelled outage, stock and capacity of their nodes (apply-answers.ts).
  // Nobody answered: the event's duration, or the longest TTR of the struck nodes.
  const applied = applySiteFacts(
    stored.model,
    stored.id,
    match.nodes.map((m) => m.nodeId),
    options.facts ?? new Map(),
    (unanswered) => event.durationDays ?? Math.ceil(unanswered.reduce((m, n) => Math.max(m, n.ttrDays ?? DEFAULT_TTR_DAYS), match.nodes.length > 0 && unanswered.length > 0 ? 0 : DEFAULT_TTR_DAYS)),
    MAX_EVENT_DAYS,
  );
  const duration = applied.horizonDays;
  const network = withPartnerSupply(applied.network, (options.supply ?? []).filter((s) => s.networkId === stored.id && s.arrivesAfterDays <= duration));
  const durationFrom = applied.horizonFromAnswer ? 'answer' : event.durationDays === null ? 'timeToRecover' : 'expectedRecovery';
  const scenario: ScenarioInput = {
    kind: 'custom',
    name: 'Disruption event',
    horizonDays: duration,
    events: [
      ...(applied.outForHorizon.length > 0 ? [{ type: 'siteOut' as const, nodeIds: applied.outForHorizon, days: 'horizon' as const }] : []),
      ...(match.lanes.length > 0 ? [{ type: 'laneClosed' as const, lanes: match.lanes }] : []),
    ],
  };
  // Every struck site answered away or partly working: the engine wants one event, and a neutral
  // one (capacity × 1) leaves the patched network as it is — its base row is the whole analysis.
  if (scenario.events!.length === 0) scenario.events!.push({ type: 'capacityScale', nodeIds: [match.nodes[0]!.nodeId], factor: 1 });
  const result = await runScenario(network, scenario, { workers: options.workers ?? 0, ...(options.signal ? { signal: options.signal } : {}), timeLimitSeconds: options.timeLimitSeconds ?? 20 });
  const row = result.rows[0]!;
  const answered = row.status === 'optimal';
  const lp = buildLpNetwork(network);

  // Ancestors of each end item (reverse BFS over the bill of materials), to name the causes.
  const inputs: number[][] = nodes.map(() => []);
  const indexOf = new Map(nodes.map((n, i) => [n.id, i]));
  const inEdges: number[][] = nodes.map(() => []);
  network.edges.forEach((edge, e) => {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined) return;
    inputs[to]!.push(from);
    inEdges[to]!.push(e);
  });
  // A struck node found not affected causes nothing.
  const struckByIndex = new Map(match.nodes.filter((m) => applied.assumptions.get(m.nodeId)!.disrupted).map((m) => [m.index, m]));
  const closedEdges = new Set(match.edges);
  const describe = (v: number) => ({ nodeId: nodes[v]!.id, part: nodes[v]!.part ?? nodes[v]!.id, owner: nodes[v]!.owner ?? null, country: nodes[v]!.country ?? null });

  const endItems: EndItemImpact[] = [];
  nodes.forEach((node, k) => {
    if (node.kind !== 'endItem') return;
    const seen = new Set<number>([k]);
    const queue = [k];
    const causes: ImpactCause[] = [];
    while (queue.length > 0) {
      const v = queue.pop()!;
      const struck = struckByIndex.get(v);
      if (struck) for (const reason of struck.reasons.slice(0, 1)) causes.push({ ...describe(v), reason });
      for (const e of inEdges[v]!) {
        if (closedEdges.has(e)) {
          const edge = network.edges[e]!;
          causes.push({ ...describe(indexOf.get(edge.from)!), reason: 'seaLane', lane: edge.route! });
        }
      }
      for (const u of inputs[v]!) {
        if (!seen.has(u)) {
          seen.add(u);
          queue.push(u);
        }
      }
    }
    if (causes.length === 0) return;
    const lostUnits = round(row.lostByEndItem[node.id] ?? 0);
    const demand = lp.demand[k]!;
    const survives = answered ? lostUnits <= 1e-6 : null;
    endItems.push({
      nodeId: node.id,
      part: node.part ?? node.id,
      programs: node.programs && node.programs.length > 0 ? [...new Set(node.programs)] : [node.id],
      survives,
      daysUntilOutputStops: survives === false && demand > 0 ? round(Math.max(0, duration - lostUnits / demand), 1) : null,
      lostUnits,
      lostValue: round(lostUnits * lp.value[k]!, 2),
      causes: dedupeCauses(causes),
    });
  });

  const programs = new Map<string, ProgramImpact>();
  for (const item of endItems) {
    for (const name of item.programs) {
      let p = programs.get(name);
      if (!p) programs.set(name, (p = { program: name, survives: true, daysUntilOutputStops: null, lostUnits: 0, lostValue: 0, endItems: [], parts: [], suppliers: [] }));
      p.endItems.push(item.nodeId);
      p.survives = p.survives === null || item.survives === null ? null : p.survives && item.survives;
      if (item.daysUntilOutputStops !== null) p.daysUntilOutputStops = p.daysUntilOutputStops === null ? item.daysUntilOutputStops : Math.min(p.daysUntilOutputStops, item.daysUntilOutputStops);
      p.lostUnits = round(p.lostUnits + item.lostUnits);
      p.lostValue = round(p.lostValue + item.lostValue, 2);
      for (const cause of item.causes) {
        if (!p.parts.includes(cause.part)) p.parts.push(cause.part);
        const supplier = cause.owner ?? cause.nodeId;
        if (!p.suppliers.includes(supplier)) p.suppliers.push(supplier);
      }
    }
  }

  return {
    networkId: stored.id,
    networkName: stored.name,
    currency: network.currency ?? DEFAULT_NETWORK_CURRENCY,
    struckNodes: match.nodes.map((m) => {
      const node = nodes[m.index]!;
      return { ...describe(m.index), kind: node.kind, latitude: node.latitude ?? null, longitude: node.longitude ?? null, reasons: m.reasons, places: m.places, assumption: applied.assumptions.get(m.nodeId)! };
    }),
    closedLanes: match.lanes,
    closedEdgeCount: match.edges.length,
    nodesWithoutCoordinates: match.nodesWithoutCoordinates,
    durationDays: duration,
    durationFrom,
    status: row.status,
    message: row.message ?? null,
    tts: answered ? (row.tts === null ? null : round(row.tts, 1)) : null,
    survives: answered ? row.survives : null,
    lostValue: round(row.lostValue, 2),
    endItems,
    programs: [...programs.values()],
    warnings: result.warnings,
  };
}

/**
 * The network with the partner's supply in place. Parts a struck node ships to others: one
 * stock-only node per supplied part and node (no capacity of its own, finished inventory s[u] =
 * the units that arrived in the window), shipping to every consumer of that part with the same
 * quantities and on no sea lane, so the §4 LP routes the supplied parts where they save the most
 * output. An end item's own product (a struck end item asks for finished units): the units join
 * its finished stock s[k], which meets demand directly. New nodes are appended after the stored
 * ones: their indices do not move.
 */
export function withPartnerSupply(network: SupplyNetwork, supply: readonly PartnerSupply[]): SupplyNetwork {
  if (supply.length === 0) return network;
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const units = new Map<string, PartnerSupply & { total: number }>();
  for (const s of supply) {
    if (!byId.has(s.nodeId) || s.units <= 0) continue;
    const key = `${s.nodeId}\u0000${s.part}`;
    const entry = units.get(key);
    if (entry) entry.total += s.units;
    else units.set(key, { ...s, total: s.units });
  }
  const nodes: NetworkNode[] = [...network.nodes];
  const edges: NetworkEdge[] = [...network.edges];
  // Stock in units as the LP reads it (inventory given in days is days × planned flow, §4 defaults).
  let stockUnits: Float64Array | null = null;
  let n = 0;
  for (const s of units.values()) {
    const consumers = network.edges.filter((e) => e.from === s.nodeId && edgePart(e, byId) === s.part);
    const index = network.nodes.findIndex((node) => node.id === s.nodeId);
    const node = network.nodes[index]!;
    if (consumers.length === 0) {
      if ((node.part ?? node.id) !== s.part) continue;
      stockUnits ??= buildLpNetwork(network).inventory;
      nodes[index] = { ...nodes[index]!, inventory: { unit: 'units', amount: stockUnits[index]! + s.total } };
      continue;
    }
    const id = `partner-supply-${++n}:${s.part}`;
    nodes.push({ id, kind: 'site', part: s.part, capacityPerDay: 0, inventory: { unit: 'units', amount: s.total } });
    for (const e of consumers) edges.push({ from: id, to: e.to, part: s.part, quantity: e.quantity });
  }
  return { ...network, nodes, edges };
}

function dedupeCauses(causes: ImpactCause[]): ImpactCause[] {
  const seen = new Set<string>();
  return causes.filter((c) => {
    const key = `${c.nodeId}\u0000${c.reason}\u0000${c.lane ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
