import type { OpenAPIHono } from '@hono/zod-openapi';
import { EVENT_READERS, EVENT_WRITERS } from '../../services/events/event-access.js';
import { getEvent } from '../../services/events/get-event.js';
import { importEvents } from '../../services/events/import-events.js';
import { listEvents } from '../../services/events/list-events.js';
import { recordEvent } from '../../services/events/record-event.js';
import { closeEvent } from '../../services/events/close-event.js';
import { draftEventRequests } from '../../services/events/draft-event-requests.js';
import { discardEventRequestDraft, editEventRequestDraft } from '../../services/events/edit-event-request-draft.js';
import { listEventRequests } from '../../services/events/event-request-drafts-view.js';
import { submitEventRequestDraft } from '../../services/events/submit-event-request-draft.js';
import { getAfterReport } from '../../services/events/after-report.js';
import { exportAfterReport } from '../../services/events/export-after-report.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody, noBody, queryParams } from '../validation.js';
import { eventReportQuerySchema, eventReportSchema } from './event-report.schema.js';
import { presentEventReport } from './event-report.presenter.js';
import { presentEventDetail, presentEventListItem, presentEventRecord, presentEventRequest } from './events.presenter.js';
import { closeEventSchema, editDraftSchema, eventRequestListSchema, eventRequestSchema, eventDetailSchema, eventListQuerySchema, eventListSchema, eventRecordSchema, importedEventsSchema, importEventsSchema, recordEventSchema } from './events.schema.js';

const READERS = [...EVENT_READERS];
const WRITERS = [...EVENT_WRITERS];
const tags = ['events'];
/** Drafting and submitting priority-support requests is the SOSA office's (DESIGN.md roles). */
const OFFICERS = ['sosa_officer'] as const;
const draftParams = pathParams({ id: 'The event', draftId: 'The request draft' });

