import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { changeSubscriptionStatus } from '../../services/code-of-conduct/change-subscription-status.js';
import { createSubscription } from '../../services/code-of-conduct/create-subscription.js';
import { getSubscriber } from '../../services/code-of-conduct/get-subscriber.js';
import { listSubscribers } from '../../services/code-of-conduct/list-subscribers.js';
import { rankCandidateSubscribers } from '../../services/code-of-conduct/rank-candidate-subscribers.js';
import { updateSubscription } from '../../services/code-of-conduct/update-subscription.js';
import type { HttpEnv } from '../http-env.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { candidateSubscribersSchema, idParam, subscriptionListSchema, subscriptionViewSchema, newSubscriptionSchema, statusChangeSchema, subscriberQuerySchema, subscriptionDetailsSchema } from './registers.schema.js';

const TAGS = ['code-of-conduct'];

/**
 * The partner ministry's Code of Conduct registry (dpas-sosa-sources.md §2.1, §2.3). Owned by the
 * nation that keeps it: its SOSA cell writes, its auditors and admins read, a company reads its
 * own entry. Another nation sees only what the request workflow shows it.
 */
export function codeOfConductRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({ method: 'get', path: '/code-of-conduct/subscribers', tags: TAGS, summary: "Subscribers of the caller's nation's Code of Conduct (a company: its own entry), with stats", request: { query: subscriberQuerySchema }, responses: { 200: jsonResponse('{ items }', subscriptionListSchema) } }),
    ['sosa_officer', 'auditor', 'admin', 'supplier'],
    async (c, user) => c.json({ items: await listSubscribers(c.get('ctx'), { actor: user, filter: queryParams(c, subscriberQuerySchema) }) }),
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/code-of-conduct/subscribers', tags: TAGS, summary: 'Register a company that subscribed to the Code of Conduct (409 if it already has)', request: jsonRequestBody(newSubscriptionSchema), responses: { 201: jsonResponse('The subscription', subscriptionViewSchema) } }),
    ['sosa_officer'],
    async (c, user) => c.json(await createSubscription(c.get('ctx'), { actor: user, input: await jsonBody(c, newSubscriptionSchema) }), 201),
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/code-of-conduct/subscribers/{id}', tags: TAGS, summary: 'One subscription with capabilities, contacts, stats and status history', request: { params: idParam }, responses: { 200: jsonResponse('The subscription', subscriptionViewSchema) } }),
    ['sosa_officer', 'auditor', 'admin', 'supplier'],
    async (c, user) => c.json(await getSubscriber(c.get('ctx'), { actor: user, id: c.req.param('id')! })),
  );
  mount(
    app,
    createRoute({ method: 'put', path: '/code-of-conduct/subscribers/{id}', tags: TAGS, summary: 'Edit signatory, notes, capability catalogue and contacts', request: { params: idParam, ...jsonRequestBody(subscriptionDetailsSchema) }, responses: { 200: jsonResponse('The subscription', subscriptionViewSchema) } }),
    ['sosa_officer'],
    async (c, user) => c.json(await updateSubscription(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, subscriptionDetailsSchema) })),
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/code-of-conduct/subscribers/{id}/status', tags: TAGS, summary: 'Record a status change (lapsed, withdrawn, renewed); the history keeps every change', request: { params: idParam, ...jsonRequestBody(statusChangeSchema) }, responses: { 200: jsonResponse('The subscription', subscriptionViewSchema) } }),
    ['sosa_officer'],
    async (c, user) => c.json(await changeSubscriptionStatus(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, statusChangeSchema) })),
  );
  mount(
    app,
    createRoute({
      method: 'get',
      path: '/requests/{id}/candidate-subscribers',
      tags: TAGS,
      summary: "The supplying nation's active Code of Conduct subscribers, best match for the request first (internal to that nation's SOSA cell)",
      request: { params: idParam },
      responses: { 200: jsonResponse('{ requestId, items, unavailable }', candidateSubscribersSchema) },
    }),
    ['sosa_officer'],
    async (c, user) => c.json(await rankCandidateSubscribers(c.get('ctx'), { actor: user, requestId: c.req.param('id')! })),
  );
}
