// Country exposure per program (supply-resilience.md §3) on top of the §2 critical sets: where a
// program's critical nodes and the nodes it draws on are, and whether it can still be made when
// the countries of concern are out (§3's country-level kill; §5 "armed conflict" preset).
import { z } from 'zod';
import { COUNT, SHARE } from '../result-numbers.js';
import { propagateWorking } from './brute-force-critical.js';
import { criticalNodesByProgram, type CriticalNodesResult } from './critical-nodes.js';
import type { NetworkCsr } from './network-model.js';

export interface CountryExposureOptions {
  /** Country names tagged "of concern" (§1, §5); default none. */
  countriesOfConcern?: readonly string[];
}

/** A program's critical and upstream nodes in some countries, and their shares of all of them. */
export const EXPOSURE_SHARES_SCHEMA = z.strictObject({
  /** The program's critical nodes there, and their share of all its critical nodes. */
  critical: COUNT,
  criticalShare: SHARE,
  /** The nodes the program draws on (its end items and all their suppliers, any tier) there. */
  upstream: COUNT,
  upstreamShare: SHARE,
});

export const COUNTRY_SHARE_SCHEMA = z.strictObject({
  /** null = nodes without a country. */
  country: z.string().nullable(),
  ofConcern: z.boolean(),
  ...EXPOSURE_SHARES_SCHEMA.shape,
});
export type CountryShare = z.infer<typeof COUNTRY_SHARE_SCHEMA>;

export interface ProgramCountryExposure {
  program: string;
  endItems: Int32Array;
  /** Nodes whose loss alone stops the program (some end item), §2. */
  criticalCount: number;
  /** Nodes the program draws on: its end items and every node upstream of them. */
  upstreamCount: number;
  /** Countries with at least one upstream node, most critical nodes first. */
  byCountry: CountryShare[];
  /** Shares of critical and upstream nodes in the countries of concern (all together). */
  ofConcern: z.infer<typeof EXPOSURE_SHARES_SCHEMA>;
  /** §3: can every end item still be made with all nodes of all countries of concern removed? */
  producibleWithoutCountriesOfConcern: boolean;
  /** §3: the same with one country of concern removed at a time. */
  producibleWithout: Array<{ country: string; producible: boolean }>;
  /** §3 concentration: mean over the input groups of its upstream nodes of the group HHI (NaN if none is known). */
  meanConcentration: number;
}

export interface CountryExposureResult {
  programs: ProgramCountryExposure[];
  /** Countries of concern with no node in the network (no effect, listed so a typo shows). */
  countriesOfConcernNotFound: string[];
}

/**
 * O(Σ_programs |upstream| + (|countries of concern| + 1) · (n + m)). `groupConcentration` is
 * findSourcingRisks(csr).groupConcentration (pass it to include meanConcentration).
 */
export function analyzeCountryExposure(
  csr: NetworkCsr,
  critical: CriticalNodesResult,
  options: CountryExposureOptions = {},
  groupConcentration?: Float64Array,
): CountryExposureResult {
  const n = csr.nodeCount;
  const C = csr.countries.length;
  const concernNames = [...new Set(options.countriesOfConcern ?? [])];
  const concernIndex = concernNames.map((name) => csr.countries.indexOf(name));
  const notFound = concernNames.filter((_, i) => concernIndex[i]! < 0);
  const isConcern = new Uint8Array(C + 1);
  for (const c of concernIndex) if (c >= 0) isConcern[c] = 1;

  // Which end items survive each removal (all countries of concern; each one alone).
  const removed = new Uint8Array(n);
  const works = new Uint8Array(n);
  const survive = (inCountry: (c: number) => boolean): Uint8Array => {
    for (let v = 0; v < n; v++) removed[v] = inCountry(csr.country[v]!) ? 1 : 0;
    return propagateWorking(csr, removed, works).slice();
  };
  const allConcern = survive((c) => c >= 0 && isConcern[c] === 1);
  const perConcern = concernNames.map((name, i) => ({ name, works: concernIndex[i]! < 0 ? null : survive((c) => c === concernIndex[i]) }));

  const programCritical = criticalNodesByProgram(csr, critical);
  const seen = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const upstreamBy = new Int32Array(C + 1);
  const criticalBy = new Int32Array(C + 1);
  const slot = (c: number) => (c < 0 ? C : c);

  const programs = programCritical.map(({ program, endItems, critical: crit }, p) => {
    upstreamBy.fill(0);
    criticalBy.fill(0);
    let head = 0;
    let tail = 0;
    for (const k of endItems) {
      if (seen[k] !== p) {
        seen[k] = p;
        queue[tail++] = k;
      }
    }
    let hhiSum = 0;
    let hhiCount = 0;
    while (head < tail) {
      const v = queue[head++]!;
      upstreamBy[slot(csr.country[v]!)]!++;
      for (let g = csr.groupStart[v]!; g < csr.groupStart[v + 1]!; g++) {
        if (groupConcentration && !Number.isNaN(groupConcentration[g]!)) {
          hhiSum += groupConcentration[g]!;
          hhiCount++;
        }
        for (let s = csr.sourceStart[g]!; s < csr.sourceStart[g + 1]!; s++) {
          const u = csr.sources[s]!;
          if (seen[u] !== p) {
            seen[u] = p;
            queue[tail++] = u;
          }
        }
      }
    }
    const upstreamCount = tail;
    for (const x of crit) criticalBy[slot(csr.country[x]!)]!++;
    const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
    const byCountry: CountryShare[] = [];
    let concernCritical = 0;
    let concernUpstream = 0;
    for (let c = 0; c <= C; c++) {
      if (upstreamBy[c] === 0) continue;
      const ofConcern = c < C && isConcern[c] === 1;
      if (ofConcern) {
        concernCritical += criticalBy[c]!;
        concernUpstream += upstreamBy[c]!;
      }
      byCountry.push({
        country: c < C ? csr.countries[c]! : null,
        ofConcern,
        critical: criticalBy[c]!,
        criticalShare: share(criticalBy[c]!, crit.length),
        upstream: upstreamBy[c]!,
        upstreamShare: share(upstreamBy[c]!, upstreamCount),
      });
    }
    byCountry.sort((a, b) => b.critical - a.critical || b.upstream - a.upstream || String(a.country).localeCompare(String(b.country)));
    const producible = (w: Uint8Array | null) => w === null || endItems.every((k) => w[k] === 1);
    return {
      program,
      endItems,
      criticalCount: crit.length,
      upstreamCount,
      byCountry,
      ofConcern: {
        critical: concernCritical,
        criticalShare: share(concernCritical, crit.length),
        upstream: concernUpstream,
        upstreamShare: share(concernUpstream, upstreamCount),
      },
      producibleWithoutCountriesOfConcern: producible(allConcern),
      producibleWithout: perConcern.map(({ name, works: w }) => ({ country: name, producible: producible(w) })),
      meanConcentration: hhiCount === 0 ? Number.NaN : hhiSum / hhiCount,
    };
  });
  return { programs, countriesOfConcernNotFound: notFound };
}
