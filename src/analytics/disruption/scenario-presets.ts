// Disruption scenarios (supply-resilience.md §5): a JSON-storable Scenario (zod schema) and
// `applyScenario(network, scenario)` → the base conditions (persistent outages, closed sea lanes,
// demand surges, capacity scaling) and the disruptions to evaluate one by one on top of them.
//
// Semantics:
//   - peacetime: every node (or the listed ones) out, one at a time, for its own TTR (§5).
//   - emergency: demand × factor (1.5–3) on the end items of the chosen programs (base); the chosen
//     countries' (region's) nodes out together for `outDays` (default 30) — one row.
//   - armedConflict: every node of the countries of concern out for the whole horizon, the chosen
//     sea lanes closed (every edge whose `route` is one of them removed), demand × factor on the
//     chosen programs / end items (all base conditions) — one row "the conflict" lasting the horizon.
//   - custom: a list of events. Outages with `days` (site fire, country embargo for N days) are
//     separate rows; outages with `days: 'horizon'`, lane closures, surges and capacity scaling
//     are base conditions. With no outage row, one row "base conditions" lasting the horizon.
//   `sweepNodes: true` (emergency, armedConflict, custom) adds one row per node (out for its TTR)
//   under the base conditions.
import { z } from 'zod';
import { AppError, type FieldError } from '../../domain/errors.js';
import type { SupplyNetwork } from '../network/network-model.js';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const ids = z.array(name).min(1, 'list at least one').max(100_000);
const horizon = z.number().int('whole days').min(1, 'at least 1 day').max(3650, 'at most 3,650 days (10 years)');
const days = z.number().positive('more than 0 days').max(3650, 'at most 3,650 days');

const surgeShape = {
  programs: z.array(name).max(10_000).optional(),
  endItems: z.array(name).max(10_000).optional(),
  factor: z.number().min(1, 'a surge factor is at least 1').max(10, 'a surge factor is at most 10'),
};
const surge = z
  .object(surgeShape)
  .strict()
  .refine((s) => (s.programs?.length ?? 0) + (s.endItems?.length ?? 0) > 0, { message: 'name at least one program or end item', path: ['programs'] });

export const DISRUPTION_EVENT_SCHEMA = z.discriminatedUnion('type', [
  z.object({ type: z.literal('siteOut'), label: name.optional(), nodeIds: ids, days: z.union([days, z.literal('ttr'), z.literal('horizon')]).default('ttr') }).strict(),
  z.object({ type: z.literal('countryOut'), label: name.optional(), countries: ids, days: z.union([days, z.literal('horizon')]).default(30) }).strict(),
  z.object({ type: z.literal('laneClosed'), lanes: ids }).strict(),
  z.object({ type: z.literal('demandSurge'), ...surgeShape }).strict(),
  z.object({ type: z.literal('capacityScale'), nodeIds: ids, factor: z.number().min(0, 'a capacity factor is at least 0').max(10, 'a capacity factor is at most 10') }).strict(),
]);
export type DisruptionEvent = z.infer<typeof DISRUPTION_EVENT_SCHEMA>;

const common = {
  name,
  description: z.string().max(2000).optional(),
  /** Planning horizon T (days): TTS is capped at T (TTS ≥ T is reported as ∞). */
  horizonDays: horizon.default(365),
};

export const SCENARIO_SCHEMA = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('peacetime'), ...common, nodeIds: z.array(name).max(2_000_000).optional() }).strict(),
  z
    .object({
      kind: z.literal('emergency'),
      ...common,
      surge: z.object({ programs: z.array(name).max(10_000), factor: z.number().min(1.5, 'an emergency surge is at least ×1.5').max(3, 'an emergency surge is at most ×3') }).strict(),
      regionCountries: z.array(name).max(500).default([]),
      outDays: days.default(30),
      sweepNodes: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('armedConflict'),
      ...common,
      countriesOfConcern: z.array(name).max(500).default([]),
      closedLanes: z.array(name).max(500).default([]),
      surge: surge.nullable().default(null),
      sweepNodes: z.boolean().default(false),
    })
    .strict(),
  z.object({ kind: z.literal('custom'), ...common, events: z.array(DISRUPTION_EVENT_SCHEMA).min(1, 'list at least one event').max(1000), sweepNodes: z.boolean().default(false) }).strict(),
]);

