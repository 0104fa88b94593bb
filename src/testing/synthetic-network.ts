// Seeded synthetic AND/OR supply networks (supply-resilience.md §1) for tests and the benchmark.
//
// Five tiers: purchased parts / raw materials (kind part), components, subassemblies and
// assemblies (sites), then end items. Every part of tiers 0–3 is made by 1–3 sites (one site with
// probability `soleSourceShare`); each site of a part has that part's bill of materials (1–4
// input parts, mostly from the tier below, near the part's own "family" so that subtrees overlap
// a little, plus shared commodities) and for each input part is qualified on all of its makers
// (80 %) or on a random non-empty subset. Sites of one part share a country 60 % of the time.
import { KIND_END_ITEM, KIND_PART, KIND_SITE, type NetworkArrays } from '../analytics/network/network-model.js';
import { seededRandom } from '../domain/seeded-random.js';

export interface SyntheticNetworkOptions {
  /** Total nodes (exact). */
  nodes: number;
  seed: number;
  /** End items (default max(1, nodes / 2,000)). */
  endItems?: number;
  /** Programs, end items dealt round-robin (default min(20, endItems)). */
  programs?: number;
  /** Countries (default 12, Zipf-like shares: C0 is the largest). */
  countries?: number;
  /** Share of parts with a single maker (default 0.5). */
  soleSourceShare?: number;
}

const TIER_SHARES = [0.2, 0.4, 0.25, 0.15];

export function generateSyntheticNetwork(options: SyntheticNetworkOptions): NetworkArrays {
  const random = seededRandom(options.seed);
  const total = options.nodes;
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`nodes must be a whole number ≥ 1, not ${total}`);
  const endCount = Math.min(total, options.endItems ?? Math.max(1, Math.round(total / 2000)));
  const programCount = Math.max(1, Math.min(endCount, options.programs ?? 20));
  const countryCount = options.countries ?? 12;
  const sole = options.soleSourceShare ?? 0.5;

  // Country weights ∝ 1/(i+1).
  const countryCdf = new Float64Array(countryCount);
  {
    let sum = 0;
    for (let i = 0; i < countryCount; i++) sum += 1 / (i + 1);
    let acc = 0;
    for (let i = 0; i < countryCount; i++) countryCdf[i] = (acc += 1 / (i + 1) / sum);
  }
  const drawCountry = () => {
    const u = random();
    let i = 0;
    while (i < countryCount - 1 && countryCdf[i]! < u) i++;
    return i;
  };

  // Parts per tier, each with its makers (a contiguous node range).
  const rest = total - endCount;
  const tierNodes = TIER_SHARES.map((s) => Math.floor(rest * s));
  tierNodes[1]! += rest - tierNodes.reduce((a, b) => a + b, 0);
  const partFirst: number[] = [];
  const partMakers: number[] = [];
  const partTier: number[] = [];
  const tierParts: number[][] = [[], [], [], [], []];
  const kind = new Uint8Array(total);
  const country = new Int32Array(total);
  let node = 0;
  for (let t = 0; t < 4; t++) {
    let left = tierNodes[t]!;
    while (left > 0) {
      const u = random();
      const makers = Math.min(left, u < sole ? 1 : u < sole + (1 - sole) * 0.7 ? 2 : 3);
      const p = partFirst.length;
      partFirst.push(node);
      partMakers.push(makers);
      partTier.push(t);
      tierParts[t]!.push(p);
      const home = drawCountry();
      for (let i = 0; i < makers; i++) {
        kind[node] = t === 0 ? KIND_PART : KIND_SITE;
        country[node] = i === 0 || random() < 0.6 ? home : drawCountry();
        node++;
      }
      left -= makers;
    }
  }
  for (let i = 0; i < endCount; i++) {
    const p = partFirst.length;
    partFirst.push(node);
    partMakers.push(1);
    partTier.push(4);
    tierParts[4]!.push(p);
    kind[node] = KIND_END_ITEM;
    country[node] = drawCountry();
    node++;
  }
  const commodities = tierParts[0]!.slice(0, Math.max(1, Math.round(tierParts[0]!.length * 0.01)));

  // Bills of materials, then one input group per (maker, input part).
  const from: number[] = [];
  const to: number[] = [];
  const part: number[] = [];
  const quantity: number[] = [];
  const bom: number[] = [];
  const pickNear = (t: number, x: number): number | undefined => {
    const list = tierParts[t]!;
    if (list.length === 0) return undefined;
    const noise = (random() + random() + random() - 1.5) * 0.03;
    let i = Math.floor((x + noise) * list.length);
    i = Math.min(list.length - 1, Math.max(0, i));
    return list[i];
  };
  for (let t = 1; t <= 4; t++) {
    const list = tierParts[t]!;
    list.forEach((p, rank) => {
      const x = (rank + 0.5) / list.length;
      bom.length = 0;
      const inputs = t === 4 ? 2 + Math.floor(random() * 4) : 1 + Math.floor(random() * 4);
      for (let i = 0; i < inputs; i++) {
        let q: number | undefined;
        const u = random();
        if (t <= 2 && u < 0.1) q = commodities[Math.floor(random() * commodities.length)];
        else if (u < 0.75 || t === 1) q = pickNear(t - 1, x);
        else q = pickNear(Math.floor(random() * (t - 1)), x);
        if (q !== undefined && !bom.includes(q)) bom.push(q);
      }
      for (let mk = 0; mk < partMakers[p]!; mk++) {
        const v = partFirst[p]! + mk;
        for (const q of bom) {
          const first = partFirst[q]!;
          const makers = partMakers[q]!;
          const r = 1 + Math.floor(random() * 4);
          if (makers === 1 || random() < 0.8) {
            for (let s = 0; s < makers; s++) {
              from.push(first + s);
              to.push(v);
              part.push(q);
              quantity.push(r);
            }
          } else {
            const chosen = 1 + Math.floor(random() * ((1 << makers) - 1)); // non-empty subset
            for (let s = 0; s < makers; s++) {
              if (chosen & (1 << s)) {
                from.push(first + s);
                to.push(v);
                part.push(q);
                quantity.push(r);
              }
            }
          }
        }
      }
    });
  }

  const programStart = new Int32Array(programCount + 1);
  const byProgram: number[][] = Array.from({ length: programCount }, () => []);
  tierParts[4]!.forEach((p, i) => byProgram[i % programCount]!.push(partFirst[p]!));
  byProgram.forEach((list, i) => (programStart[i + 1] = programStart[i]! + list.length));

  return {
    nodeCount: total,
    kind,
    country,
    countries: Array.from({ length: countryCount }, (_, i) => `C${i}`),
    edgeFrom: Int32Array.from(from),
    edgeTo: Int32Array.from(to),
    edgePart: Int32Array.from(part),
    partCount: partFirst.length,
    edgeQuantity: Float64Array.from(quantity),
    programs: { names: byProgram.map((_, i) => `P${i}`), start: programStart, endItems: Int32Array.from(byProgram.flat()) },
  };
}
