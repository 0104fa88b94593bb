import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { SessionUser } from '../../services/auth/sessions.js';
import type { AppContext } from '../../services/context.js';
import { computeSchedule } from '../../services/orders/compute-schedule.js';
import { createResource } from '../../services/orders/create-resource.js';
import { importOrderBook } from '../../services/orders/import-order-book.js';
import { listOrders } from '../../services/orders/list-orders.js';
import { listResources } from '../../services/orders/list-resources.js';
import type { ProductionResourceRow } from '../../store/schema.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody, queryParams } from '../validation.js';
import { companyScheduleSchema, deskOrderListSchema, deskOrderSchema, importedOrderBookSchema, orderChangeResultSchema, orderHistorySchema, resourceListSchema, resourceSchema, importOrderBookSchema, newResourceSchema, orderChangeSchema, orderDecisionSchema, orderIdParamSchema, orderLineSchema, orderListQuerySchema } from './orders.schema.js';
import { planRatedOrder } from '../../services/orders/plan-rated-order.js';
import { changeRatedOrder } from '../../services/orders/change-rated-order.js';
import { decideRatedOrder } from '../../services/orders/decide-rated-order.js';
import { getRatedOrder, getRatedOrderHistory } from '../../services/orders/get-rated-order.js';
import type { OrderChange } from '../../domain/dpas/order-changes.js';

const presentResource = (r: ProductionResourceRow) => ({ id: r.id, name: r.name, capacityPerDay: r.capacity_per_day });

/** A step on one order of the desk (a decision, a line), answered with the order as it stands after it. */
async function answerWithOrderAfter(c: Context<HttpEnv>, user: SessionUser, step: (ctx: AppContext, orderId: string) => Promise<unknown>): Promise<Response> {
  const ctx = c.get('ctx');
  const orderId = c.req.param('id')!;
  await step(ctx, orderId);
  return c.json(await getRatedOrder(ctx, { actor: user, orderId }));
}

