import type { ErrorCode, FieldError } from '../domain/errors.js';

/** Each stable error code's HTTP status and problem title (RFC 9457). */
export const PROBLEMS: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION_FAILED: { status: 422, title: 'The request has invalid fields' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  ROLE_NOT_ALLOWED: { status: 403, title: 'Your role may not do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  ACTION_NOT_ALLOWED_IN_STATE: { status: 409, title: 'Not possible in the current state' },
  STALE_VERSION: { status: 409, title: 'The record changed meanwhile' },
  DUPLICATE: { status: 409, title: 'Already exists' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many attempts' },
  DATA_DIR_LOCKED: { status: 503, title: 'Data folder in use' },
  CONFIG_INVALID: { status: 500, title: 'Server misconfigured' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'The database is unavailable' },
  SIGN_IN_PROVIDER_UNAVAILABLE: { status: 503, title: 'The sign-in provider is unavailable' },
  SCHEMA_NOT_CURRENT: { status: 503, title: 'The database schema is not the one this server needs' },
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemResponse(problem: ProblemDocument, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { 'content-type': 'application/problem+json', ...headers } });
}

export function problemType(code: string): string {
  return `https://sosa-desk.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}
