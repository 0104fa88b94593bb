// The map of an event (issue #15): country outlines from the packaged Natural Earth atlas
// (world-atlas, TopoJSON → GeoJSON with topojson-client), drawn with d3-geo as SVG — no tile
// server, works offline. Shows the event's regions (circles, polygons) and the struck sites.
import { geoCircle, geoEqualEarth, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import worldAtlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import type { ShownPlace as EventPlace, NetworkImpact } from '../../api/events.js';
import './events.css';

const WIDTH = 760;
const HEIGHT = 400;
const KM_PER_DEGREE = 111.195;

const topology = worldAtlas as unknown as Topology<{ countries: GeometryCollection }>;
const countries = feature(topology, topology.objects.countries);

/** A place as GeoJSON for d3-geo (spherical: a polygon's edges are great-circle arcs; d3 wants the outer ring clockwise). */
function placeGeometry(place: EventPlace): GeoJSON.Geometry | null {
  if (place.kind === 'circle') return geoCircle().center([place.longitude, place.latitude]).radius(place.radiusKm / KM_PER_DEGREE)();
  if (place.kind === 'polygon') {
    // d3-geo reads a ring's winding: a counter-clockwise outer ring (GeoJSON's order) would be the
    // rest of the globe. Reverse the rings when the outer one is counter-clockwise on the plane.
    // Longitudes unwrapped first (a ring across the antimeridian, 170 → -170, is read the short way round).
    const ring: Array<[number, number]> = [];
    let shift = 0;
    for (const position of place.coordinates[0] ?? []) {
      const lon = position[0] ?? 0;
      const lat = position[1] ?? 0;
      const prev = ring[ring.length - 1];
      if (prev && lon + shift - prev[0] > 180) shift -= 360;
      else if (prev && lon + shift - prev[0] < -180) shift += 360;
      ring.push([lon + shift, lat]);
    }
    let area = 0;
    for (let i = 0; i + 1 < ring.length; i++) area += (ring[i + 1]![0] - ring[i]![0]) * (ring[i + 1]![1] + ring[i]![1]);
    const rings = area < 0 ? place.coordinates.map((r) => [...r].reverse()) : place.coordinates;
    return { type: 'Polygon', coordinates: rings as GeoJSON.Position[][] };
  }
  return null;
}

export interface MapSite {
  id: string;
  label: string;
  latitude: number;
  longitude: number;
  /** Lost output somewhere downstream (drawn red), or struck but ridden out (amber). */
  severity: 'loss' | 'struck';
}

export function sitesOf(networks: NetworkImpact[]): MapSite[] {
  const out = new Map<string, MapSite>();
  for (const n of networks) {
    for (const s of n.struckNodes) {
      if (s.latitude === null || s.longitude === null) continue;
      const loss = n.endItems.some((k) => k.survives === false && k.causes.some((c) => c.nodeId === s.nodeId));
      const key = `${s.latitude},${s.longitude},${s.nodeId}`;
      const prev = out.get(key);
      out.set(key, { id: key, label: `${s.nodeId} (${n.networkName})`, latitude: s.latitude, longitude: s.longitude, severity: prev?.severity === 'loss' || loss ? 'loss' : 'struck' });
    }
  }
  return [...out.values()];
}

export function EventMap({ where, sites }: { where: EventPlace[]; sites: MapSite[] }) {
  const drawn = useMemo(() => {
    const areas = where.map(placeGeometry).filter((g): g is GeoJSON.Geometry => g !== null);
    const focus: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        ...areas.map((geometry) => ({ type: 'Feature' as const, properties: {}, geometry })),
        ...sites.map((s) => ({ type: 'Feature' as const, properties: {}, geometry: geoCircle().center([s.longitude, s.latitude]).radius(4)() })),
      ],
    };
    const projection = geoEqualEarth();
    if (focus.features.length > 0) {
      // Centre on the event; keep at least a few hundred km of context around it.
      projection.fitExtent(
        [
          [24, 24],
          [WIDTH - 24, HEIGHT - 24],
        ],
        focus as GeoPermissibleObjects,
      );
    } else projection.fitSize([WIDTH, HEIGHT], { type: 'Sphere' } as GeoPermissibleObjects);
    const path = geoPath(projection);
    return {
      countries: countries.features.map((f, i) => ({ key: String(f.id ?? i), name: String((f.properties as { name?: string } | null)?.name ?? ''), d: path(f) ?? '' })),
      areas: areas.map((g, i) => ({ key: i, d: path(g as GeoPermissibleObjects) ?? '' })),
      sphere: path({ type: 'Sphere' } as GeoPermissibleObjects) ?? '',
      sites: sites.map((s) => {
        const xy = projection([s.longitude, s.latitude]);
        return { ...s, x: xy?.[0] ?? -10, y: xy?.[1] ?? -10 };
      }),
    };
  }, [where, sites]);

  return (
    <figure className="event-map" data-testid="event-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Map: the event's area and ${sites.length} struck site${sites.length === 1 ? '' : 's'}`}>
        <defs>
          <clipPath id="event-map-clip">
            <rect width={WIDTH} height={HEIGHT} />
          </clipPath>
        </defs>
        <g clipPath="url(#event-map-clip)">
          <rect width={WIDTH} height={HEIGHT} className="event-map-sea" />
          <path d={drawn.sphere} className="event-map-sphere" />
          {drawn.countries.map((c) => (
            <path key={c.key} d={c.d} className="event-map-country">
              <title>{c.name}</title>
            </path>
          ))}
          {drawn.areas.map((a) => (
            <path key={a.key} d={a.d} className="event-map-area" data-testid="event-map-area" />
          ))}
          {drawn.sites.map((s) => (
            <g key={s.id} transform={`translate(${s.x},${s.y})`} data-testid="event-map-site" data-severity={s.severity}>
              <circle r={6} className={`event-map-site event-map-site-${s.severity}`} />
              <title>{s.label}</title>
            </g>
          ))}
        </g>
      </svg>
      <figcaption className="muted small">
        <span className="legend-dot legend-loss" /> struck, output lost downstream · <span className="legend-dot legend-struck" /> struck, ridden out · shaded: the event's area. Country outlines: Natural Earth (world-atlas), drawn offline.
      </figcaption>
    </figure>
  );
}
