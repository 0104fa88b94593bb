import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listSubOrders } from '../../services/flow-down/list-sub-orders.js';
import { loadFlowDown } from '../../services/flow-down/load-flow-down.js';
import { placeSubOrder } from '../../services/flow-down/place-sub-order.js';
import type { HttpEnv } from '../http-env.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody } from '../validation.js';
import { presentPlacedSubOrder, presentSubOrderList } from './flow-down.presenter.js';
import { flowDownOrderSchema, newSubOrderSchema, orderIdParam, placedSubOrderViewSchema, subOrderListSchema } from './flow-down.schema.js';

/** Extension of ratings to sub-orders (15 CFR 700.15, 700.17): place, list, and the tree per order. */
export function flowDownRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/rated-orders/{id}/sub-orders',
      tags: ['flow-down'],
      summary: 'Place a rated sub-order with an own supplier to fill this rated order; the rating is derived (700.15, 700.17)',
      description: 'Give supplierOrganisationId (a company of your nation in the system: the order lands in its book with a 700.13 acceptance deadline) or supplierName (an external supplier).',
      request: { params: orderIdParam, ...jsonRequestBody(newSubOrderSchema) },
      responses: { 201: jsonResponse('The sub-order with its derived rating and the rule', placedSubOrderViewSchema) },
    }),
    ['supplier'],
    async (c, user) => {
      const input = await jsonBody(c, newSubOrderSchema);
      return c.json(presentPlacedSubOrder(await placeSubOrder(c.get('ctx'), { actor: user, orderId: c.req.param('id')!, input })), 201);
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/rated-orders/{id}/flow-down', tags: ['flow-down'], summary: 'The tree of rated sub-orders below an order, as far as the caller may see', request: { params: orderIdParam }, responses: { 200: jsonResponse('The order with its sub-orders, nested', flowDownOrderSchema) } }),
    ['supplier', 'auditor'],
    async (c, user) => c.json(await loadFlowDown(c.get('ctx'), { actor: user, orderId: c.req.param('id')! })),
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/sub-orders', tags: ['flow-down'], summary: "Rated sub-orders the supplier's company received from customer companies and placed with its suppliers", responses: { 200: jsonResponse('{ timeZone, received, placed, suppliers }', subOrderListSchema) } }),
    ['supplier'],
    async (c, user) => c.json(presentSubOrderList(await listSubOrders(c.get('ctx'), { actor: user }))),
  );
}