/** The supplier's DPAS order desk: its own company's resources, order book and schedule only. */
export function orderRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['orders']);
  route({ method: 'get', path: '/resources', access: ['supplier'], summary: "Production resources of the supplier's company", ok: [200, '{ items }', resourceListSchema] }, async (c, user) => {
    const rows = await listResources(c.get('ctx'), { actor: user });
    return c.json({ items: rows.map(presentResource) });
  });
  route({ method: 'post', path: '/resources', access: ['supplier'], summary: "Add a production resource (a line) to the supplier's company", body: newResourceSchema, ok: [201, 'The resource', resourceSchema] }, async (c, user) => {
    const input = await jsonBody(c, newResourceSchema);
    const row = await createResource(c.get('ctx'), { actor: user, name: input.name, capacityPerDay: input.capacityPerDay });
    return c.json(presentResource(row), 201);
  });
  route({
    method: 'post', path: '/rated-orders/import', access: ['supplier'],
    summary: "Import a CSV order book into the supplier's company: all rows or none",
    description: 'Columns: order_number, customer, rating (blank = unrated), resource, quantity, required_delivery_date, received_date, accepted. Dates run from 2000-01-01 to 2100-12-31; a quantity is at most 10^9 units that its line can make before 2100-12-31. Errors name rows/<row>/<column>, the header being row 1. The answer lists the ids of the orders created.',
    body: importOrderBookSchema, ok: [201, '{ imported, orders: [{ id, orderNumber }] }', importedOrderBookSchema],
  }, async (c, user) => {
    const input = await jsonBody(c, importOrderBookSchema);
    return c.json(await importOrderBook(c.get('ctx'), { actor: user, csv: input.csv }), 201);
  });
  route({ method: 'get', path: '/rated-orders', access: ['supplier'], summary: "The supplier's company's order book with projected completion", query: orderListQuerySchema, ok: [200, '{ items }', deskOrderListSchema] }, async (c, user) => {
    const query = queryParams(c, orderListQuerySchema);
    return c.json({ items: await listOrders(c.get('ctx'), { actor: user, priority: query.priority, late: query.late }) });
  });
  route({ method: 'get', path: '/schedules/mine', access: ['supplier'], summary: "The preferential schedule (700.14) of the supplier's company's order book", ok: [200, 'The schedule', companyScheduleSchema] }, async (c, user) => {
    return c.json(await computeSchedule(c.get('ctx'), { actor: user }));
  });
  route({
    method: 'get', path: '/rated-orders/{id}', access: ['supplier'],
    summary: "One order of the supplier's company: 700.12 completeness, 700.13 deadline and countdown, decision, 700.91 retention, history",
    params: orderIdParamSchema, ok: [200, 'The order', deskOrderSchema],
  }, async (c, user) => c.json(await getRatedOrder(c.get('ctx'), { actor: user, orderId: c.req.param('id')! })));
  route({ method: 'get', path: '/rated-orders/{id}/history', access: ['supplier'], summary: 'Every decision and change of the order (700.16), kept under 700.91', params: orderIdParamSchema, ok: [200, '{ orderId, orderNumber, items }', orderHistorySchema] }, async (c, user) => c.json(await getRatedOrderHistory(c.get('ctx'), { actor: user, orderId: c.req.param('id')! })));
  route({
    method: 'post', path: '/rated-orders/{id}/decision', access: ['supplier'],
    summary: 'Accept or reject the order (15 CFR 700.13)',
    description: 'A rejection gives reasons; a rejection because the date cannot be met (rejectionGround cannot_meet_date or interferes_with_accepted_rated_orders) offers a later date. An acceptance promising a date after the required one, or one the schedule cannot meet, is refused (422, 700.13(b)(1)) with rejectWith: the rejection to make instead (and earliestDeliveryDate). A second decision answers 409.',
    params: orderIdParamSchema, body: orderDecisionSchema, ok: [200, 'The order after the decision', deskOrderSchema],
  }, async (c, user) => {
    const input = await jsonBody(c, orderDecisionSchema);
    return answerWithOrderAfter(c, user, (ctx, orderId) => decideRatedOrder(ctx, { actor: user, orderId, decision: input.decision, reasons: input.reasons, offeredDeliveryDate: input.offeredDeliveryDate, rejectionGround: input.rejectionGround, promisedDeliveryDate: input.promisedDeliveryDate }));
  });
  route({
    method: 'post', path: '/rated-orders/{id}/changes', access: ['supplier'],
    summary: 'Record a change or cancellation from the customer (15 CFR 700.16)',
    description: 'kind: destination | quantity | delivery_date | rating | cancel. A significant change (date earlier, quantity up beyond negligible, unrated to rated, DO to DX) makes a new rated order: the decision is cleared and the acceptance clock restarts.',
    params: orderIdParamSchema, body: orderChangeSchema, ok: [200, '{ change, order }', orderChangeResultSchema],
  }, async (c, user) => {
    const { reasons, ...change } = await jsonBody(c, orderChangeSchema);
    const ctx = c.get('ctx');
    const orderId = c.req.param('id')!;
    const result = await changeRatedOrder(ctx, { actor: user, orderId, change: change as OrderChange, reasons });
    return c.json({ change: result, order: await getRatedOrder(ctx, { actor: user, orderId }) });
  });
  route({
    method: 'post', path: '/rated-orders/{id}/line', access: ['supplier'],
    summary: 'Plan the order on one of your production lines, or take it off (resourceId null) (15 CFR 700.14)',
    description: 'Any open order of the book, a SOSA rated order included; the decision stands. Refused for a cancelled, rejected, delivered or closed order (409) and for a line that cannot make it before 2100-12-31 (422).',
    params: orderIdParamSchema, body: orderLineSchema, ok: [200, 'The order after planning', deskOrderSchema],
  }, async (c, user) => {
    const input = await jsonBody(c, orderLineSchema);
    return answerWithOrderAfter(c, user, (ctx, orderId) => planRatedOrder(ctx, { actor: user, orderId, resourceId: input.resourceId }));
  });
}
