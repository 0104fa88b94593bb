// What the nation learned about its struck sites (issue #15, "Ask the suppliers"), turned into
// the disruption the scenario engine analyses: a company's answer replaces the modelled
// assumption for its node, and each figure says where it came from.
//
//   - not affected (site status No impact, set by the answer or by an analyst) → the node is not
//     disrupted;
//   - expected recovery date → the node's outage o = days from the event's start to that date
//     (modelled: the event's duration, or the struck sites' longest TTR when none is expected);
//   - stock on hand → the node's finished inventory s[v] in units (supply-resilience.md §1);
//   - alternative capacity a (units/day) → what it still makes while out (modelled: 0).
//
// The §4 LPs see one window of T days (T = the longest outage): production is bounded by
// c·T in total. A node out for o of the T days, making a per day meanwhile, can make at most
// a·min(o,T) + c·(T − o) over the window, so it enters with capacity (a·min(o,T) + c·max(0,T − o)) / T.
// At t = T — the PI LP's window, which gives lost units, "survives" and the days until output
// stops — that bound is the exact cumulative bound; the TTS LP (t < T) sees the same average, the
// aggregation §4 already makes for every node. A node out for the whole window with no
// alternative is simply out (the engine's siteOut for the horizon).
import type { SiteStatus } from '../../domain/events/site-status.js';
import type { NetworkNode, SupplyNetwork, Inventory } from '../network/network-model.js';

/** Where a figure of the analysis comes from. */
export type FigureSource = 'modelled' | 'answer' | 'status';

export interface SiteAnswerFact {
  /** The company's short name, as shown: "from BPF's answer of 3 Dec". */
  company: string;
  answeredAt: string;
  affected: boolean;
  stockUnits?: number | undefined;
  /** Days from the event's start to the answered recovery date. */
  recoveryDays?: number | undefined;
  expectedRecoveryOn?: string | undefined;
  alternativeCapacityPerDay?: number | undefined;
}

export interface SiteStatusFact {
  status: SiteStatus;
  setBy: string;
  setAt: string;
  /** Set by the company's answer, or by the nation's analyst or SOSA officer. */
  via: 'answer' | 'analyst';
}

/** What is known of one struck node beyond the model. */
export interface SiteFact {
  answer?: SiteAnswerFact | undefined;
  status?: SiteStatusFact | undefined;
}

/** Keyed by siteKey(networkId, nodeId). */
export type SiteFacts = ReadonlyMap<string, SiteFact>;
export const siteKey = (networkId: string, nodeId: string) => `${networkId}\u0000${nodeId}`;

/** The assumptions the analysis made for one struck node, each with its source. */
export interface SiteAssumption {
  disrupted: boolean;
  disruptedFrom: FigureSource;
  /** Days out from the event's start; null when not disrupted. */
  outageDays: number | null;
  outageFrom: FigureSource;
  stock: Inventory | null;
  stockFrom: FigureSource;
  capacityDuringOutagePerDay: number;
  capacityDuringOutageFrom: FigureSource;
  /** The answer behind the 'answer' figures. */
  answer: { company: string; answeredAt: string } | null;
  /** The status behind a 'status' figure. */
  status: SiteStatusFact | null;
}

export interface AppliedFacts {
  /** The network with answered stock and averaged capacities in place (a copy; the stored model is untouched). */
  network: SupplyNetwork;
  /** Nodes out for the whole window (no capacity at all). */
  outForHorizon: string[];
  horizonDays: number;
  /** Whether an answer made the window longer than the modelled outage. */
  horizonFromAnswer: boolean;
  assumptions: Map<string, SiteAssumption>;
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Applies the facts to the struck nodes of one network. `modelledOutage(nodes)` is the outage
 * the event implies for nodes nobody answered about (the event's duration, or the longest TTR
 * of those nodes); `maxDays` caps the window.
 */
export function applySiteFacts(
  network: SupplyNetwork,
  networkId: string,
  struckNodeIds: readonly string[],
  facts: SiteFacts,
  modelledOutage: (unansweredNodes: readonly NetworkNode[]) => number,
  maxDays: number,
): AppliedFacts {
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const assumptions = new Map<string, SiteAssumption>();
  const disrupted: Array<{ node: NetworkNode; fact: SiteFact }> = [];
  for (const id of struckNodeIds) {
    const node = byId.get(id)!;
    const fact = facts.get(siteKey(networkId, id)) ?? {};
    const noImpact = fact.status?.status === 'noImpact';
    const answer = fact.answer ?? null;
    const base: SiteAssumption = {
      disrupted: !noImpact,
      disruptedFrom: noImpact ? (fact.status!.via === 'answer' ? 'answer' : 'status') : answer?.affected ? 'answer' : fact.status ? 'status' : 'modelled',
      outageDays: null,
      outageFrom: 'modelled',
      stock: node.inventory ?? null,
      stockFrom: 'modelled',
      capacityDuringOutagePerDay: 0,
      capacityDuringOutageFrom: 'modelled',
      answer: answer ? { company: answer.company, answeredAt: answer.answeredAt } : null,
      status: fact.status ?? null,
    };
    assumptions.set(id, base);
    if (!noImpact) disrupted.push({ node, fact });
  }
  const unanswered = disrupted.filter((d) => d.fact.answer?.recoveryDays === undefined).map((d) => d.node);
  const modelled = Math.min(maxDays, Math.max(1, modelledOutage(unanswered)));
  const outage = (d: { fact: SiteFact }) => d.fact.answer?.recoveryDays ?? modelled;
  const longest = disrupted.reduce((m, d) => Math.max(m, outage(d)), 0);
  const horizonDays = Math.min(maxDays, Math.max(1, modelled, longest));

  const patched = new Map<string, NetworkNode>();
  const outForHorizon: string[] = [];
  for (const d of disrupted) {
    const a = assumptions.get(d.node.id)!;
    const answer = d.fact.answer;
    const o = Math.min(horizonDays, outage(d));
    a.outageDays = o;
    a.outageFrom = answer?.recoveryDays !== undefined ? 'answer' : 'modelled';
    let node: NetworkNode = d.node;
    if (answer?.stockUnits !== undefined) {
      node = { ...node, inventory: { unit: 'units', amount: answer.stockUnits } };
      a.stock = node.inventory!;
      a.stockFrom = 'answer';
    }
    const alt = answer?.alternativeCapacityPerDay ?? 0;
    if (answer?.alternativeCapacityPerDay !== undefined) {
      a.capacityDuringOutagePerDay = alt;
      a.capacityDuringOutageFrom = 'answer';
    }
    if (o >= horizonDays && alt === 0) {
      outForHorizon.push(d.node.id);
    } else {
      const c = d.node.capacityPerDay;
      // Unlimited capacity (absent) stays unlimited once the site works again within the window.
      const capacity = c === undefined ? (o < horizonDays ? undefined : alt) : (alt * o + c * (horizonDays - o)) / horizonDays;
      node = capacity === undefined ? node : { ...node, capacityPerDay: round(capacity) };
    }
    if (node !== d.node) patched.set(d.node.id, node);
  }
  return {
    network: patched.size === 0 ? network : { ...network, nodes: network.nodes.map((n) => patched.get(n.id) ?? n) },
    outForHorizon,
    horizonDays,
    horizonFromAnswer: horizonDays > modelled,
    assumptions,
  };
}
