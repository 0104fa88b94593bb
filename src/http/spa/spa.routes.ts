import type { OpenAPIHono } from '@hono/zod-openapi';
import { createSpaRequest } from '../../services/spa/create-spa-request.js';
import { getSpaRequest, listSpaRequests } from '../../services/spa/list-spa-requests.js';
import { transitionSpaRequest } from '../../services/spa/transition-spa-request.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody, queryParams } from '../validation.js';
import { newSpaRequestSchema, spaIdParam, spaListQuerySchema, spaListSchema, spaRequestViewSchema, spaTransitionSchema } from './spa.schema.js';

const READERS = ['supplier', 'sosa_officer', 'program_determination', 'rating_authority', 'auditor'] as const;
const ACTORS = ['supplier', 'sosa_officer', 'program_determination', 'rating_authority'] as const;

/** Special Priorities Assistance (15 CFR 700.50–700.55, Form BIS-999). */
export function spaRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['spa']);
  route({
    method: 'post', path: '/spa-requests', access: ['supplier'],
    summary: 'File a Special Priorities Assistance request (BIS-999) about own orders; a draft unless submit is true',
    body: newSpaRequestSchema, ok: [201, 'The request', spaRequestViewSchema],
  }, async (c, user) => {
    const { submit, ...input } = await jsonBody(c, newSpaRequestSchema);
    return c.json(await createSpaRequest(c.get('ctx'), { actor: user, input, submit: submit ?? false }), 201);
  });
  route({ method: 'get', path: '/spa-requests', access: READERS, summary: 'SPA requests the caller may see', query: spaListQuerySchema, ok: [200, '{ items }', spaListSchema] }, async (c, user) => {
    const query = queryParams(c, spaListQuerySchema);
    return c.json({ items: await listSpaRequests(c.get('ctx'), { actor: user, status: query.status }) });
  });
  route({ method: 'get', path: '/spa-requests/{id}', access: READERS, summary: 'One SPA request, with its history and the actions the caller may take', params: spaIdParam, ok: [200, 'The request', spaRequestViewSchema] }, async (c, user) => c.json(await getSpaRequest(c.get('ctx'), { actor: user, id: c.req.param('id')! })));
  route({
    method: 'post', path: '/spa-requests/{id}/transitions', access: ACTORS,
    summary: 'Submit, withdraw, review, forward to Commerce, resolve or deny an SPA request',
    params: spaIdParam, body: spaTransitionSchema, ok: [200, 'The request after the step', spaRequestViewSchema],
  }, async (c, user) => {
    const input = await jsonBody(c, spaTransitionSchema);
    return c.json(await transitionSpaRequest(c.get('ctx'), { actor: user, id: c.req.param('id')!, action: input.action, note: input.note, version: input.version }));
  });
}
