import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createSpaRequest } from '../../services/spa/create-spa-request.js';
import { getSpaRequest, listSpaRequests } from '../../services/spa/list-spa-requests.js';
import { transitionSpaRequest } from '../../services/spa/transition-spa-request.js';
import type { HttpEnv } from '../http-env.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { newSpaRequestSchema, spaIdParam, spaListQuerySchema, spaListSchema, spaRequestViewSchema, spaTransitionSchema } from './spa.schema.js';

const READERS = ['supplier', 'sosa_officer', 'program_determination', 'rating_authority', 'auditor'] as const;
const ACTORS = ['supplier', 'sosa_officer', 'program_determination', 'rating_authority'] as const;

/** Special Priorities Assistance (15 CFR 700.50–700.55, Form BIS-999). */
export function spaRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/spa-requests',
      tags: ['spa'],
      summary: 'File a Special Priorities Assistance request (BIS-999) about own orders; a draft unless submit is true',
      request: jsonRequestBody(newSpaRequestSchema),
      responses: { 201: jsonResponse('The request', spaRequestViewSchema) },
    }),
    ['supplier'],
    async (c, user) => {
      const { submit, ...input } = await jsonBody(c, newSpaRequestSchema);
      return c.json(await createSpaRequest(c.get('ctx'), { actor: user, input, submit: submit ?? false }), 201);
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/spa-requests', tags: ['spa'], summary: 'SPA requests the caller may see', request: { query: spaListQuerySchema }, responses: { 200: jsonResponse('{ items }', spaListSchema) } }),
    READERS,
    async (c, user) => {
      const query = queryParams(c, spaListQuerySchema);
      return c.json({ items: await listSpaRequests(c.get('ctx'), { actor: user, status: query.status }) });
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/spa-requests/{id}', tags: ['spa'], summary: 'One SPA request, with its history and the actions the caller may take', request: { params: spaIdParam }, responses: { 200: jsonResponse('The request', spaRequestViewSchema) } }),
    READERS,
    async (c, user) => c.json(await getSpaRequest(c.get('ctx'), { actor: user, id: c.req.param('id')! })),
  );
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/spa-requests/{id}/transitions',
      tags: ['spa'],
      summary: 'Submit, withdraw, review, forward to Commerce, resolve or deny an SPA request',
      request: { params: spaIdParam, ...jsonRequestBody(spaTransitionSchema) },
      responses: { 200: jsonResponse('The request after the step', spaRequestViewSchema) },
    }),
    ACTORS,
    async (c, user) => {
      const input = await jsonBody(c, spaTransitionSchema);
      return c.json(await transitionSpaRequest(c.get('ctx'), { actor: user, id: c.req.param('id')!, action: input.action, note: input.note, version: input.version }));
    },
  );
}
