/** Stable error codes. Each is mapped to an HTTP status and a problem title only at the edge. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ACTION_NOT_ALLOWED_IN_STATE',
  'ROLE_NOT_ALLOWED',
  'STALE_VERSION',
  'DUPLICATE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'DATA_DIR_LOCKED',
  'CONFIG_INVALID',
  'DATABASE_UNAVAILABLE',
  'SIGN_IN_PROVIDER_UNAVAILABLE',
  'SCHEMA_NOT_CURRENT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** JSON-pointer-like path of the offending field, e.g. "items/0/quantity". */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    options: { detail?: string; errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(options.detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.extra = options.extra ?? {};
  }
}

export function validationError(errors: FieldError[], detail = 'The request has invalid fields.'): AppError {
  return new AppError('VALIDATION_FAILED', { detail, errors });
}
