// The built web UI (web/dist), compressed and cached (issue #14, "cheap hot paths").
//
// - Compression: the build writes each text file also as .br and .gz (vite-plugin-compression2 in
//   vite.config.ts, at the best ratio, once); @hono/node-server's serveStatic sends the variant the
//   browser accepts (`precompressed`, br before gzip) with Content-Encoding. No compression per
//   request.
// - Caching: files under /assets/ carry a content hash in their name, so a browser keeps them a year
//   without asking again (`immutable`); index.html (and the SPA fallback, which is index.html)
//   names those hashes, so it is revalidated on every load (`no-cache`).
// - Every compressible file answers `Vary: Accept-Encoding`, also when sent as is, so a shared
//   cache never hands a brotli body to a client that did not ask for one (or the reverse).
// - An unknown /assets/ file is a 404, never index.html: a stale page asking for an asset of an
//   earlier build must fail visibly, and index.html must not be stored under an immutable name.
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../domain/errors.js';
import type { HttpEnv } from './http-env.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|manifest\+json|xml)|image\/svg\+xml)/i;

/** Serves `root` (web/dist): /assets/* immutable, everything else and the SPA fallback revalidated. */
export function serveWebUi(app: OpenAPIHono<HttpEnv>, root: string): void {
  app.use('/assets/*', withCaching(serveStatic({ root, precompressed: true }), IMMUTABLE));
  app.all('/assets/*', () => {
    throw new AppError('NOT_FOUND', { detail: 'No such file of the web UI (the page may come from an earlier build: reload it).' });
  });
  app.use('/*', withCaching(serveStatic({ root, precompressed: true }), REVALIDATE));
  // Any other path is the single-page app: index.html, compressed like the rest.
  app.get('*', withCaching(serveStatic({ root, path: 'index.html', precompressed: true }), REVALIDATE));
}

/** Adds Cache-Control and `Vary: Accept-Encoding` to a file that `serve` found (it calls next() when not). */
function withCaching(serve: MiddlewareHandler<HttpEnv>, cacheControl: string): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const res = await serve(c, next);
    if (!(res instanceof Response)) return;
    res.headers.set('cache-control', cacheControl);
    const vary = res.headers.get('vary');
    if (COMPRESSIBLE.test(res.headers.get('content-type') ?? '') && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? '')) {
      res.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    }
    return res;
  };
}
