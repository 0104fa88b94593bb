// GeoJSON (RFC 7946) FeatureCollection → disruption events (issue #15), one event per feature,
// as hazard services publish them (GDACS, national met offices, or a file an analyst drew).
// Geometry: Polygon or MultiPolygon → regions (a MultiPolygon cut at ±180° per RFC 7946
// §3.1.9 tests as its parts), Point → a circle with `properties.radiusKm`.
// Properties read (first one present): title | name | headline | eventname | place;
// kind (our words) | eventtype (GDACS: EQ, TC, FL, VO, DR, WF, TS → natural hazard);
// startedAt | fromdate | onset | time (ISO 8601 with offset, or epoch milliseconds);
// expectedRecoveryAt | todate | expires; confidence | certainty; description;
// url | link | web (a source). All or nothing: any failing feature is named, nothing recorded.
import type { FieldError } from '../errors.js';
import { EVENT_KINDS, EVENT_PLACE_SCHEMA, type EventKind, type EventPlace } from './event-model.js';
import { checkEvent, confidenceFrom, externalIdProblem, importFailed, isoInstant, MAX_IMPORT_CHARS, MAX_IMPORT_EVENTS, type ImportedEvent } from './import-common.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const first = (props: Obj, keys: readonly string[]): { key: string; value: unknown } | null => {
  for (const key of keys) if (props[key] !== undefined && props[key] !== null && props[key] !== '') return { key, value: props[key] };
  return null;
};

const GDACS_TYPES = new Set(['EQ', 'TC', 'FL', 'VO', 'DR', 'WF', 'TS']);

function instant(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 1e14) return new Date(value).toISOString();
  return isoInstant(value);
}

/** Parses a GeoJSON FeatureCollection (or one Feature); throws VALIDATION_FAILED naming features/3/properties/startedAt and the like. */
export function parseGeoJsonEvents(content: string): ImportedEvent[] {
  if (content.length > MAX_IMPORT_CHARS) throw importFailed([{ field: 'content', message: `at most ${MAX_IMPORT_CHARS.toLocaleString('en-US')} characters` }], 'GeoJSON file');
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (error) {
    throw importFailed([{ field: 'content', message: `not JSON: ${(error as Error).message}` }], 'GeoJSON file');
  }
  let features: unknown[];
  let prefix: (i: number) => string;
  if (isObj(doc) && doc.type === 'FeatureCollection' && Array.isArray(doc.features)) {
    features = doc.features;
    prefix = (i) => `features/${i}`;
  } else if (isObj(doc) && doc.type === 'Feature') {
    features = [doc];
    prefix = () => 'feature';
  } else throw importFailed([{ field: 'type', message: 'a GeoJSON FeatureCollection (or one Feature) is expected' }], 'GeoJSON file');
  if (features.length === 0) throw importFailed([{ field: 'features', message: 'the collection has no features' }], 'GeoJSON file');
  if (features.length > MAX_IMPORT_EVENTS) throw importFailed([{ field: 'features', message: `at most ${MAX_IMPORT_EVENTS} features in one import` }], 'GeoJSON file');

  const errors: FieldError[] = [];
  const out: ImportedEvent[] = [];
  features.forEach((feature, i) => {
    const at = prefix(i);
    if (!isObj(feature) || feature.type !== 'Feature') {
      errors.push({ field: at, message: 'not a GeoJSON Feature' });
      return;
    }
    const props = isObj(feature.properties) ? feature.properties : {};
    const before = errors.length;
    const where = placesOf(feature.geometry, props, at, errors);

    const title = first(props, ['title', 'name', 'headline', 'eventname', 'place']);
    let kind: EventKind = 'naturalHazard';
    const kindProp = first(props, ['kind', 'eventtype']);
    if (kindProp) {
      const value = String(kindProp.value);
      if ((EVENT_KINDS as readonly string[]).includes(value)) kind = value as EventKind;
      else if (!(kindProp.key === 'eventtype' && GDACS_TYPES.has(value.toUpperCase()))) errors.push({ field: `${at}/properties/${kindProp.key}`, message: `"${value}" is not one of ${EVENT_KINDS.join(', ')}` });
    }
    const start = first(props, ['startedAt', 'fromdate', 'onset', 'time']);
    const startedAt = start ? instant(start.value) : null;
    if (!start) errors.push({ field: `${at}/properties/startedAt`, message: 'when it started is missing (startedAt, fromdate, onset or time)' });
    else if (!startedAt) errors.push({ field: `${at}/properties/${start.key}`, message: `"${String(start.value)}" is not a date and time with its offset (or epoch milliseconds)` });
    const end = first(props, ['expectedRecoveryAt', 'todate', 'expires']);
    const expectedRecoveryAt = end ? instant(end.value) : null;
    if (end && !expectedRecoveryAt) errors.push({ field: `${at}/properties/${end.key}`, message: `"${String(end.value)}" is not a date and time with its offset (or epoch milliseconds)` });
    const conf = first(props, ['confidence', 'certainty']);
    const confidence = conf ? confidenceFrom(conf.value) : 'likely';
    if (conf && !confidence) errors.push({ field: `${at}/properties/${conf.key}`, message: `"${String(conf.value)}" is not one of confirmed, likely, possible, unlikely, unknown (or CAP's Observed)` });
    const link = first(props, ['url', 'link', 'web']);
    if (errors.length > before) return;

    const rename: Record<string, string> = { where: 'geometry', title: `properties/${title?.key ?? 'title'}`, description: 'properties/description', startedAt: `properties/${start!.key}`, expectedRecoveryAt: `properties/${end?.key ?? 'expectedRecoveryAt'}`, sources: `=properties/${link?.key ?? 'url'}` };
    const checked = checkEvent(
      {
        title: title ? String(title.value).slice(0, 300) : `Imported feature ${i + 1}`,
        kind,
        description: typeof props.description === 'string' ? props.description.slice(0, 8000) : '',
        where,
        startedAt,
        ...(expectedRecoveryAt ? { expectedRecoveryAt } : {}),
        confidence,
        sources: link ? [{ label: String(title?.value ?? 'GeoJSON feature').slice(0, 300), url: String(link.value) }] : [],
      },
      at,
      rename,
      errors,
    );
    const externalId = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : null;
    const idProblem = externalIdProblem(externalId);
    if (idProblem) errors.push({ field: `${at}/id`, message: idProblem });
    else if (checked) out.push({ externalId, event: checked });
  });
  if (errors.length > 0) throw importFailed(errors, 'GeoJSON file');
  return out;
}

