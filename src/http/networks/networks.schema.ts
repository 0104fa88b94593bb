import { z } from '@hono/zod-openapi';
import { NODE_KINDS, WILLEMS_CLASSES } from '../../analytics/network/network-model.js';

const idString = z.string().min(1, 'must not be empty').max(200, 'at most 200 characters');
const nonNegative = z.number().finite('must be a finite number').min(0, 'must not be negative');
const country = z.string().trim().min(1, 'must not be empty').max(100);
const location = z.strictObject({ row: z.number().int().min(1), column: z.number().int().min(1).optional(), columnName: z.string().max(200).optional() });

/** §1 node, as network-model.ts types it. */
export const networkNodeSchema = z.strictObject({
  id: idString,
  kind: z.enum(NODE_KINDS),
  part: idString.optional(),
  country: country.optional(),
  owner: z.string().max(200).optional(),
  capacityPerDay: nonNegative.optional(),
  inventory: z.strictObject({ unit: z.enum(['days', 'units']), amount: nonNegative }).optional(),
  leadTimeDays: nonNegative.optional(),
  ttrDays: nonNegative.optional(),
  unitCost: nonNegative.optional(),
  demandPerDay: nonNegative.optional(),
  programs: z.array(idString).max(100).optional(),
  willems: z
    .object({ classification: z.enum(WILLEMS_CLASSES), classificationRaw: z.string().max(50) })
    .catchall(z.union([z.number(), z.string().max(50), z.array(z.strictObject({ probability: z.number(), value: z.number() })).max(100)]))
    .optional(),
  source: location.optional(),
});

/** §1 edge u → v: v consumes u's output as (one qualified source of) input part `part`. */
export const networkEdgeSchema = z.strictObject({
  from: idString,
  to: idString,
  part: idString.optional(),
  quantity: z.number().finite('must be a finite number').positive('must be more than zero'),
  inputInventoryUnits: nonNegative.optional(),
  route: z.string().max(200).optional(),
  source: location.optional(),
});

export const networkModelSchema = z.strictObject({
  name: z.string().max(200).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD or INR').optional(),
  nodes: z.array(networkNodeSchema),
  edges: z.array(networkEdgeSchema),
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
