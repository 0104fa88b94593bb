import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { NETWORK_EDGE_SCHEMA, NETWORK_NODE_SCHEMA } from '../../analytics/network/network-model.js';
import { namedOrNull } from '../responses.js';
import { analysisResultSchema, networkSummarySchema, scenarioDefinitionSchema } from './analysis-result.schema.js';

const country = z.string().trim().min(1, 'must not be empty').max(100);

export const networkModelSchema = z.strictObject({
  name: z.string().max(200).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD or INR').optional(),
  nodes: z.array(NETWORK_NODE_SCHEMA),
  edges: z.array(NETWORK_EDGE_SCHEMA),
});

export const NETWORK_FORMATS = ['json', 'willems'] as const;

export const importNetworkSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    program: z.string().trim().max(200).optional(),
    description: z.string().trim().max(4000).optional(),
    /** json: `network` (an object) or `text` (the file's JSON); willems: `text` (the CSV export of Willems 2008). */
    format: z.enum(NETWORK_FORMATS).default('json'),
    network: z.unknown().optional(),
    text: z.string().min(1, 'must not be empty').optional(),
    countriesOfConcern: z.array(country).max(200).optional(),
  })
  .openapi('ImportNetwork');
export type ImportNetworkBody = z.infer<typeof importNetworkSchema>;

export const networkListQuerySchema = z.strictObject({ q: z.string().trim().max(200).optional() });

export const startAnalysisSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('structural'), countriesOfConcern: z.array(country).max(200).optional() }),
    z.strictObject({
      kind: z.literal('scenario'),
      preset: z.enum(['peacetime', 'emergency', 'armedConflict']).optional(),
      scenarioId: z.string().max(100).optional(),
      scenario: z.record(z.string(), z.unknown()).optional(),
      /** §6: rank mitigations under this budget after the scenario. */
      budget: z.number().finite().min(0).max(1e15).optional(),
    }),
  ])
  .openapi('StartAnalysis');

export const createScenarioSchema = z.strictObject({ scenario: z.record(z.string(), z.unknown()) }).openapi('CreateScenario');

/** The cancel takes no body; one sent may carry a note for the audit log. */
export const cancelAnalysisSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });

// --- What the network routes send ---------------------------------------------------------------
export const ANALYSIS_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const ANALYSIS_KINDS = ['structural', 'scenario'] as const;

const networkFields = {
  id: z.string(),
  name: z.string(),
  program: z.string(),
  description: z.string(),
  sourceFormat: z.enum(NETWORK_FORMATS),
  nodeCount: z.number().int(),
  edgeCount: z.number().int(),
  endItemCount: z.number().int(),
  countriesOfConcern: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
};

/** POST /networks: the network imported (without its model): the fields of the list's row but its description and creation. */
export const importedNetworkSchema = z.strictObject(networkFields).omit({ description: true, createdBy: true, createdAt: true }).openapi('ImportedNetwork');

export const networkListItemSchema = z
  .strictObject({
    ...networkFields,
    lastAnalysis: z.strictObject({ id: z.string(), kind: z.enum(ANALYSIS_KINDS), status: z.enum(ANALYSIS_STATUSES), createdAt: z.string() }).nullable(),
  })
  .openapi('NetworkListItem');

export const networkListSchema = itemList(networkListItemSchema);

/** A stored node: the §1 node as imported; `willems` keeps a Willems (2008) stage's attributes as given. */
const storedNodeSchema = NETWORK_NODE_SCHEMA.extend({
  willems: z
    .record(z.string(), z.union([z.number(), z.string(), z.array(z.strictObject({ probability: z.number(), value: z.number() }))]))
    .optional()
    .openapi({ description: 'Willems (2008) stage attributes as given: classification, classificationRaw, stageTime, stageCost, avgDemand, …, stageTimeDistribution' }),
});

export const networkDetailSchema = z
  .strictObject({
    ...networkFields,
    summary: networkSummarySchema,
    model: networkModelSchema.extend({ nodes: z.array(storedNodeSchema) }).openapi('SupplyNetworkModel'),
    actions: z.array(z.enum(['analyse', 'delete'])).openapi({ description: 'What the caller may do: analyse (structural and scenario runs), delete' }),
  })
  .openapi('NetworkDetail');

export const analysisViewSchema = z
  .strictObject({
    id: z.string(),
    networkId: z.string(),
    kind: z.enum(ANALYSIS_KINDS),
    status: z.enum(ANALYSIS_STATUSES),
    progress: z.number().min(0).max(1),
    scenario: namedOrNull(scenarioDefinitionSchema).openapi({ description: 'The scenario run; null for a structural analysis' }),
    parameters: z.record(z.string(), z.unknown()).openapi({ description: 'structural: countriesOfConcern; scenario: preset, scenarioId, budget, currency' }),
    error: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    result: analysisResultSchema
      .nullable()
      .optional()
      .openapi({ description: 'Only on the single read and a structural run: the structural report, or the scenario run with its ranked mitigations; null until it is done' }),
    actions: z.array(z.enum(['cancel'])),
  })
  .openapi('Analysis');

export const analysisListSchema = itemList(analysisViewSchema);

export const savedScenarioSchema = z
  .strictObject({ id: z.string(), name: z.string(), description: z.string(), scenario: scenarioDefinitionSchema, createdBy: z.string(), createdAt: z.string() })
  .openapi('SavedScenario');

export const scenarioListSchema = z.strictObject({
  presets: z.array(z.strictObject({ key: z.enum(['peacetime', 'emergency', 'armedConflict']), scenario: scenarioDefinitionSchema })).openapi({ description: '§5 templates a run fills from the network' }),
  saved: z.array(savedScenarioSchema),
});

export type NetworkListItemView = z.infer<typeof networkListItemSchema>;
export type NetworkDetailView = z.infer<typeof networkDetailSchema>;
export type AnalysisViewBody = z.infer<typeof analysisViewSchema>;
export type SavedScenarioView = z.infer<typeof savedScenarioSchema>;
export type ScenarioListView = z.infer<typeof scenarioListSchema>;
export type ImportedNetworkView = z.infer<typeof importedNetworkSchema>;
