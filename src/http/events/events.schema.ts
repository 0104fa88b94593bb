import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { END_ITEM_IMPACT_SCHEMA, PROGRAM_IMPACT_SCHEMA } from '../../analytics/events/event-impact.js';
import { MATCH_REASONS } from '../../analytics/events/match-event.js';
import { EVENT_CONFIDENCES, EVENT_INPUT_SCHEMA, EVENT_KINDS, EVENT_PLACE_SCHEMA, EVENT_SOURCE_SCHEMA } from '../../domain/events/event-model.js';
import { MAX_IMPORT_CHARS } from '../../domain/events/import-common.js';
import { SITE_STATUSES } from '../../domain/events/site-status.js';
import { lineItemsSchema } from '../../domain/requests/line-items.js';
import { URGENCIES } from '../../domain/workflows/workflow-definition.js';
import { CLASSIFICATIONS } from '../../services/requests/create-request.js';
import { namedOrNull } from '../responses.js';
import { boundedDate } from '../validation.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

// --- What the event routes take ---------------------------------------------------------------------

/**
 * POST /events: the event as src/domain/events/event-model.ts defines it (the domain's own schema,
 * named here). Wrapped, not `.openapi()` on the domain's schema: that method exists only on schemas
 * made after @hono/zod-openapi is loaded, and a process that loads the domain first (the demo
 * seed does) would fail at start.
 */
export const recordEventSchema = z.lazy(() => EVENT_INPUT_SCHEMA).openapi('RecordEvent');

export const importEventsSchema = z
  .strictObject({
    format: z.enum(['cap', 'geojson']).openapi({ description: 'cap: one OASIS CAP 1.2 <alert> (XML); geojson: a FeatureCollection, one event per feature' }),
    content: z.string().min(1, 'must not be empty').max(MAX_IMPORT_CHARS, `at most ${MAX_IMPORT_CHARS.toLocaleString('en-US')} characters`),
  })
  .openapi('ImportEvents');

export const eventListQuerySchema = z.strictObject({ status: z.enum(['open', 'closed']).optional() });

// --- What the event routes send ---------------------------------------------------------------------

const placeSchema = z.discriminatedUnion('kind', EVENT_PLACE_SCHEMA.options).openapi('EventPlace');

const summaryFields = {
  id: z.string(),
  title: z.string(),
  kind: z.enum(EVENT_KINDS),
  startedAt: z.string(),
  expectedRecoveryAt: z.string().nullable(),
  confidence: z.enum(EVENT_CONFIDENCES),
  status: z.enum(['open', 'closed']),
  origin: z.enum(['manual', 'cap', 'geojson']),
  externalId: z.string().nullable().openapi({ description: "The publisher's identifier (CAP identifier, GeoJSON feature id)" }),
  recordedBy: z.string(),
  recordedAt: z.string(),
  closedAt: z.string().nullable(),
};

export const eventSummarySchema = z.strictObject(summaryFields).openapi('EventSummary');
export const eventImpactSummarySchema = z
  .strictObject({
    status: z.enum(['computing', 'ready', 'failed']).openapi({ description: 'computing: the figures are not there yet; ask again' }),
    programsStopping: z.number().int().openapi({ description: 'Programs that lose output under the event (0 while computing)' }),
    firstStopDays: z.number().nullable().openapi({ description: 'The fewest days until a program’s output stops; null when none stops' }),
    firstStopOn: z.string().nullable().openapi({ description: 'The day that is (YYYY-MM-DD): the event’s start + firstStopDays' }),
  })
  .openapi('EventImpactSummary');
export const eventListItemSchema = z
  .strictObject({ ...summaryFields, impact: namedOrNull(eventImpactSummarySchema).openapi({ description: "An open event's impact in a line; null for a closed event" }) })
  .openapi('EventListItem');
export const eventListSchema = itemList(eventListItemSchema);

const recordFields = { ...summaryFields, description: z.string(), where: z.array(placeSchema), sources: z.array(EVENT_SOURCE_SCHEMA) };
export const eventRecordSchema = z.strictObject(recordFields).openapi('EventRecord');
export const importedEventsSchema = itemList(eventRecordSchema);

const figureSource = z.enum(['modelled', 'answer', 'status']).openapi({ description: "modelled: the network model or the event; answer: the company's survey answer; status: the site status set by the nation" });
const siteStatusFactSchema = z.strictObject({ status: z.enum(SITE_STATUSES), setBy: z.string(), setAt: z.string(), via: z.enum(['answer', 'analyst']) });
const assumptionSchema = z
  .strictObject({
    disrupted: z.boolean(),
    disruptedFrom: figureSource,
    outageDays: z.number().nullable(),
    outageFrom: figureSource,
    stock: z.strictObject({ unit: z.enum(['days', 'units']), amount: z.number() }).nullable(),
    stockFrom: figureSource,
    capacityDuringOutagePerDay: z.number(),
    capacityDuringOutageFrom: figureSource,
    answer: z.strictObject({ company: z.string(), answeredAt: z.string() }).nullable(),
    status: siteStatusFactSchema.nullable(),
  })
  .openapi('EventSiteAssumption', { description: 'What the analysis assumed for a struck site, each figure with its source' });

