// What the CAP and GeoJSON imports share (issue #15): the parsed events, each checked against
// the one event schema, and errors that name the failing part of the file.
import { AppError, type FieldError } from '../errors.js';
import { EVENT_CONFIDENCES, EVENT_INPUT_SCHEMA, type EventConfidence, type EventInput } from './event-model.js';

export interface ImportedEvent {
  /** The identifier the publisher gave (CAP identifier, GeoJSON feature id), if any. */
  externalId: string | null;
  event: EventInput;
}

/** Largest import accepted (characters of content). */
export const MAX_IMPORT_CHARS = 1_000_000;
/** Events one import may record. */
export const MAX_IMPORT_EVENTS = 500;

/** CAP 1.2 `certainty` (and plain confidence words) → our confidence. */
export function confidenceFrom(value: unknown): EventConfidence | undefined {
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (word === 'observed') return 'confirmed';
  if (word === 'very likely') return 'likely'; // CAP 1.0's word, still seen
  return (EVENT_CONFIDENCES as readonly string[]).includes(word) ? (word as EventConfidence) : undefined;
}

/** An ISO 8601 date-time with offset (CAP's form), or null. */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  return Number.isNaN(Date.parse(s)) ? null : new Date(Date.parse(s)).toISOString();
}

/**
 * Checks one built event against the event schema; issues are reported under `prefix`, each
 * event field renamed to the file's own name for it where the file gave it (`rename`).
 */
export function checkEvent(input: unknown, prefix: string, rename: Readonly<Record<string, string>>, errors: FieldError[]): EventInput | null {
  const parsed = EVENT_INPUT_SCHEMA.safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const [head, ...rest] = issue.path.map(String);
    const renamed = head === undefined ? undefined : rename[head];
    // A name starting with '=' is the whole field in the file (its inner path means nothing there).
    const field = head === undefined ? prefix : renamed?.startsWith('=') ? `${prefix}/${renamed.slice(1)}` : [prefix, renamed ?? head, ...rest].join('/');
    errors.push({ field, message: issue.message });
  }
  return null;
}

export function importFailed(errors: FieldError[], what: string): AppError {
  const shown = errors.slice(0, 100);
  if (errors.length > shown.length) shown.push({ field: '', message: `… and ${errors.length - shown.length} more` });
  return new AppError('VALIDATION_FAILED', { detail: `The ${what} has errors; nothing was recorded.`, errors: shown });
}

/** The identifier an import keeps to refuse the same alert or feature twice: 1 to 500 characters. */
export const MAX_EXTERNAL_ID_CHARS = 500;

export function externalIdProblem(id: string | null): string | null {
  if (id === null) return null;
  if (id.length === 0) return 'an identifier must not be empty';
  if (id.length > MAX_EXTERNAL_ID_CHARS) return `an identifier has at most ${MAX_EXTERNAL_ID_CHARS} characters`;
  return null;
}
