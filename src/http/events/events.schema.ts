import { z } from '@hono/zod-openapi';
import { EVENT_CONFIDENCES, EVENT_INPUT_SCHEMA, EVENT_KINDS, EVENT_PLACE_SCHEMA, EVENT_SOURCE_SCHEMA } from '../../domain/events/event-model.js';
import { MAX_IMPORT_CHARS } from '../../domain/events/import-common.js';
import { SITE_STATUSES } from '../../domain/events/site-status.js';

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
};

export const eventSummarySchema = z.strictObject(summaryFields).openapi('EventSummary');
export const eventListSchema = z.strictObject({ items: z.array(eventSummarySchema) });

const recordFields = { ...summaryFields, description: z.string(), where: z.array(placeSchema), sources: z.array(EVENT_SOURCE_SCHEMA) };
export const eventRecordSchema = z.strictObject(recordFields).openapi('EventRecord');
export const importedEventsSchema = z.strictObject({ items: z.array(eventRecordSchema) });

const reason = z.enum(['site', 'company', 'country', 'area']);
const causeSchema = z.strictObject({
  nodeId: z.string(),
  part: z.string(),
  owner: z.string().nullable(),
  country: z.string().nullable(),
  reason: z.enum(['site', 'company', 'country', 'area', 'seaLane']),
  lane: z.string().optional(),
});

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
        reasons: z.array(reason),
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
    endItems: z.array(
      z.strictObject({
        nodeId: z.string(),
        part: z.string(),
        programs: z.array(z.string()),
        survives: z.boolean().nullable(),
        daysUntilOutputStops: z.number().nullable(),
        lostUnits: z.number(),
        lostValue: z.number(),
        causes: z.array(causeSchema),
      }),
    ),
    programs: z.array(
      z.strictObject({
        program: z.string(),
        survives: z.boolean().nullable(),
        daysUntilOutputStops: z.number().nullable(),
        lostUnits: z.number(),
        lostValue: z.number(),
        endItems: z.array(z.string()),
        parts: z.array(z.string()),
        suppliers: z.array(z.string()),
      }),
    ),
    warnings: z.array(z.string()),
  })
  .openapi('EventNetworkImpact');

export const eventDetailSchema = z
  .strictObject({
    ...recordFields,
    impact: z.strictObject({
      computedAt: z.string(),
      durationDays: z.number().nullable().openapi({ description: "Start to expected recovery; null: each struck site's own time-to-recover" }),
      networksChecked: z.number().int(),
      networks: z.array(networkImpactSchema).openapi({ description: 'The networks the event strikes, each analysed for exactly this disruption' }),
    }),
  })
  .openapi('EventDetail');

export type EventSummaryView = z.infer<typeof eventSummarySchema>;
export type EventRecordView = z.infer<typeof eventRecordSchema>;
export type EventDetailView = z.infer<typeof eventDetailSchema>;
