// OASIS Common Alerting Protocol 1.2 (CAP) → disruption events (issue #15). One <alert> is one
// event: its <info> blocks' <area>s give the regions (CAP 1.2 §3.2.4: <polygon> is "lat,lon"
// pairs separated by spaces, first = last, at least 4 pairs; <circle> is "lat,lon radius" with
// the radius in km), the first <info> gives what happened (<category>, <event>, <headline>,
// <description>, <certainty>, <web>) and when: started = <onset>, else <effective>, else the
// alert's <sent>; expected recovery = <expires> (the publisher's end of the hazard — the best a
// CAP message says about recovery; the analyst can record a better one). Parsed with
// fast-xml-parser; a DOCTYPE is refused (CAP has none; no entity tricks).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FieldError } from '../errors.js';
import type { EventKind, EventPlace } from './event-model.js';
import { checkEvent, confidenceFrom, externalIdProblem, importFailed, isoInstant, MAX_IMPORT_CHARS, type ImportedEvent } from './import-common.js';

/** CAP 1.2 §3.2.2 <category> → our kind. */
const CATEGORY_KIND: Readonly<Record<string, EventKind>> = {
  geo: 'naturalHazard',
  met: 'naturalHazard',
  env: 'naturalHazard',
  health: 'naturalHazard',
  fire: 'siteIncident',
  safety: 'siteIncident',
  rescue: 'siteIncident',
  cbrne: 'siteIncident',
  infra: 'siteIncident',
  transport: 'portOrLaneClosure',
  security: 'conflict',
  other: 'naturalHazard',
};

const ARRAYS = new Set(['alert.info', 'alert.info.category', 'alert.info.area', 'alert.info.area.polygon', 'alert.info.area.circle', 'alert.info.area.geocode', 'alert.info.parameter']);

