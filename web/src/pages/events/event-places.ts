// Reading the event form's free-text places, and naming a failing field of a recorded or imported event.

/** "a, b,,c" → ["a", "b", "c"]: the comma-separated fields of the form. */
export const commaList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** "where/3/latitude" → "Place 4, latitude"; "features/2/geometry" → "Feature 3, geometry"; CAP paths as they are. */
export function eventErrorLabel(field: string): string {
  const where = /^where\/(\d+)(?:\/(.+))?$/.exec(field);
  if (where) return `Place ${Number(where[1]) + 1}${where[2] ? `, ${where[2]}` : ''}`;
  const feat = /^features\/(\d+)(?:\/(.+))?$/.exec(field);
  if (feat) return `Feature ${Number(feat[1]) + 1}${feat[2] ? `, ${feat[2]}` : ''}`;
  return field || 'File';
}

/** CAP-style "lat,lon lat,lon …" → a GeoJSON ring ([lon, lat]), closed; null when a pair is not two numbers. */
export function ringFromText(text: string): number[][] | null {
  const ring: number[][] = [];
  for (const pair of text.trim().split(/\s+/).filter(Boolean)) {
    const [lat, lon, extra] = pair.split(',').map(Number);
    if (extra !== undefined || lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon)) return null;
    ring.push([lon, lat]);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  return ring;
}
