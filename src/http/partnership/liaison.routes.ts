import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getPosting } from '../../services/liaison/get-posting.js';
import { listPostings } from '../../services/liaison/list-postings.js';
import { createPosting, updatePosting } from '../../services/liaison/save-posting.js';
import type { HttpEnv } from '../http-env.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { idParam, postingListSchema, postingQuerySchema, postingSchema, postingUpdateSchema, postingViewSchema } from './registers.schema.js';

const TAGS = ['liaison-officers'];

/** Liaison officer postings (MoA on the Assignment of Liaison Officers, dpas-sosa-sources.md §3.1). */
export function liaisonRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({ method: 'get', path: '/liaison-officers', tags: TAGS, summary: "Postings the caller's nation sends or hosts: who is posted where, postings ending within N days", request: { query: postingQuerySchema }, responses: { 200: jsonResponse('{ today, items }', postingListSchema) } }),
    ['sosa_officer', 'auditor'],
    async (c, user) => c.json(await listPostings(c.get('ctx'), { actor: user, filter: queryParams(c, postingQuerySchema) })),
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/liaison-officers', tags: TAGS, summary: "Post one of the caller's nation's officers to another nation's command (422 if the officer's postings overlap)", request: jsonRequestBody(postingSchema), responses: { 201: jsonResponse('The posting', postingViewSchema) } }),
    ['sosa_officer'],
    async (c, user) => c.json(await createPosting(c.get('ctx'), { actor: user, input: await jsonBody(c, postingSchema) }), 201),
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/liaison-officers/{id}', tags: TAGS, summary: 'One posting with its assignment documents', request: { params: idParam }, responses: { 200: jsonResponse('The posting', postingViewSchema) } }),
    ['sosa_officer', 'auditor'],
    async (c, user) => c.json(await getPosting(c.get('ctx'), { actor: user, id: c.req.param('id')! })),
  );
  mount(
    app,
    createRoute({ method: 'put', path: '/liaison-officers/{id}', tags: TAGS, summary: 'Edit a posting (the sending nation only)', request: { params: idParam, ...jsonRequestBody(postingUpdateSchema) }, responses: { 200: jsonResponse('The posting', postingViewSchema) } }),
    ['sosa_officer'],
    async (c, user) => c.json(await updatePosting(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, postingUpdateSchema) })),
  );
}
