import type { OpenAPIHono } from '@hono/zod-openapi';
import { getProgram } from '../../services/programs/get-program.js';
import { listPrograms } from '../../services/programs/list-programs.js';
import { createProgram, updateProgram } from '../../services/programs/save-program.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody, queryParams } from '../validation.js';
import { idParam, newProgramSchema, programListSchema, programViewSchema, programQuerySchema, programUpdateSchema } from './registers.schema.js';

const TAGS = ['programs'];

/** Co-production programs of the partnership (DTTI, Defence Industrial Cooperation Roadmap). */
export function programRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, TAGS);
  route({ method: 'get', path: '/programs', access: ['sosa_officer', 'auditor'], summary: "Programs the caller's nation leads or partners in, with next milestone and open risks", query: programQuerySchema, ok: [200, '{ items }', programListSchema] }, async (c, user) => c.json({ items: await listPrograms(c.get('ctx'), { actor: user, filter: queryParams(c, programQuerySchema) }) }));
  route({ method: 'post', path: '/programs', access: ['sosa_officer'], summary: "Register a program the caller's nation leads (409 if the code is taken)", body: newProgramSchema, ok: [201, 'The program', programViewSchema] }, async (c, user) => c.json(await createProgram(c.get('ctx'), { actor: user, input: await jsonBody(c, newProgramSchema) }), 201));
  route({ method: 'get', path: '/programs/{id}', access: ['sosa_officer', 'auditor'], summary: "One program with milestones, risks and the priority requests under it that the caller's nation is party to", params: idParam, ok: [200, 'The program', programViewSchema] }, async (c, user) => c.json(await getProgram(c.get('ctx'), { actor: user, id: c.req.param('id')! })));
  route({ method: 'put', path: '/programs/{id}', access: ['sosa_officer'], summary: 'Edit a program with its milestones and risks (any party nation)', params: idParam, body: programUpdateSchema, ok: [200, 'The program', programViewSchema] }, async (c, user) => c.json(await updateProgram(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, programUpdateSchema) })));
}