const networkImpactSchema = z
  .strictObject({
    networkId: z.string(),
    networkName: z.string(),
    currency: z.string(),
    struckNodes: z.array(
      z.strictObject({
        nodeId: z.string(),
        kind: z.enum(['site', 'part', 'endItem']),
        part: z.string(),
        owner: z.string().nullable(),
        country: z.string().nullable(),
        latitude: z.number().nullable(),
        longitude: z.number().nullable(),
        reasons: z.array(z.enum(MATCH_REASONS)),
        places: z.array(z.number().int()).openapi({ description: "Indices into the event's where" }),
        assumption: assumptionSchema,
      }),
    ),
    closedLanes: z.array(z.string()),
    closedEdgeCount: z.number().int(),
    nodesWithoutCoordinates: z.number().int().openapi({ description: 'Nodes a region of the event could not test, for lack of coordinates' }),
    durationDays: z.number(),
    durationFrom: z.enum(['expectedRecovery', 'timeToRecover', 'answer']),
    status: z.enum(['optimal', 'infeasible', 'unbounded', 'solver_error', 'time_limit']),
    message: z.string().nullable(),
    tts: z.number().nullable().openapi({ description: 'Days until the first end item falls short (supply-resilience.md §4 TTS); null when it lasts the whole disruption' }),
    survives: z.boolean().nullable(),
    lostValue: z.number(),
    endItems: z.array(END_ITEM_IMPACT_SCHEMA),
    programs: z.array(PROGRAM_IMPACT_SCHEMA),
    warnings: z.array(z.string()),
  })
  .openapi('EventNetworkImpact');

const lineItemView = z.strictObject({ partNumber: z.string(), nsn: z.string().optional(), description: z.string(), quantity: z.number(), unit: z.string(), requiredDeliveryDate: z.string() });

export const eventRequestSchema = z
  .strictObject({
    id: z.string(),
    status: z.enum(['draft', 'submitted']),
    version: z.number().int(),
    updatedAt: z.string(),
    content: z
      .strictObject({
        toNation: z.string().nullable(),
        title: z.string(),
        programId: z.string().nullable(),
        justification: z.string(),
        urgency: z.enum(URGENCIES),
        classification: z.enum(CLASSIFICATIONS),
        requiredBy: z.string(),
        items: z.array(lineItemView),
      })
      .openapi({ description: 'The request as it will be submitted (toNation and programId may still be chosen)' }),
    basis: z
      .strictObject({
        networkId: z.string(),
        networkName: z.string(),
        program: z.string(),
        daysUntilOutputStops: z.number(),
        outputStopsOn: z.string(),
        durationDays: z.number(),
        lostUnits: z.number(),
        lines: z.array(
          z.strictObject({
            part: z.string(),
            quantity: z.number(),
            exactNeed: z.number().openapi({ description: 'Lost end-item units × the part per end-item unit, summed over the end items' }),
            causeNodes: z.array(z.string()),
            endItems: z.array(z.strictObject({ nodeId: z.string(), part: z.string(), lostUnits: z.number(), needPerUnit: z.number() })),
          }),
        ),
      })
      .openapi({ description: "How the draft was computed from the impact: the nation's own, never sent with the request" }),
    request: z
      .strictObject({
        id: z.string(),
        reference: z.string(),
        toNation: z.string(),
        state: z.string(),
        stateLabel: z.string(),
        terminal: z.boolean(),
        waitingOn: z.string().nullable(),
        nextDueAt: z.string().nullable(),
        updatedAt: z.string(),
      })
      .nullable()
      .openapi({ description: 'The request the draft became, with its progress; null while a draft' }),
  })
  .openapi('EventRequest');
export const eventRequestListSchema = itemList(eventRequestSchema);

/** PUT /events/{id}/request-drafts/{draftId}: the whole request as the officer will submit it, at the version seen. */
export const editDraftSchema = z
  .strictObject({
    version: z.number().int().min(1),
    toNation: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter nation code').nullable(),
    title: text(200),
    programId: text(100).nullable(),
    justification: text(8000),
    urgency: z.enum(URGENCIES),
    classification: z.enum(CLASSIFICATIONS),
    requiredBy: boundedDate,
    items: lineItemsSchema,
  })
  .openapi('EditEventRequestDraft');

export const closeEventSchema = z.strictObject({ note: text(4000) }).openapi('CloseEvent');
export const submittedRequestSchema = z.strictObject({ requestId: z.string(), reference: z.string() });

export const eventDetailSchema = z
  .strictObject({
    ...recordFields,
    closing: z.strictObject({ closedAt: z.string(), closedBy: z.string().nullable(), note: z.string() }).nullable(),
    requests: z.array(eventRequestSchema),
    impact: z.strictObject({
      status: z.enum(['computing', 'ready', 'failed']).openapi({ description: 'computing: ask again shortly (the analysis runs in the background); failed: see error' }),
      error: z.string().nullable(),
      computedAt: z.string().nullable(),
      durationDays: z.number().nullable().openapi({ description: "Start to expected recovery; null: each struck site's own time-to-recover" }),
      networksChecked: z.number().int(),
      networks: z.array(networkImpactSchema).openapi({ description: 'The networks the event strikes, each analysed for exactly this disruption' }),
    }),
  })
  .openapi('EventDetail');

export type EventSummaryView = z.infer<typeof eventSummarySchema>;
export type EventListItemView = z.infer<typeof eventListItemSchema>;
export type EventRecordView = z.infer<typeof eventRecordSchema>;
export type EventDetailView = z.infer<typeof eventDetailSchema>;
export type EventRequestViewSchema = z.infer<typeof eventRequestSchema>;
