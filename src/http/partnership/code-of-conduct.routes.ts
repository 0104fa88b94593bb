import type { OpenAPIHono } from '@hono/zod-openapi';
import { changeSubscriptionStatus } from '../../services/code-of-conduct/change-subscription-status.js';
import { createSubscription } from '../../services/code-of-conduct/create-subscription.js';
import { getSubscriber } from '../../services/code-of-conduct/get-subscriber.js';
import { listSubscribers } from '../../services/code-of-conduct/list-subscribers.js';
import { rankCandidateSubscribers } from '../../services/code-of-conduct/rank-candidate-subscribers.js';
import { updateSubscription } from '../../services/code-of-conduct/update-subscription.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody, queryParams } from '../validation.js';
import { candidateSubscribersSchema, idParam, subscriptionListSchema, subscriptionViewSchema, newSubscriptionSchema, statusChangeSchema, subscriberQuerySchema, subscriptionDetailsSchema } from './registers.schema.js';

const TAGS = ['code-of-conduct'];

/**
 * The partner ministry's Code of Conduct registry (dpas-sosa-sources.md §2.1, §2.3). Owned by the
 * nation that keeps it: its SOSA cell writes, its auditors and admins read, a company reads its
 * own entry. Another nation sees only what the request workflow shows it.
 */
export function codeOfConductRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, TAGS);
  route({ method: 'get', path: '/code-of-conduct/subscribers', access: ['sosa_officer', 'auditor', 'admin', 'supplier'], summary: "Subscribers of the caller's nation's Code of Conduct (a company: its own entry), with stats", query: subscriberQuerySchema, ok: [200, '{ items }', subscriptionListSchema] }, async (c, user) => c.json({ items: await listSubscribers(c.get('ctx'), { actor: user, filter: queryParams(c, subscriberQuerySchema) }) }));
  route({ method: 'post', path: '/code-of-conduct/subscribers', access: ['sosa_officer'], summary: 'Register a company that subscribed to the Code of Conduct (409 if it already has)', body: newSubscriptionSchema, ok: [201, 'The subscription', subscriptionViewSchema] }, async (c, user) => c.json(await createSubscription(c.get('ctx'), { actor: user, input: await jsonBody(c, newSubscriptionSchema) }), 201));
  route({ method: 'get', path: '/code-of-conduct/subscribers/{id}', access: ['sosa_officer', 'auditor', 'admin', 'supplier'], summary: 'One subscription with capabilities, contacts, stats and status history', params: idParam, ok: [200, 'The subscription', subscriptionViewSchema] }, async (c, user) => c.json(await getSubscriber(c.get('ctx'), { actor: user, id: c.req.param('id')! })));
  route({ method: 'put', path: '/code-of-conduct/subscribers/{id}', access: ['sosa_officer'], summary: 'Edit signatory, notes, capability catalogue and contacts', params: idParam, body: subscriptionDetailsSchema, ok: [200, 'The subscription', subscriptionViewSchema] }, async (c, user) => c.json(await updateSubscription(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, subscriptionDetailsSchema) })));
  route({ method: 'post', path: '/code-of-conduct/subscribers/{id}/status', access: ['sosa_officer'], summary: 'Record a status change (lapsed, withdrawn, renewed); the history keeps every change', params: idParam, body: statusChangeSchema, ok: [200, 'The subscription', subscriptionViewSchema] }, async (c, user) => c.json(await changeSubscriptionStatus(c.get('ctx'), { actor: user, id: c.req.param('id')!, input: await jsonBody(c, statusChangeSchema) })));
  route({
    method: 'get', path: '/requests/{id}/candidate-subscribers', access: ['sosa_officer'],
    summary: "The supplying nation's active Code of Conduct subscribers, best match for the request first (internal to that nation's SOSA cell)",
    params: idParam, ok: [200, '{ requestId, items, unavailable }', candidateSubscribersSchema],
  }, async (c, user) => c.json(await rankCandidateSubscribers(c.get('ctx'), { actor: user, requestId: c.req.param('id')! })));
}
