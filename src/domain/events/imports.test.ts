// CAP 1.2 and GeoJSON imports of disruption events (issue #15): good files become events,
// bad rows and fields are named by their place in the file, nothing is half-imported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { parseCapAlert } from './cap-import.js';
import { parseGeoJsonEvents } from './geojson-import.js';

const cap = (info: string, head = '<status>Actual</status><msgType>Alert</msgType>') => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>IMD-2026-12-01-ODISHA</identifier>
  <sender>imd@example.org</sender>
  <sent>2026-12-01T06:00:00+05:30</sent>
  ${head}
  <scope>Public</scope>
  ${info}
</alert>`;

const CYCLONE_INFO = `<info>
    <category>Met</category>
    <event>Severe cyclonic storm</event>
    <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
    <onset>2026-12-01T12:00:00+05:30</onset>
    <expires>2026-12-15T12:00:00+05:30</expires>
    <senderName>India Meteorological Department</senderName>
    <headline>Severe cyclonic storm crossing south Odisha</headline>
    <description>Landfall near Gopalpur; heavy rain over Koraput district.</description>
    <web>https://mausam.example.org/cyclone</web>
    <area>
      <areaDesc>South Odisha coast and Koraput</areaDesc>
      <polygon>18.0,82.0 18.0,84.5 19.8,84.5 19.8,82.0 18.0,82.0</polygon>
      <circle>18.9,83.0 120</circle>
    </area>
  </info>`;

function errorsOf(fn: () => unknown): Array<{ field: string; message: string }> {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'VALIDATION_FAILED');
    return error.errors;
  }
  assert.fail('expected the import to fail');
}

describe('CAP 1.2 import', () => {
  it('reads a cyclone alert: headline, kind, polygon (lat,lon → lon,lat) and circle, onset, expires, certainty, source', () => {
    const [imported] = parseCapAlert(cap(CYCLONE_INFO));
    assert.equal(imported!.externalId, 'IMD-2026-12-01-ODISHA');
    const e = imported!.event;
    assert.equal(e.title, 'Severe cyclonic storm crossing south Odisha');
    assert.equal(e.kind, 'naturalHazard');
    assert.equal(e.confidence, 'confirmed');
    assert.equal(e.startedAt, '2026-12-01T06:30:00.000Z');
    assert.equal(e.expectedRecoveryAt, '2026-12-15T06:30:00.000Z');
    assert.deepEqual(e.where[0], { kind: 'polygon', coordinates: [[[82, 18], [84.5, 18], [84.5, 19.8], [82, 19.8], [82, 18]]] });
    assert.deepEqual(e.where[1], { kind: 'circle', latitude: 18.9, longitude: 83, radiusKm: 120 });
    assert.deepEqual(e.sources, [{ label: 'CAP alert IMD-2026-12-01-ODISHA from India Meteorological Department', url: 'https://mausam.example.org/cyclone' }]);
  });

  it('names each bad polygon and circle by its place in the alert, and records nothing', () => {
    const info = CYCLONE_INFO.replace('<polygon>18.0,82.0 18.0,84.5 19.8,84.5 19.8,82.0 18.0,82.0</polygon>', '<polygon>18.0,82.0 18.0,84.5 19.8,84.5 18.0,82.0</polygon><polygon>18.0,82.0 95,84.5 19.8,84.5 18.0,82.0</polygon>').replace('<circle>18.9,83.0 120</circle>', '<circle>18.9,83.0 -5</circle>');
    const errors = errorsOf(() => parseCapAlert(cap(info + '<info><category>Met</category><event>x</event><certainty>Likely</certainty><area><areaDesc>Nowhere</areaDesc><polygon>1,2 3,4</polygon></area></info>')));
    assert.deepEqual(
      errors.map((e) => e.field),
      ['alert/info/0/area/0/polygon/1', 'alert/info/0/area/0/circle/0', 'alert/info/1/area/0/polygon/0'],
    );
    assert.match(errors[0]!.message, /point 2 "95,84.5" is out of range/);
    assert.match(errors[1]!.message, /radius -5 km/);
    assert.match(errors[2]!.message, /at least 4 points/);
  });

  it('refuses a Cancel, a Test, an alert without area geometry, bad dates, a DOCTYPE and XML that is not well formed', () => {
    assert.deepEqual(errorsOf(() => parseCapAlert(cap(CYCLONE_INFO, '<status>Actual</status><msgType>Cancel</msgType>'))).map((e) => e.field), ['alert/msgType']);
    assert.deepEqual(errorsOf(() => parseCapAlert(cap(CYCLONE_INFO, '<status>Test</status><msgType>Alert</msgType>'))).map((e) => e.field), ['alert/status']);
    assert.deepEqual(errorsOf(() => parseCapAlert(cap(CYCLONE_INFO.replace(/<polygon>.*<\/polygon>/, '').replace(/<circle>.*<\/circle>/, '')))).map((e) => e.field), ['alert/info/0/area/0']);
    assert.deepEqual(errorsOf(() => parseCapAlert(cap(CYCLONE_INFO.replace('2026-12-01T12:00:00+05:30', 'tomorrow')))).map((e) => e.field), ['alert/info/0/onset']);
    assert.deepEqual(errorsOf(() => parseCapAlert('<!DOCTYPE alert [<!ENTITY a "x">]>' + cap(CYCLONE_INFO))).map((e) => e.field), ['content']);
    const broken = errorsOf(() => parseCapAlert('<alert><identifier>x</alert>'));
    assert.equal(broken[0]!.field, 'content');
    assert.match(broken[0]!.message, /not well-formed XML/);
    assert.deepEqual(errorsOf(() => parseCapAlert('<feed></feed>')).map((e) => e.field), ['alert']);
  });

  it('an Exercise is recorded, marked as such; a polygon across the antimeridian is kept as written', () => {
    const info = CYCLONE_INFO.replace(/<polygon>.*<\/polygon>/, '<polygon>-10,170 -10,-170 10,-170 10,170 -10,170</polygon>').replace(/<circle>.*<\/circle>/, '');
    const [imported] = parseCapAlert(cap(info, '<status>Exercise</status><msgType>Alert</msgType>'));
    assert.match(imported!.event.title, /^\[Exercise\] /);
    assert.deepEqual(imported!.event.where, [{ kind: 'polygon', coordinates: [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]] }]);
  });
});

const feature = (geometry: unknown, properties: Record<string, unknown>, id?: string) => ({ type: 'Feature', ...(id ? { id } : {}), geometry, properties });
const fc = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const POLY = { type: 'Polygon', coordinates: [[[82, 18], [84.5, 18], [84.5, 19.8], [82, 19.8], [82, 18]]] };

describe('GeoJSON import', () => {
  it('one event per feature: Polygon, MultiPolygon cut at the antimeridian, Point with radiusKm; GDACS and epoch-millisecond properties', () => {
    const events = parseGeoJsonEvents(
      fc(
        feature(POLY, { title: 'Flood in Koraput', kind: 'naturalHazard', startedAt: '2026-12-01T00:00:00Z', expectedRecoveryAt: '2026-12-20T00:00:00Z', confidence: 'possible', url: 'https://hazard.example.org/1' }, 'F-1'),
        feature({ type: 'MultiPolygon', coordinates: [[[[170, -10], [180, -10], [180, 10], [170, 10], [170, -10]]], [[[-180, -10], [-170, -10], [-170, 10], [-180, 10], [-180, -10]]]] }, { name: 'Tropical cyclone near Fiji', eventtype: 'TC', fromdate: '2026-12-02T00:00:00Z', todate: '2026-12-09T00:00:00Z' }),
        feature({ type: 'Point', coordinates: [-84.42, 39.26] }, { place: 'Evendale plant fire', kind: 'siteIncident', time: Date.parse('2026-12-03T08:00:00Z'), radiusKm: 5, certainty: 'Observed' }),
      ),
    );
    assert.equal(events.length, 3);
    assert.deepEqual(events.map((e) => [e.externalId, e.event.title, e.event.kind, e.event.confidence]), [
      ['F-1', 'Flood in Koraput', 'naturalHazard', 'possible'],
      [null, 'Tropical cyclone near Fiji', 'naturalHazard', 'likely'],
      [null, 'Evendale plant fire', 'siteIncident', 'confirmed'],
    ]);
    assert.equal(events[1]!.event.where.length, 2);
    assert.deepEqual(events[2]!.event.where, [{ kind: 'circle', latitude: 39.26, longitude: -84.42, radiusKm: 5 }]);
    assert.equal(events[2]!.event.startedAt, '2026-12-03T08:00:00.000Z');
    assert.deepEqual(events[0]!.event.sources, [{ label: 'Flood in Koraput', url: 'https://hazard.example.org/1' }]);
  });

  it('names the failing feature index and field, and records nothing', () => {
    const errors = errorsOf(() =>
      parseGeoJsonEvents(
        fc(
          feature(POLY, { title: 'Good', startedAt: '2026-12-01T00:00:00Z' }),
          feature({ type: 'Point', coordinates: [10, 10] }, { title: 'No radius', startedAt: '2026-12-01T00:00:00Z' }),
          feature(POLY, { title: 'Bad date', startedAt: '1 December' }),
          feature({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, { title: 'A line', startedAt: '2026-12-01T00:00:00Z' }),
          feature({ type: 'Polygon', coordinates: [[[0, 0], [1, 95], [1, 1], [0, 0]]] }, { title: 'Off the globe', startedAt: '2026-12-01T00:00:00Z' }),
          feature(POLY, { title: 'Unknown kind', kind: 'meteor', startedAt: '2026-12-01T00:00:00Z' }),
          feature(POLY, { title: 'Ends first', startedAt: '2026-12-05T00:00:00Z', expectedRecoveryAt: '2026-12-01T00:00:00Z' }),
          feature(POLY, { startedAt: '2026-12-01T00:00:00Z', title: 'x'.repeat(400), url: 'javascript:alert(1)' }),
        ),
      ),
    );
    assert.deepEqual(
      errors.map((e) => e.field),
      ['features/1/properties/radiusKm', 'features/2/properties/startedAt', 'features/3/geometry/type', 'features/4/geometry/coordinates/0/1/1', 'features/5/properties/kind', 'features/6/properties/expectedRecoveryAt', 'features/7/properties/url'],
    );
  });

  it('names an empty or over-long identifier (of a feature or an alert) instead of failing on the database', () => {
    const withId = (id: string) => ({ ...feature(POLY, { title: 'Identified', startedAt: '2026-12-01T00:00:00Z' }), id });
    const file = fc(withId(''), withId('x'.repeat(501)), withId('GDACS-1'));
    assert.deepEqual(errorsOf(() => parseGeoJsonEvents(file)).map((e) => e.field), ['features/0/id', 'features/1/id']);
    const longId = cap(CYCLONE_INFO).replace('IMD-2026-12-01-ODISHA', 'I'.repeat(501));
    assert.deepEqual(errorsOf(() => parseCapAlert(longId)).map((e) => e.field), ['alert/identifier']);
  });

  it('refuses what is not a FeatureCollection, and text that is not JSON', () => {
    assert.deepEqual(errorsOf(() => parseGeoJsonEvents('{"type":"Polygon","coordinates":[]}')).map((e) => e.field), ['type']);
    assert.deepEqual(errorsOf(() => parseGeoJsonEvents('{not json')).map((e) => e.field), ['content']);
    assert.deepEqual(errorsOf(() => parseGeoJsonEvents(fc())).map((e) => e.field), ['features']);
  });
});