/** A scenario after parsing (defaults filled in). */
export type Scenario = z.infer<typeof SCENARIO_SCHEMA>;
/** What a client may send (defaults optional). */
export type ScenarioInput = z.input<typeof SCENARIO_SCHEMA>;

/** Parses a scenario; throws AppError VALIDATION_FAILED with one FieldError per issue (path like "events/0/days"). */
export function parseScenario(input: unknown): Scenario {
  const parsed = SCENARIO_SCHEMA.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('/') || '(scenario)', message: issue.message }));
  throw new AppError('VALIDATION_FAILED', { detail: 'The scenario has invalid fields.', errors });
}

/** Preset templates (§5) — fill in the network-specific lists before running. */
export const SCENARIO_PRESETS: Readonly<Record<'peacetime' | 'emergency' | 'armedConflict', ScenarioInput>> = {
  peacetime: { kind: 'peacetime', name: 'Peacetime: each site out for its time-to-recover', horizonDays: 365 },
  emergency: {
    kind: 'emergency',
    name: 'Emergency: demand surge ×2, a region out for 30 days',
    horizonDays: 365,
    surge: { programs: [], factor: 2 },
    regionCountries: [],
    outDays: 30,
  },
  armedConflict: {
    kind: 'armedConflict',
    name: 'Armed conflict: countries of concern out, sea lanes closed, surge on munitions and spares',
    horizonDays: 365,
    countriesOfConcern: [],
    closedLanes: [],
    surge: null,
  },
};

/** One row to evaluate: these nodes out for `days` (or each node's own TTR). */
export interface Disruption {
  id: string;
  label: string;
  /** Node indices into network.nodes. */
  nodes: number[];
  days: number | 'ttr';
}

/** The base conditions every row of a scenario is evaluated under, plus its rows. */
export interface AppliedScenario {
  horizonDays: number;
  /** Demand factor per end item index (absent = 1). */
  demandFactor: Map<number, number>;
  /** Capacity factor per node index (absent = 1; 0 = out for the whole horizon). */
  capacityFactor: Map<number, number>;
  /** Removed edge indices (closed sea lanes). */
  removedEdges: Set<number>;
  disruptions: Disruption[];
  warnings: string[];
}

