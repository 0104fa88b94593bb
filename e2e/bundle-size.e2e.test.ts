// The web build that `npm start` runs prints no warning (issue #11 item 16: the chunk-size warning
// printed at every start). Builds into a temporary folder so the served web/dist is left alone.
// Run: node --import tsx --test e2e/bundle-size.e2e.test.ts
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, createLogger } from 'vite';
import { ROOT } from './helpers.js';

test('the production build of the web UI warns of nothing, and no script chunk passes 500 kB', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'sosa-web-build-'));
  try {
    const warnings: string[] = [];
    const logger = createLogger('warn');
    logger.warn = (msg) => void warnings.push(msg);
    logger.warnOnce = (msg) => void warnings.push(msg);
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', customLogger: logger, build: { outDir, emptyOutDir: true } });
    assert.deepEqual(warnings, []);
    const assets = join(outDir, 'assets');
    const sizes = await Promise.all((await readdir(assets)).filter((f) => f.endsWith('.js')).map(async (f) => ({ f, kB: (await stat(join(assets, f))).size / 1000 })));
    // Vite's default warning limit (500 kB): the chunks are split, not the limit raised.
    assert.deepEqual(sizes.filter((s) => s.kB > 500), []);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