/** The feature's geometry as event places, errors under `${at}/geometry`. */
function placesOf(geometry: unknown, props: Obj, at: string, errors: FieldError[]): EventPlace[] {
  const field = `${at}/geometry`;
  if (!isObj(geometry)) {
    errors.push({ field, message: 'a feature needs a geometry (Polygon, MultiPolygon, or Point with properties.radiusKm)' });
    return [];
  }
  const check = (candidate: unknown, path: string): EventPlace | null => {
    const parsed = EVENT_PLACE_SCHEMA.safeParse(candidate);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues.slice(0, 5)) errors.push({ field: [path, ...issue.path.slice(1).map(String)].join('/'), message: issue.message });
    return null;
  };
  switch (geometry.type) {
    case 'Polygon': {
      const place = check({ kind: 'polygon', coordinates: geometry.coordinates }, `${field}/coordinates`);
      return place ? [place] : [];
    }
    case 'MultiPolygon': {
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
        errors.push({ field: `${field}/coordinates`, message: 'a MultiPolygon lists at least one polygon' });
        return [];
      }
      return geometry.coordinates.flatMap((coordinates, p) => {
        const place = check({ kind: 'polygon', coordinates }, `${field}/coordinates/${p}`);
        return place ? [place] : [];
      });
    }
    case 'Point': {
      const c = geometry.coordinates;
      if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
        errors.push({ field: `${field}/coordinates`, message: 'a Point is [longitude, latitude]' });
        return [];
      }
      if (props.radiusKm === undefined) {
        errors.push({ field: `${at}/properties/radiusKm`, message: 'a Point needs properties.radiusKm (km) to say how far the event reaches' });
        return [];
      }
      const place = EVENT_PLACE_SCHEMA.safeParse({ kind: 'circle', latitude: c[1], longitude: c[0], radiusKm: props.radiusKm });
      if (place.success) return [place.data];
      for (const issue of place.error.issues.slice(0, 5)) {
        const key = String(issue.path[0]);
        errors.push({ field: key === 'radiusKm' ? `${at}/properties/radiusKm` : `${field}/coordinates/${key === 'longitude' ? 0 : 1}`, message: issue.message });
      }
      return [];
    }
    default:
      errors.push({ field: `${field}/type`, message: `"${String(geometry.type)}": a Polygon, MultiPolygon, or Point with properties.radiusKm is expected` });
      return [];
  }
}
