import type { OpenAPIHono } from '@hono/zod-openapi';
import { listSubOrders } from '../../services/flow-down/list-sub-orders.js';
import { loadFlowDown } from '../../services/flow-down/load-flow-down.js';
import { placeSubOrder } from '../../services/flow-down/place-sub-order.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody } from '../validation.js';
import { presentPlacedSubOrder, presentSubOrderList } from './flow-down.presenter.js';
import { flowDownOrderSchema, newSubOrderSchema, orderIdParam, placedSubOrderViewSchema, subOrderListSchema } from './flow-down.schema.js';

/** Extension of ratings to sub-orders (15 CFR 700.15, 700.17): place, list, and the tree per order. */
export function flowDownRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['flow-down']);
  route({
    method: 'post', path: '/rated-orders/{id}/sub-orders', access: ['supplier'],
    summary: 'Place a rated sub-order with an own supplier to fill this rated order; the rating is derived (700.15, 700.17)',
    description: 'Give supplierOrganisationId (a company of your nation in the system: the order lands in its book with a 700.13 acceptance deadline) or supplierName (an external supplier).',
    params: orderIdParam, body: newSubOrderSchema, ok: [201, 'The sub-order with its derived rating and the rule', placedSubOrderViewSchema],
  }, async (c, user) => {
    const input = await jsonBody(c, newSubOrderSchema);
    return c.json(presentPlacedSubOrder(await placeSubOrder(c.get('ctx'), { actor: user, orderId: c.req.param('id')!, input })), 201);
  });
  route({ method: 'get', path: '/rated-orders/{id}/flow-down', access: ['supplier', 'auditor'], summary: 'The tree of rated sub-orders below an order, as far as the caller may see', params: orderIdParam, ok: [200, 'The order with its sub-orders, nested', flowDownOrderSchema] }, async (c, user) => c.json(await loadFlowDown(c.get('ctx'), { actor: user, orderId: c.req.param('id')! })));
  route({ method: 'get', path: '/sub-orders', access: ['supplier'], summary: "Rated sub-orders the supplier's company received from customer companies and placed with its suppliers", ok: [200, '{ timeZone, received, placed, suppliers }', subOrderListSchema] }, async (c, user) => c.json(presentSubOrderList(await listSubOrders(c.get('ctx'), { actor: user }))));
}
