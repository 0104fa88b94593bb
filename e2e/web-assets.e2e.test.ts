// The built web UI is sent compressed (brotli or gzip, by Accept-Encoding, from files compressed at
// build time) and cached: hashed /assets/ files for a year, index.html revalidated (issue #14).
// Needs `node node_modules/vite/bin/vite.js build --logLevel warn` first.
// Run: node --import tsx --test e2e/web-assets.e2e.test.ts
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { measureFirstPage, rawGet, referencedAssets } from '../bench/first-page.js';
import { ROOT, startApp, type RunningApp } from './helpers.js';

const DIST = join(ROOT, 'web/dist');
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the web UI assets', () => {
  let app: RunningApp;
  let mainScript: string;
  let stylesheet: string;
  before(async () => {
    app = await startApp();
    const refs = referencedAssets(await readFile(join(DIST, 'index.html'), 'utf8'));
    mainScript = refs.find((r) => /^\/assets\/index-[\w-]+\.js$/.test(r))!;
    stylesheet = refs.find((r) => r.endsWith('.css'))!;
    assert.ok(mainScript && stylesheet, `index.html names its script and stylesheet: ${refs.join(', ')}`);
  });
  after(() => app?.close());

  const decoders: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync, identity: (b) => b };

  for (const [accept, expected] of [['br', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br, zstd', 'br'], [null, 'identity']] as const) {
    it(`sends index.html, the main script and the stylesheet as ${expected} for Accept-Encoding: ${accept ?? '(none)'}, each the bytes on disk`, async () => {
      for (const [path, file, cache] of [
        ['/', 'index.html', 'no-cache'],
        ['/index.html', 'index.html', 'no-cache'],
        [mainScript, mainScript.slice(1), IMMUTABLE],
        [stylesheet, stylesheet.slice(1), IMMUTABLE],
      ] as const) {
        const res = await rawGet(app.url, path, accept ? { 'accept-encoding': accept } : {});
        assert.equal(res.status, 200, path);
        assert.equal(res.headers['content-encoding'] ?? 'identity', expected, path);
        assert.equal(res.headers['cache-control'], cache, path);
        assert.match(String(res.headers.vary), /accept-encoding/i, `${path} varies by Accept-Encoding, also when sent as is`);
        assert.equal(Number(res.headers['content-length']), res.body.length, path);
        const onDisk = await readFile(join(DIST, file));
        assert.ok(decoders[expected]!(res.body).equals(onDisk), `${path} decodes to ${file}`);
        if (expected !== 'identity') assert.ok(res.body.length < onDisk.length * (file.endsWith('.html') ? 0.75 : 0.4), `${path}: ${res.body.length} of ${onDisk.length} bytes`);
      }
    });
  }

  it('answers the single-page app fallback with index.html, compressed and revalidated', async () => {
    const res = await rawGet(app.url, '/queue/some/deep/link', { 'accept-encoding': 'br' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.ok(brotliDecompressSync(res.body).equals(await readFile(join(DIST, 'index.html'))));
  });

  it('answers an unknown asset 404, not index.html under an immutable name', async () => {
    for (const path of ['/assets/index-doesnotexist.js', '/assets/nothing.css', '/assets/']) {
      const res = await rawGet(app.url, path, { 'accept-encoding': 'br, gzip' });
      assert.equal(res.status, 404, path);
      assert.notEqual(res.headers['cache-control'], IMMUTABLE, path);
      assert.doesNotMatch(res.body.toString('utf8'), /<div id="root">/, path);
    }
  });

  it('leaves the API uncacheable by shared caches', async () => {
    const res = await rawGet(app.url, '/api/v1/health', { 'accept-encoding': 'br, gzip' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('transfers the first page in under a third of its uncompressed bytes', async () => {
    const plain = await measureFirstPage(app.url, null);
    const compressed = await measureFirstPage(app.url, 'br, gzip');
    assert.ok(compressed.files.every((f) => f.encoding === 'br'), JSON.stringify(compressed.files));
    assert.ok(compressed.total * 3 < plain.total, `${compressed.total} vs ${plain.total} bytes`);
  });
});
