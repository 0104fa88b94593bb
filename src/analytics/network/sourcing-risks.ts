// Sole-source and single-country input parts (supply-resilience.md §2, related outputs) and the
// per-part concentration index (§3, Herfindahl–Hirschman style), in one pass over the groups.
import { nodeLabel, type NetworkCsr } from './network-model.js';

export interface SourcingRisks {
  /** Distinct qualified sources of each input group (duplicate edges counted once). */
  distinctSources: Int32Array;
  /** §2: input groups with exactly one distinct qualified source, |S(v,q)| = 1 (ascending group ids). */
  soleSourceGroups: Int32Array;
  /**
   * §2: input groups all of whose sources are in one (known) country — sole-source groups
   * included; filter on distinctSources > 1 for the multi-sourced ones (ascending group ids).
   */
  singleCountryGroups: Int32Array;
  /** The country (index into csr.countries) of each entry of singleCountryGroups. */
  singleCountryOf: Int32Array;
  /** Groups with a source of unknown country: never classed single-country, HHI NaN. */
  unknownCountryGroups: number;
  /** §3: Σ over countries of (share of the group's distinct sources in that country)²; 1 = one country. */
  groupConcentration: Float64Array;
}

export function findSourcingRisks(csr: NetworkCsr): SourcingRisks {
  const G = csr.groupCount;
  const { sourceStart, sources, country } = csr;
  const distinctSources = new Int32Array(G);
  const groupConcentration = new Float64Array(G);
  const seenNode = new Int32Array(csr.nodeCount).fill(-1);
  const perCountry = new Int32Array(csr.countries.length);
  const countriesHere: number[] = [];
  const sole: number[] = [];
  const single: number[] = [];
  const singleOf: number[] = [];
  let unknown = 0;
  for (let g = 0; g < G; g++) {
    let distinct = 0;
    let unknownHere = false;
    countriesHere.length = 0;
    for (let s = sourceStart[g]!; s < sourceStart[g + 1]!; s++) {
      const u = sources[s]!;
      if (seenNode[u] === g) continue;
      seenNode[u] = g;
      distinct++;
      const c = country[u]!;
      if (c < 0) unknownHere = true;
      else if (perCountry[c]!++ === 0) countriesHere.push(c);
    }
    distinctSources[g] = distinct;
    if (distinct === 1) sole.push(g);
    if (unknownHere) {
      unknown++;
      groupConcentration[g] = Number.NaN;
    } else {
      let hhi = 0;
      for (const c of countriesHere) hhi += (perCountry[c]! / distinct) ** 2;
      groupConcentration[g] = hhi;
      if (countriesHere.length === 1) {
        single.push(g);
        singleOf.push(countriesHere[0]!);
      }
    }
    for (const c of countriesHere) perCountry[c] = 0;
  }
  return {
    distinctSources,
    soleSourceGroups: Int32Array.from(sole),
    singleCountryGroups: Int32Array.from(single),
    singleCountryOf: Int32Array.from(singleOf),
    unknownCountryGroups: unknown,
    groupConcentration,
  };
}

/** A readable form of input group g: the consuming node, the part, and its sources. */
export function describeInputGroup(csr: NetworkCsr, g: number): { node: string; part: string; sources: string[] } {
  const part = csr.groupPart[g]!;
  const sources: string[] = [];
  for (let s = csr.sourceStart[g]!; s < csr.sourceStart[g + 1]!; s++) sources.push(nodeLabel(csr, csr.sources[s]!));
  return { node: nodeLabel(csr, csr.groupNode[g]!), part: csr.parts?.[part] ?? String(part), sources };
}
