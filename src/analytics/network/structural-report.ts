// One structural report of a supply network, in plain JSON for the API and the UI: single points
// of failure for every end item at once (supply-resilience.md §2), sole-source and single-country
// input parts (§2, related outputs) and country exposure per program with the countries of
// concern (§3). Long lists are cut at a stated length, with their totals, so a 10⁵-node network
// gives a report of bounded size. The report is declared once, as a zod schema (the API's response
// schema reuses it) with its type.
import { z } from 'zod';
import { COUNT } from '../result-numbers.js';
import { analyzeCountryExposure, COUNTRY_SHARE_SCHEMA, EXPOSURE_SHARES_SCHEMA } from './country-exposure.js';
import { analyzeCriticalNodes, criticalNodesOf } from './critical-nodes.js';
import { KIND_END_ITEM, nodeLabel, NODE_KINDS, type SupplyNetwork } from './network-model.js';
import { networkToCsr } from './network-to-csr.js';
import { findSourcingRisks } from './sourcing-risks.js';
import type { ValidateNetworkOptions } from './validate-network.js';

export interface StructuralReportOptions extends ValidateNetworkOptions {
  countriesOfConcern?: readonly string[];
  /** Entries listed per list (default 500); totals are always given. */
  listLimit?: number;
  /** Critical node ids listed per end item (default 100). */
  perEndItemLimit?: number;
}

export const NETWORK_SUMMARY_SCHEMA = z.strictObject({
  nodes: COUNT,
  edges: COUNT,
  byKind: z.strictObject({ site: COUNT, part: COUNT, endItem: COUNT }) satisfies z.ZodType<Record<(typeof NODE_KINDS)[number], number>>,
  endItems: COUNT,
  programs: z.array(z.string()),
  countries: z.array(z.strictObject({ country: z.string().nullable(), nodes: COUNT })),
});
export type NetworkSummary = z.infer<typeof NETWORK_SUMMARY_SCHEMA>;

const END_ITEM_CRITICALITY_SCHEMA = z.strictObject({
  id: z.string(),
  programs: z.array(z.string()),
  /** Nodes whose loss alone stops this end item, itself excluded (§2). */
  criticalCount: COUNT,
  critical: z.array(z.string()),
  truncated: z.boolean(),
});
type EndItemCriticality = z.infer<typeof END_ITEM_CRITICALITY_SCHEMA>;

const SINGLE_POINT_OF_FAILURE_SCHEMA = z.strictObject({
  id: z.string(),
  kind: z.string(),
  country: z.string().nullable(),
  part: z.string(),
  /** End items (other than itself) this node is critical for. */
  endItemCount: COUNT,
  endItems: z.array(z.string()),
  programs: z.array(z.string()),
});
type SinglePointOfFailure = z.infer<typeof SINGLE_POINT_OF_FAILURE_SCHEMA>;

const SOLE_SOURCE_PART_SCHEMA = z.strictObject({ node: z.string(), part: z.string(), source: z.string(), sourceCountry: z.string().nullable() });
type SoleSourcePart = z.infer<typeof SOLE_SOURCE_PART_SCHEMA>;
const SINGLE_COUNTRY_PART_SCHEMA = z.strictObject({ node: z.string(), part: z.string(), country: z.string(), sources: COUNT });
type SingleCountryPart = z.infer<typeof SINGLE_COUNTRY_PART_SCHEMA>;

/** A list cut at a stated length, with its total. */
const listed = <T extends z.ZodType>(item: T) => z.strictObject({ total: COUNT, items: z.array(item) });

