/**
 * The SQLSTATE of a database error that the data written caused, not the database's state: class
 * 22 (data exception: a NUL in text, a malformed uuid or date, a value out of range) and class 23
 * (integrity constraint violation: a foreign key to nothing, a unique key taken, a check). Writing
 * the same data again fails again. Null for every other error (a lost connection, a serialization
 * failure, a deadlock, a bug), which may pass when tried again. Both drivers (pg and PGlite)
 * report the SQLSTATE as `code`.
 */
export function contentErrorState(error: unknown): string | null {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code) ? code : null;
}