/** Disruption events of the caller's nation (issue #15): record, import, and their impact on the nation's networks. */
export function eventRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, tags);
  route({ method: 'get', path: '/events', access: READERS, summary: "The disruption events of the caller's nation, newest first", query: eventListQuerySchema, ok: [200, '{ items }', eventListSchema] }, async (c, user) => {
    const query = queryParams(c, eventListQuerySchema);
    return c.json({ items: (await listEvents(c.get('ctx'), { actor: user, status: query.status })).map(presentEventListItem) });
  });
  route({
    method: 'post', path: '/events', access: WRITERS,
    summary: 'Record a disruption event: what, where (sites, company, country, circle, polygon, sea lane), since when, expected recovery, confidence, sources',
    body: recordEventSchema, ok: [201, 'The event recorded', eventRecordSchema],
  }, async (c, user) => {
    const body = await jsonBody(c, recordEventSchema);
    const event = await recordEvent(c.get('ctx'), { actor: user, event: body });
    c.header('location', `/api/v1/events/${event.id}`);
    return c.json(presentEventRecord(event), 201);
  });
  route({
    method: 'post', path: '/events/import', access: WRITERS,
    summary: 'Import events from an OASIS CAP 1.2 alert or a GeoJSON FeatureCollection — all or nothing',
    description: 'Errors name the failing part of the file: alert/info/0/area/1/polygon/0, features/3/properties/startedAt. An alert or feature imported before (same identifier) answers 409.',
    body: importEventsSchema, ok: [201, 'The events recorded', importedEventsSchema],
  }, async (c, user) => {
    const body = await jsonBody(c, importEventsSchema);
    const events = await importEvents(c.get('ctx'), { actor: user, format: body.format, content: body.content });
    return c.json({ items: events.map(presentEventRecord) }, 201);
  });
  route({
    method: 'get', path: '/events/{id}', access: READERS,
    summary: "One event with its impact on the nation's networks: programs hit, sites struck, per end item survives or not, days until output stops, lost output and causes",
    params: pathParams({ id: 'The event' }), ok: [200, 'The event and its impact', eventDetailSchema],
  }, async (c, user) => c.json(presentEventDetail(await getEvent(c.get('ctx'), { actor: user, id: c.req.param('id')! }))));
  route({
    method: 'get', path: '/events/{id}/report', access: READERS,
    summary: 'The after report of a closed event: time from start to record, to the first request, to every hit site restored; lost output avoided versus the no-action analysis, per program',
    description: '409 while the event is open. The comparison is computed in the background (comparison.status computing: ask again). format=markdown or format=pdf downloads the report as a document (audited).',
    params: pathParams({ id: 'The event' }), query: eventReportQuerySchema,
    responses: {
      200: {
        description: 'The report: JSON, or the document asked for',
        content: { 'application/json': { schema: eventReportSchema }, 'text/markdown': { schema: { type: 'string' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
      },
    },
  }, async (c, user) => {
    const { format } = queryParams(c, eventReportQuerySchema);
    const ctx = c.get('ctx');
    const eventId = c.req.param('id')!;
    if (format === undefined || format === 'json') return c.json(presentEventReport(await getAfterReport(ctx, { actor: user, eventId })));
    const doc = await exportAfterReport(ctx, { actor: user, eventId, format });
    const headers = { 'content-type': doc.format === 'pdf' ? 'application/pdf' : 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${doc.filename}"`, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
    return new Response(doc.body as unknown as BodyInit, { headers });
  });
  route({
    method: 'post', path: '/events/{id}/close', access: WRITERS,
    summary: 'Close an open event with a closing note: it leaves the open list; its requests go on',
    params: pathParams({ id: 'The event' }), body: closeEventSchema, ok: [200, 'The event, closed', eventDetailSchema],
  }, async (c, user) => {
    const ctx = c.get('ctx');
    const body = await jsonBody(c, closeEventSchema);
    await closeEvent(ctx, { actor: user, eventId: c.req.param('id')!, note: body.note });
    return c.json(presentEventDetail(await getEvent(ctx, { actor: user, id: c.req.param('id')! })));
  });
  route({
    method: 'post', path: '/events/{id}/request-drafts', access: [...OFFICERS],
    summary: "Ask the partner: draft one priority-support request per program the event stops (parts at risk, quantity for the gap, required by the day output stops); replaces the drafts not yet submitted",
    description: 'No body. 409 while the impact is still being computed, when the event is closed, or when no program loses output.',
    params: pathParams({ id: 'The event' }), ok: [201, 'The drafts and the requests submitted before', eventRequestListSchema],
  }, async (c, user) => {
    await noBody(c);
    const items = await draftEventRequests(c.get('ctx'), { actor: user, eventId: c.req.param('id')! });
    return c.json({ items: items.map(presentEventRequest) }, 201);
  });
  route({
    method: 'put', path: '/events/{id}/request-drafts/{draftId}', access: [...OFFICERS],
    summary: 'Edit a draft: the whole request as it will be submitted, at the version last read (409 stale)',
    params: draftParams, body: editDraftSchema, ok: [200, 'The draft', eventRequestSchema],
  }, async (c, user) => {
    const { version, ...content } = await jsonBody(c, editDraftSchema);
    const draft = await editEventRequestDraft(c.get('ctx'), { actor: user, eventId: c.req.param('id')!, draftId: c.req.param('draftId')!, content, version });
    return c.json(presentEventRequest(draft));
  });
  route({
    method: 'post', path: '/events/{id}/request-drafts/{draftId}/submit', access: [...OFFICERS],
    summary: 'Submit a draft as a priority-support request, through the same path as POST /requests',
    description: 'No body. The request is checked like any new request (422 names the fields, e.g. a partner or program still to choose).',
    params: draftParams, ok: [201, 'The draft, now with its request', eventRequestSchema],
  }, async (c, user) => {
    await noBody(c);
    const ctx = c.get('ctx');
    const eventId = c.req.param('id')!;
    const draftId = c.req.param('draftId')!;
    const requestId = await submitEventRequestDraft(ctx, { actor: user, eventId, draftId });
    c.header('location', `/api/v1/requests/${requestId}`);
    return c.json(presentEventRequest((await listEventRequests(ctx, eventId)).find((d) => d.id === draftId)!), 201);
  });
  route({
    method: 'post', path: '/events/{id}/request-drafts/{draftId}/discard', access: [...OFFICERS],
    summary: 'Discard a draft that will not be submitted',
    params: draftParams, ok: [200, "The event's remaining drafts and requests", eventRequestListSchema],
  }, async (c, user) => {
    await noBody(c);
    const ctx = c.get('ctx');
    const eventId = c.req.param('id')!;
    await discardEventRequestDraft(ctx, { actor: user, eventId, draftId: c.req.param('draftId')! });
    return c.json({ items: (await listEventRequests(ctx, eventId)).map(presentEventRequest) });
  });
}
