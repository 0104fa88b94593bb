import type { Context } from 'hono';

/**
 * Sets a header on the answer a handler already made. `c.header()` at that point copies the
 * response (Hono rebuilds it around a ReadableStream of its body, so the server then streams a
 * small JSON body instead of writing it whole): 8–10% of the server's CPU per read under load
 * (issue #14). The headers of a response this app built are mutable, so they are set in place;
 * one whose headers are immutable (Response.redirect, a fetched response) still goes through
 * `c.header()`.
 */
export function setLateHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
