import type { OpenAPIHono } from '@hono/zod-openapi';
import { getPosting } from '../../services/liaison/get-posting.js';
import { listPostings } from '../../services/liaison/list-postings.js';
import { createPosting, updatePosting } from '../../services/liaison/save-posting.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody, queryParams } from '../validation.js';
import { idParam, postingListSchema, postingQuerySchema, postingSchema, postingUpdateSchema, postingViewSchema } from './registers.schema.js';

const TAGS = ['liaison-officers'];

/** Liaison officer postings (MoA on the Assignment of Liaison Officers, dpas-sosa-sources.md §3.1). */
export function liaisonRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, TAGS);
  route({ method: 'get', path: '/liaison-officers', access: ['sosa_officer', 'auditor'], summary: "Postings the caller's nation sends or hosts: who is posted where, postings ending within N days", query: postingQuerySchema, ok: [200, '{ today, items }', postingListSchema] }, async (c, user) => c.json(await listPostings(c.get('ctx'), { actor: user, filter: queryParams(c, postingQuerySchema) })));
  route({ method: 'post', path: '/liaison-officers', access: ['sosa_officer'], summary: "Post one of the caller's nation's officers to another nation's command (422 if the officer's postings overlap)", body: postingSchema, ok: [201, 'The posting', postingViewSchema] }, async (c, user) => c.json(await createPosting(c.get('ctx'), { actor: user, input: await jsonBody(c, postingSchema) }), 201));
  route({ method: 'get', path: '/liaison-officers/{id}', access: ['sosa_officer', 'auditor'], summary: 'One posting with its assignment documents', params: idParam, ok: [200, 'The posting', postingViewSchema] }, async (c, user) => c.json(await getPosting(c.get('ctx'), { actor: user, id: c.req.param('id')! })));
  route({ method: 'put', path: '/liaison-officers/{id}', access: ['sosa_officer'], summary: 'Edit a posting (the sending nation only)', params: idParam, body: postingUpdateSchema, ok: [200, 'The posting', postingViewSchema] }, async (c, user) => c.json(await updatePosting(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, postingUpdateSchema) })));
}