export const STRUCTURAL_REPORT_SCHEMA = z.strictObject({
  summary: NETWORK_SUMMARY_SCHEMA,
  countriesOfConcern: z.array(z.string()),
  endItems: z.array(END_ITEM_CRITICALITY_SCHEMA),
  /** Nodes critical for at least one end item other than themselves, most end items first. */
  singlePointsOfFailure: listed(SINGLE_POINT_OF_FAILURE_SCHEMA),
  /** Every node id critical for some other end item (for drawing; bounded by the node count). */
  criticalNodeIds: z.array(z.string()),
  /** §2: input parts with exactly one qualified source. */
  soleSourceParts: listed(SOLE_SOURCE_PART_SCHEMA),
  /** §2: input parts with two or more sources, all in one country. */
  singleCountryParts: listed(SINGLE_COUNTRY_PART_SCHEMA),
  countryExposure: z.strictObject({
    countriesOfConcernNotFound: z.array(z.string()),
    programs: z.array(
      z.strictObject({
        program: z.string(),
        endItems: z.array(z.string()),
        criticalCount: COUNT,
        upstreamCount: COUNT,
        byCountry: z.array(COUNTRY_SHARE_SCHEMA),
        ofConcern: EXPOSURE_SHARES_SCHEMA,
        producibleWithoutCountriesOfConcern: z.boolean(),
        producibleWithout: z.array(z.strictObject({ country: z.string(), producible: z.boolean() })),
        meanConcentration: z.number().nullable().describe('§3 mean HHI over the input parts; null when no source country is known'),
      }),
    ),
  }),
  stats: z.strictObject({ killDagEdges: COUNT, criticalPairs: COUNT, millis: z.number() }),
});
export type StructuralReport = z.infer<typeof STRUCTURAL_REPORT_SCHEMA>;

