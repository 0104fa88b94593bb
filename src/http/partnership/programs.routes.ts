import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getProgram } from '../../services/programs/get-program.js';
import { listPrograms } from '../../services/programs/list-programs.js';
import { createProgram, updateProgram } from '../../services/programs/save-program.js';
import type { HttpEnv } from '../http-env.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { idParam, newProgramSchema, programListSchema, programViewSchema, programQuerySchema, programUpdateSchema } from './registers.schema.js';

const TAGS = ['programs'];

/** Co-production programs of the partnership (DTTI, Defence Industrial Cooperation Roadmap). */
export function programRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({ method: 'get', path: '/programs', tags: TAGS, summary: "Programs the caller's nation leads or partners in, with next milestone and open risks", request: { query: programQuerySchema }, responses: { 200: jsonResponse('{ items }', programListSchema) } }),
    ['sosa_officer', 'auditor'],
    async (c, user) => c.json({ items: await listPrograms(c.get('ctx'), { actor: user, filter: queryParams(c, programQuerySchema) }) }),
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/programs', tags: TAGS, summary: "Register a program the caller's nation leads (409 if the code is taken)", request: jsonRequestBody(newProgramSchema), responses: { 201: jsonResponse('The program', programViewSchema) } }),
    ['sosa_officer'],
    async (c, user) => c.json(await createProgram(c.get('ctx'), { actor: user, input: await jsonBody(c, newProgramSchema) }), 201),
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/programs/{id}', tags: TAGS, summary: "One program with milestones, risks and the priority requests under it that the caller's nation is party to", request: { params: idParam }, responses: { 200: jsonResponse('The program', programViewSchema) } }),
    ['sosa_officer', 'auditor'],
    async (c, user) => c.json(await getProgram(c.get('ctx'), { actor: user, id: c.req.param('id')! })),
  );
  mount(
    app,
    createRoute({ method: 'put', path: '/programs/{id}', tags: TAGS, summary: 'Edit a program with its milestones and risks (any party nation)', request: { params: idParam, ...jsonRequestBody(programUpdateSchema) }, responses: { 200: jsonResponse('The program', programViewSchema) } }),
    ['sosa_officer'],
    async (c, user) => c.json(await updateProgram(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, programUpdateSchema) })),
  );
}
