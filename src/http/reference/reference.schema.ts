import { z } from '@hono/zod-openapi';
import { fieldSpecSchema, ROLES, SIDES, URGENCIES } from '../../domain/workflows/workflow-definition.js';
import { CLASSIFICATIONS } from '../../services/requests/create-request.js';

const workflowStateSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  terminal: z.boolean(),
  waitingOn: z.enum(SIDES).optional(),
  waitingOnRoles: z.array(z.enum(ROLES)).optional(),
});

/** How each step's recorded fields read in a request's history: labels, and words for stored options. */
const stepWordsSchema = z.strictObject({
  label: z.string(),
  fields: z.array(fieldSpecSchema.pick({ name: true, label: true, type: true, optionLabels: true })),
});

/** The nations, arrangements, programs, companies and workflows the caller works with. */
export const referenceSchema = z
  .strictObject({
    nations: z.array(z.strictObject({ code: z.string(), name: z.string() })),
    arrangements: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        nationA: z.string(),
        nationB: z.string(),
        signed: z.string().nullable(),
        notes: z.string(),
        directions: z.array(z.strictObject({ fromNation: z.string(), toNation: z.string(), workflowId: z.string() })),
      }),
    ),
    programs: z.array(z.strictObject({ id: z.string(), name: z.string(), nation: z.string(), dpasProgramSymbol: z.string().nullable() })),
    companies: z.array(z.strictObject({ id: z.string(), name: z.string(), shortName: z.string(), nation: z.string(), codeOfConductSince: z.string().nullable() })),
    urgencies: z.array(z.enum(URGENCIES)),
    classifications: z.array(z.enum(CLASSIFICATIONS)),
    workflows: z.record(z.string(), z.strictObject({ id: z.string(), name: z.string(), states: z.array(workflowStateSchema), steps: z.record(z.string(), stepWordsSchema) })),
    instance: z
      .strictObject({ nation: z.string().nullable(), peers: z.array(z.string()) })
      .openapi({ description: "Sovereign instances (issue #13): this instance's nation (null on a shared deployment) and the nations of its peer instances" }),
  })
  .openapi('Reference');