/** Validates (VALIDATION_FAILED with every issue) and analyses the network. */
export function structuralReport(network: SupplyNetwork, options: StructuralReportOptions = {}): StructuralReport {
  const started = performance.now();
  const csr = networkToCsr(network, options);
  const listLimit = options.listLimit ?? 500;
  const perEndItem = options.perEndItemLimit ?? 100;
  const concern = [...new Set(options.countriesOfConcern ?? [])];
  const label = (v: number) => nodeLabel(csr, v);
  const countryOf = (v: number): string | null => (csr.country[v]! < 0 ? null : csr.countries[csr.country[v]!]!);
  const partOf = (v: number) => network.nodes[v]!.part ?? network.nodes[v]!.id;

  const critical = analyzeCriticalNodes(csr);
  const programsOfEndItem = new Map<number, string[]>();
  csr.programNames.forEach((name, p) => {
    for (let i = csr.programStart[p]!; i < csr.programStart[p + 1]!; i++) {
      const k = csr.programEndItems[i]!;
      const list = programsOfEndItem.get(k);
      if (list) list.push(name);
      else programsOfEndItem.set(k, [name]);
    }
  });

  const endItems: EndItemCriticality[] = [];
  for (let j = 0; j < critical.endItems.length; j++) {
    const k = critical.endItems[j]!;
    const others = Array.from(criticalNodesOf(critical, j)).filter((x) => x !== k);
    endItems.push({ id: label(k), programs: programsOfEndItem.get(k) ?? [], criticalCount: others.length, critical: others.slice(0, perEndItem).map(label), truncated: others.length > perEndItem });
  }

  // Per node: the end items (other than itself) it is critical for, and their programs.
  const spof: Array<{ v: number; count: number }> = [];
  for (let x = 0; x < csr.nodeCount; x++) {
    let count = 0;
    for (let i = critical.nodeEndItemStart[x]!; i < critical.nodeEndItemStart[x + 1]!; i++) if (critical.endItems[critical.nodeEndItems[i]!] !== x) count++;
    if (count > 0) spof.push({ v: x, count });
  }
  spof.sort((a, b) => b.count - a.count || csr.topoPosition[a.v]! - csr.topoPosition[b.v]!);
  const spofItems: SinglePointOfFailure[] = spof.slice(0, listLimit).map(({ v, count }) => {
    const ends: number[] = [];
    for (let i = critical.nodeEndItemStart[v]!; i < critical.nodeEndItemStart[v + 1]!; i++) {
      const k = critical.endItems[critical.nodeEndItems[i]!]!;
      if (k !== v) ends.push(k);
    }
    const programs = [...new Set(ends.flatMap((k) => programsOfEndItem.get(k) ?? []))];
    return { id: label(v), kind: NODE_KINDS[csr.kind[v]!] ?? 'site', country: countryOf(v), part: partOf(v), endItemCount: count, endItems: ends.slice(0, 20).map(label), programs: programs.slice(0, 20) };
  });

  const risks = findSourcingRisks(csr);
  const partName = (g: number) => csr.parts?.[csr.groupPart[g]!] ?? String(csr.groupPart[g]);
  const sole: SoleSourcePart[] = Array.from(risks.soleSourceGroups.subarray(0, listLimit), (g) => {
    const u = csr.sources[csr.sourceStart[g]!]!;
    return { node: label(csr.groupNode[g]!), part: partName(g), source: label(u), sourceCountry: countryOf(u) };
  });
  const multiSingle: SingleCountryPart[] = [];
  let multiSingleTotal = 0;
  risks.singleCountryGroups.forEach((g, i) => {
    if (risks.distinctSources[g]! < 2) return;
    multiSingleTotal++;
    if (multiSingle.length < listLimit) multiSingle.push({ node: label(csr.groupNode[g]!), part: partName(g), country: csr.countries[risks.singleCountryOf[i]!]!, sources: risks.distinctSources[g]! });
  });

  const exposure = analyzeCountryExposure(csr, critical, { countriesOfConcern: concern }, risks.groupConcentration);

  const byKind = { site: 0, part: 0, endItem: 0 } as NetworkSummary['byKind'];
  const countryCounts = new Map<string | null, number>();
  for (let v = 0; v < csr.nodeCount; v++) {
    byKind[NODE_KINDS[csr.kind[v]!]!]++;
    const c = countryOf(v);
    countryCounts.set(c, (countryCounts.get(c) ?? 0) + 1);
  }
  let endCount = 0;
  for (let v = 0; v < csr.nodeCount; v++) if (csr.kind[v] === KIND_END_ITEM) endCount++;

  return {
    summary: {
      nodes: csr.nodeCount,
      edges: csr.edgeCount,
      byKind,
      endItems: endCount,
      programs: [...csr.programNames],
      countries: [...countryCounts].map(([country, nodes]) => ({ country, nodes })).sort((a, b) => b.nodes - a.nodes),
    },
    countriesOfConcern: concern,
    endItems,
    singlePointsOfFailure: { total: spof.length, items: spofItems },
    criticalNodeIds: spof.map(({ v }) => label(v)),
    soleSourceParts: { total: risks.soleSourceGroups.length, items: sole },
    singleCountryParts: { total: multiSingleTotal, items: multiSingle },
    countryExposure: {
      countriesOfConcernNotFound: exposure.countriesOfConcernNotFound,
      programs: exposure.programs.map((p) => ({
        program: p.program,
        endItems: Array.from(p.endItems, label),
        criticalCount: p.criticalCount,
        upstreamCount: p.upstreamCount,
        byCountry: p.byCountry,
        ofConcern: p.ofConcern,
        producibleWithoutCountriesOfConcern: p.producibleWithoutCountriesOfConcern,
        producibleWithout: p.producibleWithout,
        meanConcentration: Number.isNaN(p.meanConcentration) ? null : p.meanConcentration,
      })),
    },
    stats: { killDagEdges: critical.stats.killDagEdges, criticalPairs: critical.stats.criticalPairs, millis: Math.round(performance.now() - started) },
  };
}

/** Counts for the network list: nodes, edges, end items (no validation beyond what is stored). */
export function summariseNetwork(network: SupplyNetwork): Pick<NetworkSummary, 'nodes' | 'edges' | 'byKind' | 'endItems' | 'programs' | 'countries'> {
  const byKind = { site: 0, part: 0, endItem: 0 } as NetworkSummary['byKind'];
  const countries = new Map<string | null, number>();
  const programs = new Set<string>();
  for (const node of network.nodes) {
    byKind[node.kind]++;
    countries.set(node.country ?? null, (countries.get(node.country ?? null) ?? 0) + 1);
    if (node.kind === 'endItem') for (const p of node.programs && node.programs.length > 0 ? node.programs : [node.id]) programs.add(p);
  }
  return {
    nodes: network.nodes.length,
    edges: network.edges.length,
    byKind,
    endItems: byKind.endItem,
    programs: [...programs],
    countries: [...countries].map(([country, nodes]) => ({ country, nodes })).sort((a, b) => b.nodes - a.nodes),
  };
}
