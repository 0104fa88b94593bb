// Graceful shutdown (issue #16), with a real `sosa serve` process: a request in flight when
// SIGTERM arrives completes, new connections are refused, the process exits 0 with its audit
// queue chained, and the chain verifies.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from './store/database.js';
import { pendingAuditCount } from './store/audit.repository.js';
import { requestBody } from './testing/request-builders.js';
import { sosa } from './testing/run-sosa-cli.js';
import { killHard, startServerProcess, type ServerProcess } from './testing/server-process.js';
import { createTestDatabaseUrl, TEST_STORE } from './testing/test-store.js';

const PASSWORD = 'shutdown-demo-password-1';

describe('SIGTERM stops the server gracefully', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sosa-shutdown-'));
  let database: Awaited<ReturnType<typeof createTestDatabaseUrl>> | null = null;
  let env: Record<string, string>;
  let server: ServerProcess;

  before(async () => {
    database = TEST_STORE === 'postgres' ? await createTestDatabaseUrl() : null;
    env = { SOSA_DEMO_PASSWORD: PASSWORD, ...(database ? { DATABASE_URL: database.url } : { SOSA_DATA_DIR: dir }) };
    server = await startServerProcess(['--demo', ...(database ? [] : ['--data', dir])], env);
  });
  after(async () => {
    await killHard(server);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the request in flight finish (201), refuses new connections, exits 0 with a verifying chain', async () => {
    const login = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'in.sosa', password: PASSWORD }) });
    assert.equal(login.status, 200);
    const { token } = (await login.json()) as { token: string };

    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const body = JSON.stringify(requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Submitted across a shutdown' }));
    // Expect: 100-continue: the server's "continue" says it has read the headers, so the request
    // is in flight on the server when the signal is sent; its body follows only after the signal.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/api/v1/requests', server.url);
      const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' } });
      req.on('continue', () => {
        server.child.kill('SIGTERM');
        // The server says it is shutting down once its listener is closed.
        const wait = setInterval(() => {
          if (!/shutting down/.test(server.output())) return;
          clearInterval(wait);
          fetch(`${server.url}/api/v1/health`).then(
            () => reject(new Error('a new connection was accepted during the shutdown')),
            () => req.end(body),
          );
        }, 20);
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    assert.equal(answer.status, 201, answer.body);
    const id = (JSON.parse(answer.body) as { id: string }).id;
    assert.equal(await exited, 0, server.output());
    assert.match(server.output(), /SOSA Desk stopped\./);

    // The write is there, and no event waits unchained: the shutdown sequenced the queue.
    const store = await openStore(database ? { databaseUrl: database.url } : { dataDir: dir, lock: true });
    try {
      assert.ok(await store.db.selectFrom('requests').select('id').where('id', '=', id).executeTakeFirst());
      assert.equal(await pendingAuditCount(store.db), 0);
    } finally {
      await store.close();
    }
    const verify = await sosa(['audit', 'verify', ...(database ? [] : ['--data', dir])], env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /Audit log verified: \d+ events, chain intact\./);
  });
});
