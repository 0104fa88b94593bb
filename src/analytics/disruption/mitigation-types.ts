// Mitigation candidates and plans (supply-resilience.md §6). Plain JSON, each result declared once
// as a zod schema (the API's response schema reuses it) with its type.
import { z } from 'zod';
import { COUNT } from '../result-numbers.js';

/** Costs of mitigations (currency units, same as node unitCost). Defaults: DEFAULT_COST_MODEL. */
export const COST_MODEL_SCHEMA = z.strictObject({
  /** Qualifying an additional source (tests, first article, paperwork), per new edge. Default 250,000. */
  secondSourceFixed: z.number(),
  /** Extra cost when the second source is a hypothetical new site (tooling), per unit/day of capacity × the part's unit cost. Default 30 (≈ a month of output value). */
  newSiteCapacityFactor: z.number(),
  /** Buffer stock: cost = unitCost × daily usage × days × holdingRate (annual carrying cost of the stock). Default 0.25. */
  bufferHoldingRate: z.number(),
  /** Buffer sizes offered (days). Default [15, 30, 60]. */
  bufferDays: z.array(z.number()),
  /** Relocating a site to another country: fixed + factor × capacity/day × unitCost. Defaults 1,000,000 and 60. */
  relocateFixed: z.number(),
  relocateCapacityFactor: z.number(),
  /** Countries a relocation or a new site may go to (default: the network's countries that hold no outage of the scenario). */
  safeCountries: z.array(z.string()).optional(),
  /** Qualification lead time of a second source, days (informational). Default 180. */
  qualificationDays: z.number(),
});
export type CostModel = z.infer<typeof COST_MODEL_SCHEMA>;

export const MITIGATION_SCHEMA = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('secondSource'), consumer: z.string(), part: z.string(), fromNodeId: z.string(), country: z.string().nullable(), capacityPerDay: z.number().optional() }),
  z.strictObject({ type: z.literal('newSite'), consumer: z.string(), part: z.string(), country: z.string(), capacityPerDay: z.number() }),
  z.strictObject({ type: z.literal('bufferStock'), nodeId: z.string(), days: z.number() }),
  z.strictObject({ type: z.literal('relocate'), nodeId: z.string(), toCountry: z.string() }),
]);
export type Mitigation = z.infer<typeof MITIGATION_SCHEMA>;

export const RANKED_MITIGATION_SCHEMA = z.strictObject({
  mitigation: MITIGATION_SCHEMA,
  description: z.string(),
  cost: z.number(),
  /** Reduction of summed lost value over the scenario's rows if this alone is applied. */
  reduction: z.number(),
  /** reduction / cost. */
  score: z.number(),
});
export type RankedMitigation = z.infer<typeof RANKED_MITIGATION_SCHEMA>;

export const CHOSEN_MITIGATION_SCHEMA = RANKED_MITIGATION_SCHEMA.extend({
  /** Summed lost value after this and every earlier chosen mitigation. */
  lostValueAfter: z.number(),
  cumulativeCost: z.number(),
});
export type ChosenMitigation = z.infer<typeof CHOSEN_MITIGATION_SCHEMA>;

export const MITIGATION_PLAN_SCHEMA = z.strictObject({
  budget: z.number(),
  costModel: COST_MODEL_SCHEMA,
  /** Summed lost value over the scenario's rows before any mitigation. */
  baselineLostValue: z.number(),
  /** Every candidate, best score first (each evaluated alone). */
  ranked: z.array(RANKED_MITIGATION_SCHEMA),
  /** Greedy choice under the budget, re-evaluated after each pick (marginal reductions). */
  chosen: z.array(CHOSEN_MITIGATION_SCHEMA),
  totalCost: z.number(),
  lostValueAfter: z.number(),
  lpSolves: COUNT,
  timings: z.strictObject({ totalMs: z.number() }),
});
export type MitigationPlan = z.infer<typeof MITIGATION_PLAN_SCHEMA>;

export interface RankMitigationsOptions {
  budget: number;
  costModel?: Partial<CostModel>;
  /** Cap on candidates evaluated (best structural candidates first). Default 200. */
  maxCandidates?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
  workers?: number;
}

export const DEFAULT_COST_MODEL: CostModel = {
  secondSourceFixed: 250_000,
  newSiteCapacityFactor: 30,
  bufferHoldingRate: 0.25,
  bufferDays: [15, 30, 60],
  relocateFixed: 1_000_000,
  relocateCapacityFactor: 60,
  qualificationDays: 180,
};
