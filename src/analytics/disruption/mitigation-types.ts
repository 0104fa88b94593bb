// Mitigation candidates and plans (supply-resilience.md §6). Plain JSON.

/** Costs of mitigations (currency units, same as node unitCost). Defaults: DEFAULT_COST_MODEL. */
export interface CostModel {
  /** Qualifying an additional source (tests, first article, paperwork), per new edge. Default 250,000. */
  secondSourceFixed: number;
  /** Extra cost when the second source is a hypothetical new site (tooling), per unit/day of capacity × the part's unit cost. Default 30 (≈ a month of output value). */
  newSiteCapacityFactor: number;
  /** Buffer stock: cost = unitCost × daily usage × days × holdingRate (annual carrying cost of the stock). Default 0.25. */
  bufferHoldingRate: number;
  /** Buffer sizes offered (days). Default [15, 30, 60]. */
  bufferDays: number[];
  /** Relocating a site to another country: fixed + factor × capacity/day × unitCost. Defaults 1,000,000 and 60. */
  relocateFixed: number;
  relocateCapacityFactor: number;
  /** Countries a relocation or a new site may go to (default: the network's countries that hold no outage of the scenario). */
  safeCountries?: string[];
  /** Qualification lead time of a second source, days (informational). Default 180. */
  qualificationDays: number;
}

export type Mitigation =
  | { type: 'secondSource'; consumer: string; part: string; fromNodeId: string; country: string | null; capacityPerDay?: number }
  | { type: 'newSite'; consumer: string; part: string; country: string; capacityPerDay: number }
  | { type: 'bufferStock'; nodeId: string; days: number }
  | { type: 'relocate'; nodeId: string; toCountry: string };

export interface RankedMitigation {
  mitigation: Mitigation;
  description: string;
  cost: number;
  /** Reduction of summed lost value over the scenario's rows if this alone is applied. */
  reduction: number;
  /** reduction / cost. */
  score: number;
}

export interface ChosenMitigation extends RankedMitigation {
  /** Summed lost value after this and every earlier chosen mitigation. */
  lostValueAfter: number;
  cumulativeCost: number;
}

export interface MitigationPlan {
  budget: number;
  costModel: CostModel;
  /** Summed lost value over the scenario's rows before any mitigation. */
  baselineLostValue: number;
  /** Every candidate, best score first (each evaluated alone). */
  ranked: RankedMitigation[];
  /** Greedy choice under the budget, re-evaluated after each pick (marginal reductions). */
  chosen: ChosenMitigation[];
  totalCost: number;
  lostValueAfter: number;
  lpSolves: number;
  timings: { totalMs: number };
}

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
