// One store: `sosa serve --demo` on an embedded data folder, whichever store the suite tests.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fillWithMigratedDatabase } from '../testing/test-store.js';

// `sosa serve --demo` twice on one data folder, as `npm start` does after a restart (issue #11
// item 16): without SOSA_DEMO_PASSWORD the password printed at the first start still signs in
// after the second, and the file that keeps it is readable by its owner only. The first start
// also seeds the month of demo life; the second finds it and adds nothing.

const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  for (const key of ['DATABASE_URL', 'SOSA_DATA_DIR', 'SOSA_DEMO_PASSWORD', 'PORT', 'HOST', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS']) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

interface Served {
  child: ChildProcess;
  url: string;
  stdout: string;
}

/** Starts `sosa serve --demo` and waits for its start lines (address and demo password). */
function serve(dir: string, extra: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--data', dir, '--port', '0'], { env: childEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in 180 s\n${out}\n${err}`));
    }, 180_000);
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /running at (http:\/\/\S+) /.exec(out)?.[1];
      if (url && /Demo password.*\n/.test(out)) {
        clearTimeout(timer);
        resolvePromise({ child, url, stdout: out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}\n${out}\n${err}`));
    });
  });
}

async function stop(s: Served): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

const printedPassword = (stdout: string) => /Demo password[^:]*: (\S+)/.exec(stdout)?.[1];

async function signIn(url: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  await res.body?.cancel();
  return res.status;
}

/** How many requests us.sosa sees (both directions of the demo). */
async function countRequests(url: string, password: string): Promise<number> {
  const login = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'us.sosa', password }) });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${url}/api/v1/requests?limit=200`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { total: number }).total;
}

describe('the demo password of a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sosa-demo-password-'));
  const running: Served[] = [];
  // A new folder's initdb and migrations are cli.test.ts's and the demo federation's subject.
  before(() => fillWithMigratedDatabase(dir));
  after(() => {
    for (const s of running) s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the same after a restart without SOSA_DEMO_PASSWORD, kept 0600 in the folder; SOSA_DEMO_PASSWORD still wins', async () => {
    const first = await serve(dir);
    running.push(first);
    const password = printedPassword(first.stdout);
    assert.ok(password && password.length >= 12, first.stdout);
    assert.equal(await signIn(first.url, 'in.sosa', password), 200);
    // The first start seeds the month of demo life, a line per story; the second finds it.
    assert.match(first.stdout, /Demo life: \d+ stories of the last month seeded/);
    const requestsAtFirst = await countRequests(first.url, password);
    assert.ok(requestsAtFirst > 10, `demo life requests: ${requestsAtFirst}`);
    await stop(first);

    const second = await serve(dir);
    running.push(second);
    assert.equal(printedPassword(second.stdout), password, `the same password is printed again:\n${second.stdout}`);
    assert.equal(await signIn(second.url, 'in.sosa', password), 200, 'the first start’s password still signs in');
    assert.match(second.stdout, /Demo life: already seeded; nothing added/);
    assert.equal(await countRequests(second.url, password), requestsAtFirst, 'a second start adds no request');
    await stop(second);
    assert.equal(statSync(join(dir, 'demo-password')).mode & 0o777, 0o600, 'only the owner reads the kept password');

    // The variable overrides the kept password (and the kept one no longer signs in while it does).
    const chosen = await serve(dir, { SOSA_DEMO_PASSWORD: 'chosen-demo-password-9' });
    running.push(chosen);
    assert.match(chosen.stdout, /Demo password: the value of SOSA_DEMO_PASSWORD/);
    assert.equal(await signIn(chosen.url, 'in.sosa', 'chosen-demo-password-9'), 200);
    assert.equal(await signIn(chosen.url, 'in.sosa', password), 401);
    await stop(chosen);
  });
});
