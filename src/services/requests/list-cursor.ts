import type { ListCursor } from '../../store/requests.repository.js';
import { isUuid } from '../../domain/uuid.js';

// The request list's keyset cursor (issue #14): where the next page starts, opaque to clients
// (base64url of the last row's exact updated_at and id), so a deep page costs what the first does.

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id])).toString('base64url');
}

// As PostgreSQL prints a timestamptz: date, time with up to microseconds, offset.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** The cursor, or null when the text is not one this server gave out. */
export function decodeListCursor(text: string): ListCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [updatedAt, id] = value as unknown[];
    if (typeof updatedAt !== 'string' || typeof id !== 'string' || !TIMESTAMP.test(updatedAt) || !isUuid(id)) return null;
    return { updatedAt, id };
  } catch {
    return null;
  }
}
