// Disruption events (issue #15): something that actually happened — a plant burned, a port
// closed, an embargo — recorded by a nation's analysts or SOSA officers, and matched to that
// nation's supply networks (supply-resilience.md §1) to run the §4 time-to-survive analysis for
// exactly that disruption. Pure: the schema, the kinds, and the places an event names.
import { z } from 'zod';
import { DATE_BOUNDS_MESSAGE, isInstantInBounds } from '../bounds.js';

/** What happened (issue #15, "Events"). */
export const EVENT_KINDS = ['siteIncident', 'naturalHazard', 'portOrLaneClosure', 'exportRestriction', 'cyber', 'supplierInsolvency', 'conflict'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** How sure the reporter is; the words of CAP 1.2 `certainty` (Observed = confirmed). */
export const EVENT_CONFIDENCES = ['confirmed', 'likely', 'possible', 'unlikely', 'unknown'] as const;
export type EventConfidence = (typeof EVENT_CONFIDENCES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const latitude = z.number().finite('must be a finite number').min(-90, 'a latitude is between -90 and 90').max(90, 'a latitude is between -90 and 90');
/** Longitudes beyond ±180 are allowed in polygons (a ring drawn across the antimeridian may continue to 190). */
const longitude = z.number().finite('must be a finite number').min(-540, 'a longitude is between -540 and 540').max(540, 'a longitude is between -540 and 540');
const position = z.tuple([longitude, latitude]);
const ring = z.array(position).min(4, 'a ring has at least 4 positions (the first repeated last)').max(10_000, 'at most 10,000 positions');

/**
 * Where the event strikes: node ids (sites), a company (a node's owner), a country (ISO code as
 * the networks write it), a circle or polygon region (sites with coordinates inside), a sea lane
 * (edges whose `route` is that lane are closed). Polygons use GeoJSON order: [longitude, latitude].
 */
export const EVENT_PLACE_SCHEMA = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('site'), nodeId: text(200), networkId: z.string().uuid('must be a network id').optional() }),
  z.strictObject({ kind: z.literal('company'), name: text(200) }),
  z.strictObject({ kind: z.literal('country'), code: text(100) }),
  z.strictObject({ kind: z.literal('circle'), latitude, longitude: longitude.min(-180, 'a centre longitude is between -180 and 180').max(180, 'a centre longitude is between -180 and 180'), radiusKm: z.number().finite().positive('more than 0 km').max(20_000, 'at most 20,000 km') }),
  z.strictObject({ kind: z.literal('polygon'), coordinates: z.array(ring).min(1, 'an outer ring is needed').max(100, 'at most 100 rings') }),
  z.strictObject({ kind: z.literal('seaLane'), name: text(200) }),
]);
export type EventPlace = z.infer<typeof EVENT_PLACE_SCHEMA>;
export type CirclePlace = Extract<EventPlace, { kind: 'circle' }>;
export type PolygonPlace = Extract<EventPlace, { kind: 'polygon' }>;

export const EVENT_SOURCE_SCHEMA = z.strictObject({ label: text(300), url: z.string().trim().max(2000).pipe(z.url({ protocol: /^https?$/, message: 'must be an http or https URL' })).optional() });
export type EventSource = z.infer<typeof EVENT_SOURCE_SCHEMA>;

/** An instant with its offset within the domain bounds (src/domain/bounds.ts). */
const instant = (example: string) =>
  z
    .iso.datetime({ offset: true, message: `must be a date and time with its offset, e.g. ${example}` })
    .refine((v) => isInstantInBounds(new Date(v)), { message: DATE_BOUNDS_MESSAGE });

/** A recorded event, as a client sends it (and as an import produces it). */
export const EVENT_INPUT_SCHEMA = z
  .strictObject({
    title: text(300),
    kind: z.enum(EVENT_KINDS),
    description: z.string().trim().max(8000, 'at most 8,000 characters').default(''),
    where: z.array(EVENT_PLACE_SCHEMA).min(1, 'name at least one place: a site, company, country, region or sea lane').max(200, 'at most 200 places'),
    startedAt: instant('2026-12-01T06:00:00Z'),
    /** When the disrupted sites are expected to work again; absent: each hit site's own time-to-recover. */
    expectedRecoveryAt: instant('2026-12-31T00:00:00Z').optional(),
    confidence: z.enum(EVENT_CONFIDENCES).default('likely'),
    sources: z.array(EVENT_SOURCE_SCHEMA).max(50, 'at most 50 sources').default([]),
  })
  .refine((e) => e.expectedRecoveryAt === undefined || Date.parse(e.expectedRecoveryAt) > Date.parse(e.startedAt), { message: 'the expected recovery comes after the start', path: ['expectedRecoveryAt'] });
export type EventInput = z.infer<typeof EVENT_INPUT_SCHEMA>;

const DAY_MS = 86_400_000;
/** The longest disruption analysed: the scenario engine's horizon limit (supply-resilience.md §5 schema). */
export const MAX_EVENT_DAYS = 3650;

/** Whole days from start to expected recovery (at least 1, at most MAX_EVENT_DAYS); null when no recovery is expected yet. */
export function eventDurationDays(event: { startedAt: string; expectedRecoveryAt?: string | null | undefined }): number | null {
  if (!event.expectedRecoveryAt) return null;
  const days = Math.ceil((Date.parse(event.expectedRecoveryAt) - Date.parse(event.startedAt)) / DAY_MS);
  return Math.min(MAX_EVENT_DAYS, Math.max(1, days));
}
