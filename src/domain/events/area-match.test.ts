// Hand-checked cases for the area → site matching (issue #15), including polygons across the
// antimeridian. Distances are checked by hand with the equirectangular estimate
// (Δlat·111.19 km, Δlon·111.19·cos φ km), good to well under 1 % at these sizes, so every radius
// below sits at least 10 % away from the true distance.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distanceKm, inCircle, inPolygon, preparePolygon, unwrapRing } from './area-match.js';

const square = (west: number, south: number, east: number, north: number): number[][][] => [
  [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ],
];
const inside = (coordinates: number[][][], longitude: number, latitude: number) => inPolygon({ latitude, longitude }, preparePolygon({ coordinates: coordinates as never }));

describe('circle: great-circle distance from the centre', () => {
  it('Koraput (18.81 N, 82.71 E) is about 32 km from 18.9 N, 83.0 E: inside 40 km, outside 25 km', () => {
    // Δlat 0.09° = 10.0 km; Δlon 0.29° × cos 18.85° × 111.19 = 30.5 km; √(10² + 30.5²) ≈ 32.1 km.
    const km = distanceKm({ latitude: 18.81, longitude: 82.71 }, { latitude: 18.9, longitude: 83.0 });
    assert.ok(km > 31 && km < 33.5, `${km}`);
    assert.equal(inCircle({ latitude: 18.81, longitude: 82.71 }, { latitude: 18.9, longitude: 83.0, radiusKm: 40 }), true);
    assert.equal(inCircle({ latitude: 18.81, longitude: 82.71 }, { latitude: 18.9, longitude: 83.0, radiusKm: 25 }), false);
  });

  it('a circle around Fiji (17.8 S, 178.0 E) reaches a site at 179.5 W across the antimeridian', () => {
    // Δlon = 2.5° the short way; 2.5 × cos 17.8° × 111.19 ≈ 264.7 km.
    const site = { latitude: -17.8, longitude: -179.5 };
    assert.equal(inCircle(site, { latitude: -17.8, longitude: 178.0, radiusKm: 300 }), true);
    assert.equal(inCircle(site, { latitude: -17.8, longitude: 178.0, radiusKm: 240 }), false);
  });
});

describe('polygon: point in polygon', () => {
  it('a square 10–20 E, 10–20 N holds 15 E 15 N, not 25 E 15 N nor 15 E 5 N', () => {
    const sq = square(10, 10, 20, 20);
    assert.equal(inside(sq, 15, 15), true);
    assert.equal(inside(sq, 25, 15), false);
    assert.equal(inside(sq, 15, 5), false);
  });

  it('a hole is outside', () => {
    const withHole = [...square(0, 0, 10, 10), ...square(4, 4, 6, 6)];
    assert.equal(inside(withHole, 2, 2), true);
    assert.equal(inside(withHole, 5, 5), false);
  });

  it('a square near Greenwich is not found again 360° away (no false match from the shifted tests)', () => {
    const sq = square(-10, -10, 10, 10);
    assert.equal(inside(sq, 5, 0), true);
    assert.equal(inside(sq, 180, 0), false);
    assert.equal(inside(sq, -175, 0), false);
  });
});

describe('polygon across the antimeridian', () => {
  // 170 E → 170 W, 10 S → 10 N, written as CAP and plain GeoJSON writers do: 170 then -170.
  const written = square(170, -10, -170, 10);

  it('unwraps the ring so no step jumps more than 180°', () => {
    assert.deepEqual(unwrapRing(written[0]!), [
      [170, -10],
      [190, -10],
      [190, 10],
      [170, 10],
      [170, -10],
    ]);
  });

  it('holds sites at 179 E and 179 W (both sides of the line), and at exactly 180', () => {
    assert.equal(inside(written, 179, 0), true);
    assert.equal(inside(written, -179, 0), true);
    assert.equal(inside(written, 180, 5), true);
    assert.equal(inside(written, -180, 5), true);
  });

  it('does not hold the rest of the globe that a planar reading would cover', () => {
    assert.equal(inside(written, 0, 0), false);
    assert.equal(inside(written, 160, 0), false);
    assert.equal(inside(written, -160, 0), false);
    assert.equal(inside(written, 179, 20), false);
  });

  it('the same region written unwrapped (170 … 190) matches alike', () => {
    const unwrapped = square(170, -10, 190, 10);
    assert.equal(inside(unwrapped, -175, 0), true);
    assert.equal(inside(unwrapped, 175, 0), true);
    assert.equal(inside(unwrapped, -165, 0), false);
  });

  it('a region written from the west side (-170 … -190 as 190 W … 170 E) matches alike', () => {
    const fromWest = square(-170, -10, 170, 10).map((ring) => [...ring].reverse());
    // -170 → 170 is a 340° step: taken the short way round (-190), like every edge.
    assert.equal(inside(fromWest, 175, 0), true);
    assert.equal(inside(fromWest, -175, 0), true);
    assert.equal(inside(fromWest, 0, 0), false);
  });

  it('a wide band that really spans 340° names a middle vertex, and then holds 0° and not 180°', () => {
    const band = [
      [
        [-170, -10],
        [0, -10],
        [170, -10],
        [170, 10],
        [0, 10],
        [-170, 10],
        [-170, -10],
      ],
    ];
    assert.equal(inside(band, 0, 0), true);
    assert.equal(inside(band, 100, 0), true);
    assert.equal(inside(band, 180, 0), false);
  });

  it('a Bering Sea region (Chukotka to Alaska) holds Anadyr (64.7 N, 177.5 E) and Nome (64.5 N, 165.4 W), not Fairbanks (64.8 N, 147.7 W)', () => {
    const bering = [
      [
        [172, 60],
        [-160, 60],
        [-160, 67],
        [172, 67],
        [172, 60],
      ],
    ];
    assert.equal(inside(bering, 177.5, 64.7), true);
    assert.equal(inside(bering, -165.4, 64.5), true);
    assert.equal(inside(bering, -147.7, 64.8), false);
  });
});