export function applyScenario(network: SupplyNetwork, scenarioInput: Scenario | ScenarioInput): AppliedScenario {
  const scenario = parseScenario(scenarioInput);
  const nodeIndex = new Map<string, number>();
  network.nodes.forEach((node, i) => nodeIndex.set(node.id, i));
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const programEndItems = new Map<string, number[]>();
  network.nodes.forEach((node, i) => {
    if (node.kind !== 'endItem') return;
    const names = node.programs && node.programs.length > 0 ? node.programs : [node.id];
    for (const p of new Set(names)) {
      const list = programEndItems.get(p);
      if (list) list.push(i);
      else programEndItems.set(p, [i]);
    }
  });
  const applied: AppliedScenario = {
    horizonDays: scenario.horizonDays,
    demandFactor: new Map(),
    capacityFactor: new Map(),
    removedEdges: new Set(),
    disruptions: [],
    warnings,
  };

  const resolveNodes = (list: readonly string[], field: string): number[] => {
    const out: number[] = [];
    list.forEach((id, i) => {
      const v = nodeIndex.get(id);
      if (v === undefined) errors.push({ field: `${field}/${i}`, message: `no node '${id}' in the network` });
      else out.push(v);
    });
    return [...new Set(out)];
  };
  const countryNodes = (countries: readonly string[], field: string): number[] => {
    const wanted = new Set(countries);
    const out: number[] = [];
    network.nodes.forEach((node, i) => {
      if (node.country !== undefined && wanted.has(node.country)) out.push(i);
    });
    const present = new Set(network.nodes.map((n) => n.country));
    for (const c of countries) if (!present.has(c)) warnings.push(`${field}: no node of the network is in country '${c}'`);
    return out;
  };
  const applySurge = (s: { programs?: string[] | undefined; endItems?: string[] | undefined; factor: number }, field: string) => {
    const targets = new Set<number>();
    if ((s.programs?.length ?? 0) + (s.endItems?.length ?? 0) === 0) errors.push({ field: `${field}/programs`, message: 'name at least one program or end item' });
    (s.programs ?? []).forEach((p, i) => {
      const items = programEndItems.get(p);
      if (!items) errors.push({ field: `${field}/programs/${i}`, message: `no program '${p}' in the network` });
      else for (const k of items) targets.add(k);
    });
    (s.endItems ?? []).forEach((id, i) => {
      const v = nodeIndex.get(id);
      if (v === undefined || network.nodes[v]!.kind !== 'endItem') errors.push({ field: `${field}/endItems/${i}`, message: `no end item '${id}' in the network` });
      else targets.add(v);
    });
    for (const k of targets) applied.demandFactor.set(k, (applied.demandFactor.get(k) ?? 1) * s.factor);
  };
  const outForHorizon = (nodes: number[]) => {
    for (const v of nodes) applied.capacityFactor.set(v, 0);
  };
  const closeLanes = (lanes: readonly string[], field: string) => {
    const wanted = new Set(lanes);
    const used = new Set<string>();
    network.edges.forEach((edge, e) => {
      if (edge.route !== undefined && wanted.has(edge.route)) {
        applied.removedEdges.add(e);
        used.add(edge.route);
      }
    });
    for (const lane of lanes) if (!used.has(lane)) warnings.push(`${field}: no edge of the network uses sea lane or route '${lane}'`);
  };
  const sweep = (only?: readonly string[]) => {
    const nodes = only ? resolveNodes(only, 'nodeIds') : network.nodes.map((_, i) => i);
    for (const v of nodes) applied.disruptions.push({ id: network.nodes[v]!.id, label: `${network.nodes[v]!.id} out for its TTR`, nodes: [v], days: 'ttr' });
  };

  switch (scenario.kind) {
    case 'peacetime':
      sweep(scenario.nodeIds);
      break;
    case 'emergency': {
      if (scenario.surge.programs.length > 0) applySurge(scenario.surge, 'surge');
      else warnings.push('surge/programs: no program chosen, demand as planned');
      if (scenario.regionCountries.length > 0) {
        const nodes = countryNodes(scenario.regionCountries, 'regionCountries');
        applied.disruptions.push({ id: `region:${scenario.regionCountries.join('+')}`, label: `${scenario.regionCountries.join(', ')} out for ${scenario.outDays} days`, nodes, days: scenario.outDays });
      }
      if (scenario.sweepNodes) sweep();
      if (applied.disruptions.length === 0) applied.disruptions.push({ id: 'base', label: 'surge only, for the horizon', nodes: [], days: scenario.horizonDays });
      break;
    }
    case 'armedConflict': {
      outForHorizon(countryNodes(scenario.countriesOfConcern, 'countriesOfConcern'));
      closeLanes(scenario.closedLanes, 'closedLanes');
      if (scenario.surge) applySurge(scenario.surge, 'surge');
      applied.disruptions.push({ id: 'conflict', label: 'the conflict, for the horizon', nodes: [], days: scenario.horizonDays });
      if (scenario.sweepNodes) sweep();
      break;
    }
    case 'custom': {
      scenario.events.forEach((event, i) => {
        const field = `events/${i}`;
        switch (event.type) {
          case 'siteOut': {
            const nodes = resolveNodes(event.nodeIds, `${field}/nodeIds`);
            if (event.days === 'horizon') outForHorizon(nodes);
            else applied.disruptions.push({ id: event.nodeIds.length === 1 ? event.nodeIds[0]! : `sites:${event.nodeIds.join('+')}`, label: event.label ?? `${event.nodeIds.join(', ')} out`, nodes, days: event.days });
            break;
          }
          case 'countryOut': {
            const nodes = countryNodes(event.countries, `${field}/countries`);
            if (event.days === 'horizon') outForHorizon(nodes);
            else applied.disruptions.push({ id: `country:${event.countries.join('+')}`, label: event.label ?? `${event.countries.join(', ')} out for ${event.days} days`, nodes, days: event.days });
            break;
          }
          case 'laneClosed':
            closeLanes(event.lanes, `${field}/lanes`);
            break;
          case 'demandSurge':
            applySurge(event, field);
            break;
          case 'capacityScale':
            for (const v of resolveNodes(event.nodeIds, `${field}/nodeIds`)) applied.capacityFactor.set(v, (applied.capacityFactor.get(v) ?? 1) * event.factor);
            break;
        }
      });
      const hasRows = applied.disruptions.length > 0;
      if (scenario.sweepNodes) sweep();
      if (!hasRows && !scenario.sweepNodes) applied.disruptions.push({ id: 'base', label: 'base conditions, for the horizon', nodes: [], days: scenario.horizonDays });
      break;
    }
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { detail: 'The scenario does not fit the network.', errors });
  return applied;
}
