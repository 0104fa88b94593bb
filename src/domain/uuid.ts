/**
 * A UUID in its canonical text form, 8-4-4-4-12 hexadecimal digits. Ids in paths and bodies are
 * checked with this before they reach a query: PostgreSQL's uuid type refuses anything else (36
 * dashes, 36 hex digits) with an error, which would answer a malformed id with a 500 instead of
 * the 404 or 422 of an id that names nothing.
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
