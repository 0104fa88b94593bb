import { z } from '@hono/zod-openapi';
import { namedOrNull } from '../responses.js';
import { CHOSEN_MITIGATION_SCHEMA, MITIGATION_PLAN_SCHEMA, MITIGATION_SCHEMA, RANKED_MITIGATION_SCHEMA } from '../../analytics/disruption/mitigation-types.js';
import { DISRUPTION_RESULT_SCHEMA, SCENARIO_RESULT_SCHEMA } from '../../analytics/disruption/types.js';
import { NETWORK_SUMMARY_SCHEMA, STRUCTURAL_REPORT_SCHEMA } from '../../analytics/network/structural-report.js';
import { SCENARIO_SCHEMA } from '../../analytics/disruption/index.js';

// What an analysis answers, declared so that the web UI and partners' clients read typed results.
// The shapes are the analytics' own result schemas (declared once there, their types inferred from
// them); here they get their names in the document, and a named part is put back into the schema
// that holds it (`extend`), so that the document refers to it by $ref instead of inlining it.
// Named through z.lazy (or on an `extend`ed copy), not `.openapi()` on the analytics' schema: that
// method exists only on schemas made after @hono/zod-openapi is loaded, and a process that loads
// the analytics first (the demo seed, the CLI) would fail at start.

/** §5: a scenario, as the analytics parse it (a preset filled from the network, or a custom one). */
export const scenarioDefinitionSchema = z.discriminatedUnion('kind', SCENARIO_SCHEMA.options).openapi('Scenario');

/** A network's counts (analytics/network/structural-report.ts NetworkSummary): in a structural report and on the network's own read. */
export const networkSummarySchema = NETWORK_SUMMARY_SCHEMA;

/** supply-resilience.md §2–§3: critical nodes per end item, sourcing risks, country exposure. */
export const structuralReportSchema = z.lazy(() => STRUCTURAL_REPORT_SCHEMA).openapi('StructuralReport');

/** §4: one disruption's time to survive and lost output. */
const disruptionRowSchema = z.lazy(() => DISRUPTION_RESULT_SCHEMA).openapi('DisruptionRow');

export const scenarioResultSchema = SCENARIO_RESULT_SCHEMA.extend({ scenario: scenarioDefinitionSchema, rows: z.array(disruptionRowSchema) }).openapi('ScenarioResult');

const mitigationSchema = z.lazy(() => MITIGATION_SCHEMA).openapi('Mitigation');
const rankedMitigationSchema = RANKED_MITIGATION_SCHEMA.extend({ mitigation: mitigationSchema }).openapi('RankedMitigation');

/** §6: candidates ranked by reduction per cost, and the greedy choice under the budget. */
export const mitigationPlanSchema = MITIGATION_PLAN_SCHEMA.extend({
  ranked: z.array(rankedMitigationSchema),
  chosen: z.array(CHOSEN_MITIGATION_SCHEMA.extend({ mitigation: mitigationSchema })),
}).openapi('MitigationPlan');

/** mitigations: null when the run was started without a budget. */
export const scenarioRunResultSchema = z
  .strictObject({ scenario: scenarioResultSchema, mitigations: namedOrNull(mitigationPlanSchema) })
  .openapi('ScenarioRunResult');

/** An analysis's result: the structural report, or the scenario run with its ranked mitigations. */
export const analysisResultSchema = z.union([structuralReportSchema, scenarioRunResultSchema]);

export type StructuralReportView = z.infer<typeof structuralReportSchema>;
export type ScenarioRunResultView = z.infer<typeof scenarioRunResultSchema>;
