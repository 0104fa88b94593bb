// Disruption events (issue #15): API calls and their types, for the Events pages.
import { call, client, query } from './client.js';
import type { Schema } from './contract.js';

export type EventSummary = Schema<'EventListItem'>;
export type EventImpactSummary = Schema<'EventImpactSummary'>;
export type EventRecord = Schema<'EventRecord'>;
export type RecordEventBody = Schema<'RecordEvent'>;
/** A place as the record form sends it. */
export type EventPlace = RecordEventBody['where'][number];
export type NetworkImpact = Schema<'EventNetworkImpact'>;
export type EventKind = EventSummary['kind'];
export type EventConfidence = EventSummary['confidence'];

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  siteIncident: 'Site fire or accident',
  naturalHazard: 'Natural hazard',
  portOrLaneClosure: 'Port or sea-lane closure',
  exportRestriction: 'Export restriction or embargo',
  cyber: 'Cyber attack',
  supplierInsolvency: 'Supplier insolvency',
  conflict: 'Conflict',
};

export const CONFIDENCE_LABELS: Record<EventConfidence, string> = { confirmed: 'Confirmed', likely: 'Likely', possible: 'Possible', unlikely: 'Unlikely', unknown: 'Unknown' };

export const eventsApi = {
  list: (status?: 'open' | 'closed') => call(client.GET('/events', { params: { query: query({ status }) } })),
  get: (id: string) => call(client.GET('/events/{id}', { params: { path: { id } } })),
  record: (body: RecordEventBody) => call(client.POST('/events', { body })),
  importFile: (format: 'cap' | 'geojson', content: string) => call(client.POST('/events/import', { body: { format, content } })),
  close: (id: string, note: string) => call(client.POST('/events/{id}/close', { params: { path: { id } }, body: { note } })),
  draftRequests: (id: string) => call(client.POST('/events/{id}/request-drafts', { params: { path: { id } } })),
  editDraft: (id: string, draftId: string, body: EditDraftBody) => call(client.PUT('/events/{id}/request-drafts/{draftId}', { params: { path: { id, draftId } }, body })),
  submitDraft: (id: string, draftId: string) => call(client.POST('/events/{id}/request-drafts/{draftId}/submit', { params: { path: { id, draftId } } })),
  discardDraft: (id: string, draftId: string) => call(client.POST('/events/{id}/request-drafts/{draftId}/discard', { params: { path: { id, draftId } } })),
  report: (id: string) => call(client.GET('/events/{id}/report', { params: { path: { id }, query: {} } })) as Promise<EventAfterReport>,
};

/** GET /events/{id}/report: the after report of a closed event. */
export type EventAfterReport = Schema<'EventAfterReport'>;
/** Where the browser downloads the report as a document (the session cookie authenticates it). */
export const eventReportHref = (id: string, format: 'markdown' | 'pdf') => `/api/v1/events/${encodeURIComponent(id)}/report?format=${format}`;

export type EventRequest = Schema<'EventRequest'>;
export type EditDraftBody = Schema<'EditEventRequestDraft'>;

/** GET /events/{id}: the event and its impact. */
export type EventDetail = Awaited<ReturnType<typeof eventsApi.get>>;
/** A place as an event shows it. */
export type ShownPlace = EventDetail['where'][number];
