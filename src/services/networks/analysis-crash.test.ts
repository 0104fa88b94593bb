import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { killHard, startServerProcess } from '../../testing/server-process.js';
import { createTestDatabaseUrl, TEST_STORE } from '../../testing/test-store.js';
import { INTERRUPTED, STALE_MS } from './analysis-runner.js';

const PASSWORD = 'analysis-crash-password';

async function call(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe(`a scenario run interrupted by a crash (SIGKILL) does not vanish, on ${TEST_STORE}`, () => {
  it('after the restart it reads as failed (interrupted), never as running forever', { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sosa-analysis-crash-'));
    const pg = TEST_STORE === 'postgres' ? await createTestDatabaseUrl() : null;
    const env: Record<string, string> = { SOSA_DEMO_PASSWORD: PASSWORD, ...(pg ? { DATABASE_URL: pg.url } : {}) };
    const args = ['--demo', ...(pg ? [] : ['--data', dataDir])];
    try {
      const first = await startServerProcess(args, env);
      let networkId: string;
      let analysisId: string;
      try {
        const token = (await call(first.url, null, 'POST', '/session', { username: 'in.analyst', password: PASSWORD })).body.token as string;
        const networks = await call(first.url, token, 'GET', '/networks');
        networkId = networks.body.items.find((n: { name: string }) => n.name === 'F414-INS6 engine co-production').id;
        const started = await call(first.url, token, 'POST', `/networks/${networkId}/analyses`, { kind: 'scenario', preset: 'peacetime', budget: 1_000_000 });
        assert.equal(started.status, 202, JSON.stringify(started.body));
        analysisId = started.body.id;
      } finally {
        await killHard(first);
      }
      const second = await startServerProcess(args, env);
      try {
        const token = (await call(second.url, null, 'POST', '/session', { username: 'in.analyst', password: PASSWORD })).body.token as string;
        // PostgreSQL may have other instances running it: there it counts as interrupted once its heartbeat is stale.
        if (pg) await new Promise((r) => setTimeout(r, STALE_MS + 1_000));
        const read = await call(second.url, token, 'GET', `/networks/${networkId!}/analyses/${analysisId!}`);
        assert.equal(read.status, 200);
        assert.deepEqual([read.body.status, read.body.error], ['failed', INTERRUPTED]);
        assert.ok(read.body.finishedAt);
      } finally {
        await killHard(second);
      }
    } finally {
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
