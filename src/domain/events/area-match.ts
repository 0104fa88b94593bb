// Which sites an event's region covers (issue #15): a circle (great-circle distance from the
// centre, Turf's haversine) or a polygon (Turf's point-in-polygon), never hand geometry.
//
// Polygons across the antimeridian: GeoJSON (RFC 7946 §3.1.9) asks publishers to cut them at
// ±180° into a MultiPolygon (each part then tests as drawn), but CAP 1.2 polygons and many
// GeoJSON files simply list the points in order, so a ring from 170°E to 170°W goes
// 170 → -170. Read literally (planar lon/lat) that ring would cover the other 340° of the
// globe. We unwrap each ring so consecutive longitudes never jump by more than 180° (170 →
// 190), then test the site at its longitude and shifted by ±360°. Limits: a ring is taken to
// span less than 360° of longitude (a ring around a pole is not supported).
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import distance from '@turf/distance';
import { point, polygon } from '@turf/helpers';
import type { CirclePlace, PolygonPlace } from './event-model.js';

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Great-circle distance in km (Turf, haversine on a sphere of radius 6,371.0088 km). */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  return distance(point([a.longitude, a.latitude]), point([b.longitude, b.latitude]), { units: 'kilometers' });
}

export function inCircle(site: Coordinates, circle: Pick<CirclePlace, 'latitude' | 'longitude' | 'radiusKm'>): boolean {
  return distanceKm(site, circle) <= circle.radiusKm;
}

/** The ring with longitudes made continuous: each step of more than 180° is taken the short way round. */
export function unwrapRing(ring: ReadonlyArray<readonly [number, number] | readonly number[]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let shift = 0;
  let previous: number | null = null;
  for (const position of ring) {
    const lon = position[0]!;
    const lat = position[1]!;
    if (previous !== null) {
      const step = lon + shift - previous;
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    const unwrapped = lon + shift;
    out.push([unwrapped, lat]);
    previous = unwrapped;
  }
  // Close the ring exactly (GeoJSON requires first = last; unwrapping may have shifted the last).
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    if (Math.abs(first[0] - last[0]) % 360 === 0 && first[1] === last[1]) out[out.length - 1] = [first[0], first[1]];
    else out.push([first[0], first[1]]);
  }
  return out;
}

/** A polygon ready for repeated tests: rings unwrapped, and the outer ring's longitude span. */
export interface PreparedPolygon {
  rings: Array<Array<[number, number]>>;
}

export function preparePolygon(place: Pick<PolygonPlace, 'coordinates'>): PreparedPolygon {
  const outer = unwrapRing(place.coordinates[0]!);
  // Holes unwrapped alike, then moved next to the outer ring (a hole written at 178° for an
  // outer ring unwrapped to 170..190 stays; one written at -178° is moved to 182°).
  const centre = (outer.reduce((m, p) => Math.min(m, p[0]), Infinity) + outer.reduce((m, p) => Math.max(m, p[0]), -Infinity)) / 2;
  const holes = place.coordinates.slice(1).map((ring) => {
    const hole = unwrapRing(ring);
    const shift = Math.round((centre - hole[0]![0]) / 360) * 360;
    return hole.map(([lon, lat]) => [lon + shift, lat] as [number, number]);
  });
  return { rings: [outer, ...holes] };
}

export function inPolygon(site: Coordinates, prepared: PreparedPolygon): boolean {
  const shape = polygon(prepared.rings);
  for (const shift of [0, 360, -360, 720, -720]) {
    if (booleanPointInPolygon(point([site.longitude + shift, site.latitude]), shape)) return true;
  }
  return false;
}