type Node = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Parses one CAP 1.2 alert; throws VALIDATION_FAILED naming each failing element (alert/info/0/area/1/polygon/0). */
export function parseCapAlert(xml: string): ImportedEvent[] {
  const errors: FieldError[] = [];
  if (xml.length > MAX_IMPORT_CHARS) throw importFailed([{ field: 'content', message: `at most ${MAX_IMPORT_CHARS.toLocaleString('en-US')} characters` }], 'CAP alert');
  if (/<!DOCTYPE/i.test(xml)) throw importFailed([{ field: 'content', message: 'a CAP alert has no DOCTYPE; documents with one are refused' }], 'CAP alert');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw importFailed([{ field: 'content', message: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})` }], 'CAP alert');
  const doc = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (_name, jpath) => ARRAYS.has(String(jpath)) }).parse(xml) as Node;
  const alert = doc.alert as Node | undefined;
  if (!alert || typeof alert !== 'object') throw importFailed([{ field: 'alert', message: 'the document is not a CAP alert (no <alert> root element)' }], 'CAP alert');

  const identifier = str(alert.identifier) ?? null;
  if (!identifier) errors.push({ field: 'alert/identifier', message: 'a CAP alert needs an <identifier>' });
  else if (externalIdProblem(identifier)) errors.push({ field: 'alert/identifier', message: externalIdProblem(identifier)! });
  const status = str(alert.status) ?? '';
  if (!['Actual', 'Exercise'].includes(status)) errors.push({ field: 'alert/status', message: `status "${status}": only Actual (and Exercise) alerts record an event` });
  const msgType = str(alert.msgType) ?? '';
  if (msgType === 'Cancel' || msgType === 'Ack' || msgType === 'Error') errors.push({ field: 'alert/msgType', message: `msgType "${msgType}" reports on an earlier alert; it records no event` });
  const infos = list(alert.info) as Node[];
  if (infos.length === 0) errors.push({ field: 'alert/info', message: 'a CAP alert needs an <info> block to record an event' });

  const where: EventPlace[] = [];
  infos.forEach((info, i) => {
    (list(info.area) as Node[]).forEach((area, a) => {
      const at = `alert/info/${i}/area/${a}`;
      const polygons = list(area.polygon);
      const circles = list(area.circle);
      if (polygons.length + circles.length === 0) errors.push({ field: at, message: `area "${str(area.areaDesc) ?? ''}" has no <polygon> or <circle>; geocodes alone are not matched to sites` });
      polygons.forEach((raw, p) => {
        const ring = parsePolygon(str(raw) ?? '');
        if (typeof ring === 'string') errors.push({ field: `${at}/polygon/${p}`, message: ring });
        else where.push({ kind: 'polygon', coordinates: [ring] });
      });
      circles.forEach((raw, c) => {
        const circle = parseCircle(str(raw) ?? '');
        if (typeof circle === 'string') errors.push({ field: `${at}/circle/${c}`, message: circle });
        else where.push(circle);
      });
    });
  });
  if (infos.length > 0 && where.length === 0 && !errors.some((e) => e.field.includes('/area'))) errors.push({ field: 'alert/info/0/area', message: 'the alert names no <area> with a <polygon> or <circle>' });

  const info = infos[0] ?? {};
  const categories = (list(info.category) as unknown[]).map((c) => (str(c) ?? '').toLowerCase());
  const kind = categories.map((c) => CATEGORY_KIND[c]).find((k) => k !== undefined) ?? 'naturalHazard';
  const onsetField = info.onset !== undefined ? 'onset' : info.effective !== undefined ? 'effective' : null;
  const startRaw = onsetField ? info[onsetField] : alert.sent;
  const startedAt = isoInstant(startRaw);
  const startField = onsetField ? `alert/info/0/${onsetField}` : 'alert/sent';
  if (!startedAt) errors.push({ field: startField, message: `"${str(startRaw) ?? ''}" is not a CAP date and time (e.g. 2026-12-01T06:00:00+05:30)` });
  let expectedRecoveryAt: string | undefined;
  if (info.expires !== undefined) {
    const expires = isoInstant(info.expires);
    if (!expires) errors.push({ field: 'alert/info/0/expires', message: `"${str(info.expires) ?? ''}" is not a CAP date and time` });
    else expectedRecoveryAt = expires;
  }
  const event = str(info.event) ?? '';
  const headline = str(info.headline);
  const areas = infos.flatMap((inf) => (list(inf.area) as Node[]).map((a) => str(a.areaDesc)).filter((d): d is string => !!d));
  const title = `${status === 'Exercise' ? '[Exercise] ' : ''}${headline || [event, areas.slice(0, 3).join(', ')].filter(Boolean).join(': ') || 'CAP alert'}`.slice(0, 300);
  const senderName = str(info.senderName) ?? str(alert.sender) ?? 'unknown sender';
  const web = str(info.web);
  const source = { label: `CAP alert ${identifier ?? ''} from ${senderName}`.slice(0, 300), ...(web && /^https?:\/\//i.test(web) ? { url: web } : {}) };

  if (errors.length > 0) throw importFailed(errors, 'CAP alert');
  const checked = checkEvent(
    {
      title,
      kind,
      description: (str(info.description) ?? '').slice(0, 8000),
      where,
      startedAt,
      ...(expectedRecoveryAt ? { expectedRecoveryAt } : {}),
      confidence: confidenceFrom(info.certainty) ?? 'unknown',
      sources: [source],
    },
    'alert',
    { title: 'info/0/headline', where: 'info/area', startedAt: startField.slice('alert/'.length), expectedRecoveryAt: 'info/0/expires', sources: '=info/0/web' },
    errors,
  );
  if (!checked) throw importFailed(errors, 'CAP alert');
  return [{ externalId: identifier, event: checked }];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** CAP "lat,lon lat,lon …" → a GeoJSON ring ([lon, lat]), or the reason it is not one. */
function parsePolygon(text: string): Array<[number, number]> | string {
  const pairs = text.split(/\s+/).filter(Boolean);
  const ring: Array<[number, number]> = [];
  for (const [i, pair] of pairs.entries()) {
    const parts = pair.split(',');
    if (parts.length !== 2 || !NUMBER.test(parts[0]!) || !NUMBER.test(parts[1]!)) return `point ${i + 1} "${pair}" is not "latitude,longitude"`;
    const lat = Number(parts[0]);
    const lon = Number(parts[1]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return `point ${i + 1} "${pair}" is out of range (latitude ±90, longitude ±180)`;
    ring.push([lon, lat]);
  }
  if (ring.length < 4) return `a CAP polygon has at least 4 points (the first repeated last), this one has ${ring.length}`;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'a CAP polygon ends where it starts (the first point repeated last)';
  return ring;
}

/** CAP "lat,lon radius" (km) → a circle, or the reason it is not one. */
function parseCircle(text: string): Extract<EventPlace, { kind: 'circle' }> | string {
  const m = /^([^,\s]+),([^,\s]+)\s+([^,\s]+)$/.exec(text.trim());
  if (!m || !NUMBER.test(m[1]!) || !NUMBER.test(m[2]!) || !NUMBER.test(m[3]!)) return `"${text}" is not "latitude,longitude radius-km"`;
  const latitude = Number(m[1]);
  const longitude = Number(m[2]);
  const radiusKm = Number(m[3]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return `centre "${m[1]},${m[2]}" is out of range (latitude ±90, longitude ±180)`;
  if (!(radiusKm > 0) || radiusKm > 20_000) return `radius ${m[3]} km: a circle's radius is more than 0 and at most 20,000 km`;
  return { kind: 'circle', latitude, longitude, radiusKm };
}
