import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { computeSchedule } from '../../services/orders/compute-schedule.js';
import { createResource } from '../../services/orders/create-resource.js';
import { importOrderBook } from '../../services/orders/import-order-book.js';
import { listOrders } from '../../services/orders/list-orders.js';
import { listResources } from '../../services/orders/list-resources.js';
import type { ProductionResourceRow } from '../../store/schema.js';
import type { HttpEnv } from '../http-env.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { importOrderBookSchema, newResourceSchema, orderListQuerySchema } from './orders.schema.js';

const presentResource = (r: ProductionResourceRow) => ({ id: r.id, name: r.name, capacityPerDay: r.capacity_per_day });

/** The supplier's DPAS order desk: its own company's resources, order book and schedule only. */
export function orderRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(app, createRoute({ method: 'get', path: '/resources', tags: ['orders'], summary: "Production resources of the supplier's company", responses: { 200: { description: '{ items }' } } }), ['supplier'], async (c, user) => {
    const rows = await listResources(c.get('ctx'), { actor: user });
    return c.json({ items: rows.map(presentResource) });
  });
  mount(
    app,
    createRoute({ method: 'post', path: '/resources', tags: ['orders'], summary: "Add a production resource (a line) to the supplier's company", request: { body: { content: { 'application/json': { schema: newResourceSchema } }, required: true } }, responses: { 201: { description: 'The resource' } } }),
    ['supplier'],
    async (c, user) => {
      const input = await jsonBody(c, newResourceSchema);
      const row = await createResource(c.get('ctx'), { actor: user, name: input.name, capacityPerDay: input.capacityPerDay });
      return c.json(presentResource(row), 201);
    },
  );
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/rated-orders/import',
      tags: ['orders'],
      summary: "Import a CSV order book into the supplier's company: all rows or none",
      description: 'Columns: order_number, customer, rating (blank = unrated), resource, quantity, required_delivery_date, received_date, accepted. Errors name rows/<row>/<column>, the header being row 1.',
      request: { body: { content: { 'application/json': { schema: importOrderBookSchema } }, required: true } },
      responses: { 201: { description: '{ imported }' } },
    }),
    ['supplier'],
    async (c, user) => {
      const input = await jsonBody(c, importOrderBookSchema);
      return c.json(await importOrderBook(c.get('ctx'), { actor: user, csv: input.csv }), 201);
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/rated-orders', tags: ['orders'], summary: "The supplier's company's order book with projected completion", request: { query: orderListQuerySchema }, responses: { 200: { description: '{ items }' } } }),
    ['supplier'],
    async (c, user) => {
      const query = queryParams(c, orderListQuerySchema);
      return c.json({ items: await listOrders(c.get('ctx'), { actor: user, priority: query.priority, late: query.late }) });
    },
  );
  mount(app, createRoute({ method: 'get', path: '/schedules/mine', tags: ['orders'], summary: "The preferential schedule (700.14) of the supplier's company's order book", responses: { 200: { description: 'The schedule' } } }), ['supplier'], async (c, user) => {
    return c.json(await computeSchedule(c.get('ctx'), { actor: user }));
  });
}
