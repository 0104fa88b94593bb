import { z } from '@hono/zod-openapi';
import { namedOrNull } from '../responses.js';
import type { MitigationPlan } from '../../analytics/disruption/mitigation-types.js';
import type { ScenarioResult } from '../../analytics/disruption/types.js';
import type { StructuralReport } from '../../analytics/network/structural-report.js';
import { SCENARIO_SCHEMA } from '../../analytics/disruption/index.js';

// What an analysis answers, declared so that the web UI and partners' clients read typed results.
// Each schema `satisfies` the analytics' own result type: a field the analytics add or rename
// fails the type check here, and a field the schema lacks fails the contract check in the tests.

/** §5: a scenario, as the analytics parse it (a preset filled from the network, or a custom one). */
export const scenarioDefinitionSchema = z.discriminatedUnion('kind', SCENARIO_SCHEMA.options).openapi('Scenario');

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);
const listed = <T extends z.ZodType>(item: T) => z.strictObject({ total: count, items: z.array(item) });

/** A network's counts (analytics/network/structural-report.ts NetworkSummary): in a structural report and on the network's own read. */
export const networkSummarySchema = z.strictObject({
  nodes: count,
  edges: count,
  byKind: z.strictObject({ site: count, part: count, endItem: count }),
  endItems: count,
  programs: z.array(z.string()),
  countries: z.array(z.strictObject({ country: z.string().nullable(), nodes: count })),
});

const countryShareSchema = z.strictObject({ country: z.string().nullable(), ofConcern: z.boolean(), critical: count, criticalShare: share, upstream: count, upstreamShare: share });

/** supply-resilience.md §2–§3: critical nodes per end item, sourcing risks, country exposure. */
export const structuralReportSchema = z
  .strictObject({
    summary: networkSummarySchema,
    countriesOfConcern: z.array(z.string()),
    endItems: z.array(z.strictObject({ id: z.string(), programs: z.array(z.string()), criticalCount: count, critical: z.array(z.string()), truncated: z.boolean() })),
    singlePointsOfFailure: listed(z.strictObject({ id: z.string(), kind: z.string(), country: z.string().nullable(), part: z.string(), endItemCount: count, endItems: z.array(z.string()), programs: z.array(z.string()) })),
    criticalNodeIds: z.array(z.string()),
    soleSourceParts: listed(z.strictObject({ node: z.string(), part: z.string(), source: z.string(), sourceCountry: z.string().nullable() })),
    singleCountryParts: listed(z.strictObject({ node: z.string(), part: z.string(), country: z.string(), sources: count })),
    countryExposure: z.strictObject({
      countriesOfConcernNotFound: z.array(z.string()),
      programs: z.array(
        z.strictObject({
          program: z.string(),
          endItems: z.array(z.string()),
          criticalCount: count,
          upstreamCount: count,
          byCountry: z.array(countryShareSchema),
          ofConcern: z.strictObject({ critical: count, criticalShare: share, upstream: count, upstreamShare: share }),
          producibleWithoutCountriesOfConcern: z.boolean(),
          producibleWithout: z.array(z.strictObject({ country: z.string(), producible: z.boolean() })),
          meanConcentration: z.number().nullable().openapi({ description: '§3 mean HHI over the input parts; null when no source country is known' }),
        }),
      ),
    }),
    stats: z.strictObject({ killDagEdges: count, criticalPairs: count, millis: z.number() }),
  })
  .openapi('StructuralReport') satisfies z.ZodType<StructuralReport>;

/** §4: one disruption's time to survive and lost output. */
const disruptionRowSchema = z
  .strictObject({
    nodeId: z.string(),
    label: z.string(),
    nodeIds: z.array(z.string()),
    tts: z.number().nullable().openapi({ description: 'Days; null when at or beyond the horizon (ttsAtLeastHorizon) or not solved' }),
    ttsAtLeastHorizon: z.boolean(),
    ttr: z.number(),
    survives: z.boolean(),
    lostValue: z.number(),
    lostByEndItem: z.record(z.string(), z.number()),
    riskExposureIndex: z.number(),
    status: z.enum(['optimal', 'infeasible', 'unbounded', 'solver_error', 'time_limit']),
    method: z.enum(['lp', 'certificate', 'irrelevant']),
    message: z.string().optional(),
  })
  .openapi('DisruptionRow');

export const scenarioResultSchema = z
  .strictObject({
    scenario: scenarioDefinitionSchema,
    networkName: z.string().nullable(),
    horizonDays: z.number(),
    baseTts: z.number().nullable(),
    rows: z.array(disruptionRowSchema),
    programs: z.array(z.strictObject({ program: z.string(), endItems: z.array(z.string()), worstLostUnits: z.number(), worstLostValue: z.number(), worstNodeId: z.string().nullable(), rowsWithLoss: count })),
    warnings: z.array(z.string()),
    stats: z.strictObject({ disruptions: count, ttsLps: count, piLps: count, shortcutRows: count, baseLps: count, errors: count, workers: count, method: z.enum(['fast', 'baseline']) }),
    timings: z.strictObject({ totalMs: z.number(), prepareMs: z.number(), solveMs: z.number() }),
  })
  .openapi('ScenarioResult') satisfies z.ZodType<ScenarioResult>;

const mitigationSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('secondSource'), consumer: z.string(), part: z.string(), fromNodeId: z.string(), country: z.string().nullable(), capacityPerDay: z.number().optional() }),
    z.strictObject({ type: z.literal('newSite'), consumer: z.string(), part: z.string(), country: z.string(), capacityPerDay: z.number() }),
    z.strictObject({ type: z.literal('bufferStock'), nodeId: z.string(), days: z.number() }),
    z.strictObject({ type: z.literal('relocate'), nodeId: z.string(), toCountry: z.string() }),
  ])
  .openapi('Mitigation');

const rankedFields = { mitigation: mitigationSchema, description: z.string(), cost: z.number(), reduction: z.number(), score: z.number() };
const rankedMitigationSchema = z.strictObject(rankedFields).openapi('RankedMitigation');

/** §6: candidates ranked by reduction per cost, and the greedy choice under the budget. */
export const mitigationPlanSchema = z
  .strictObject({
    budget: z.number(),
    costModel: z.strictObject({
      secondSourceFixed: z.number(),
      newSiteCapacityFactor: z.number(),
      bufferHoldingRate: z.number(),
      bufferDays: z.array(z.number()),
      relocateFixed: z.number(),
      relocateCapacityFactor: z.number(),
      safeCountries: z.array(z.string()).optional(),
      qualificationDays: z.number(),
    }),
    baselineLostValue: z.number(),
    ranked: z.array(rankedMitigationSchema),
    chosen: z.array(z.strictObject({ ...rankedFields, lostValueAfter: z.number(), cumulativeCost: z.number() })),
    totalCost: z.number(),
    lostValueAfter: z.number(),
    lpSolves: count,
    timings: z.strictObject({ totalMs: z.number() }),
  })
  .openapi('MitigationPlan') satisfies z.ZodType<MitigationPlan>;

/** mitigations: null when the run was started without a budget. */
export const scenarioRunResultSchema = z
  .strictObject({ scenario: scenarioResultSchema, mitigations: namedOrNull(mitigationPlanSchema) })
  .openapi('ScenarioRunResult');

/** An analysis's result: the structural report, or the scenario run with its ranked mitigations. */
export const analysisResultSchema = z.union([structuralReportSchema, scenarioRunResultSchema]);

export type StructuralReportView = z.infer<typeof structuralReportSchema>;
export type ScenarioRunResultView = z.infer<typeof scenarioRunResultSchema>;
