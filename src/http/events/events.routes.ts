import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { EVENT_READERS, EVENT_WRITERS } from '../../services/events/event-access.js';
import { getEvent } from '../../services/events/get-event.js';
import { importEvents } from '../../services/events/import-events.js';
import { listEvents } from '../../services/events/list-events.js';
import { recordEvent } from '../../services/events/record-event.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { presentEventDetail, presentEventRecord, presentEventSummary } from './events.presenter.js';
import { eventDetailSchema, eventListQuerySchema, eventListSchema, eventRecordSchema, importedEventsSchema, importEventsSchema, recordEventSchema } from './events.schema.js';

const READERS = [...EVENT_READERS];
const WRITERS = [...EVENT_WRITERS];
const tags = ['events'];
const json = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** Disruption events of the caller's nation (issue #15): record, import, and their impact on the nation's networks. */
export function eventRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(app, createRoute({ method: 'get', path: '/events', tags, summary: "The disruption events of the caller's nation, newest first", request: { query: eventListQuerySchema }, responses: { 200: jsonResponse('{ items }', eventListSchema) } }), READERS, async (c, user) => {
    const query = queryParams(c, eventListQuerySchema);
    return c.json({ items: (await listEvents(c.get('ctx'), { actor: user, status: query.status })).map(presentEventSummary) });
  });
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/events',
      tags,
      summary: 'Record a disruption event: what, where (sites, company, country, circle, polygon, sea lane), since when, expected recovery, confidence, sources',
      request: json(recordEventSchema),
      responses: { 201: jsonResponse('The event recorded', eventRecordSchema) },
    }),
    WRITERS,
    async (c, user) => {
      const body = await jsonBody(c, recordEventSchema);
      const event = await recordEvent(c.get('ctx'), { actor: user, event: body });
      c.header('location', `/api/v1/events/${event.id}`);
      return c.json(presentEventRecord(event), 201);
    },
  );
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/events/import',
      tags,
      summary: 'Import events from an OASIS CAP 1.2 alert or a GeoJSON FeatureCollection — all or nothing',
      description: 'Errors name the failing part of the file: alert/info/0/area/1/polygon/0, features/3/properties/startedAt. An alert or feature imported before (same identifier) answers 409.',
      request: json(importEventsSchema),
      responses: { 201: jsonResponse('The events recorded', importedEventsSchema) },
    }),
    WRITERS,
    async (c, user) => {
      const body = await jsonBody(c, importEventsSchema);
      const events = await importEvents(c.get('ctx'), { actor: user, format: body.format, content: body.content });
      return c.json({ items: events.map(presentEventRecord) }, 201);
    },
  );
  mount(
    app,
    createRoute({
      method: 'get',
      path: '/events/{id}',
      tags,
      summary: "One event with its impact on the nation's networks: programs hit, sites struck, per end item survives or not, days until output stops, lost output and causes",
      request: { params: pathParams({ id: 'The event' }) },
      responses: { 200: jsonResponse('The event and its impact', eventDetailSchema) },
    }),
    READERS,
    async (c, user) => c.json(presentEventDetail(await getEvent(c.get('ctx'), { actor: user, id: c.req.param('id')! }))),
  );
}
