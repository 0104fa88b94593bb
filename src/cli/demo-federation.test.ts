// One store: `sosa demo federation` runs two embedded instances by design.
// Issue #13, "Try it": the command a newcomer runs to see two sovereign instances. It starts a US
// and an Indian `sosa serve`, each with its own data folder and key, peered with each other; each
// instance signs in its demo users; what one desk shares reaches the other as a signed
// message; Ctrl-C stops both.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from '../testing/free-port.js';
import { requestBody } from '../testing/request-builders.js';

const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');
const PASSWORD = 'demo-federation-test-password';
const dir = mkdtempSync(join(tmpdir(), 'sosa-demo-federation-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Demo {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the command and waits for its closing instructions (both instances up and peered). */
async function startDemo(ports: { us: number; in: number }): Promise<Demo> {
  const child = spawn(process.execPath, [BIN, 'demo', 'federation', '--dir', dir, '--us-port', String(ports.us), '--in-port', String(ports.in)], {
    // SOSA_TEST_BUILD emptied: the demo runs the sources through tsx, as a newcomer's `npx sosa` does.
    env: { ...process.env, SOSA_TEST_BUILD: '', SOSA_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', SCHEDULER_INTERVAL_SECONDS: '3600' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the demo did not start in 120 s:\n${output}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ctrl-C stops both/.test(output)) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the demo stopped (exit ${code}) before it started:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

async function call(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await call(base, null, 'POST', '/session', { username, password: PASSWORD });
  assert.equal(res.status, 200, `${username} signs in at ${base}: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

describe('sosa demo federation: two peered instances on this machine (issue #13)', { timeout: 300_000 }, () => {
  it('starts a US and an Indian desk, each with its own users, peered; a posture set on one reaches the other; Ctrl-C stops both', async () => {
    const ports = { us: await freePort(), in: await freePort() };
    const us = `http://127.0.0.1:${ports.us}`;
    const india = `http://127.0.0.1:${ports.in}`;
    const demo = await startDemo(ports);
    try {
      assert.match(demo.output(), new RegExp(`the US desk \\(US\\): ${us}`));
      assert.match(demo.output(), new RegExp(`the Indian desk \\(IN\\): ${india}`));
      assert.deepEqual(readdirSync(dir).sort(), ['in-data', 'in-keys', 'us-data', 'us-keys'], 'a data folder and a key ring per nation');

      const usSosa = await signIn(us, 'us.sosa');
      const inSosa = await signIn(india, 'in.sosa');
      assert.deepEqual((await call(us, usSosa, 'GET', '/reference')).body.instance, { nation: 'US', peers: ['IN'] });
      assert.deepEqual((await call(india, inSosa, 'GET', '/reference')).body.instance, { nation: 'IN', peers: ['US'] });

      // Each desk seeds only the shared demo records its nation keeps and sends them to the other
      // (--demo-own-nation): one working group, held by the US; the US's internal thread stays home.
      const groupsOn = async (base: string, token: string) => ((await call(base, token, 'GET', '/working-groups')).body.items as Array<{ name: string }>).map((g) => g.name);
      let indiaGroups: string[] = [];
      for (let waited = 0; waited < 30_000 && indiaGroups.length === 0; waited += 250) {
        indiaGroups = await groupsOn(india, inSosa);
        if (indiaGroups.length === 0) await new Promise((r) => setTimeout(r, 250));
      }
      assert.deepEqual(indiaGroups, await groupsOn(us, usSosa), 'India reads the US working group, once');
      assert.equal(indiaGroups.length, 1);
      // Threads are sent after working groups (share-existing-with-peer.ts): the shared one may still be on its way.
      const SHARED_THREAD = 'US–India SOSA: points of contact and working hours';
      const threadsOn = async () => ((await call(india, inSosa, 'GET', '/threads')).body.items as Array<{ title: string }>).map((t) => t.title);
      let indiaThreads = await threadsOn();
      for (let waited = 0; waited < 30_000 && !indiaThreads.includes(SHARED_THREAD); waited += 250) {
        await new Promise((r) => setTimeout(r, 250));
        indiaThreads = await threadsOn();
      }
      assert.ok(indiaThreads.includes(SHARED_THREAD), indiaThreads.join(', '));
      assert.ok(!indiaThreads.some((t) => t.startsWith('US only')), `no US-internal thread on the Indian desk: ${indiaThreads.join(', ')}`);

      const set = await call(us, usSosa, 'PUT', '/postures/US-IN', { posture: 'emergency', note: 'Demo federation test' });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      let received: { posture: string; history: Array<{ received: boolean; setByNation: string }> } | undefined;
      for (let waited = 0; waited < 30_000; waited += 250) {
        const postures = await call(india, inSosa, 'GET', '/postures');
        received = postures.body.items.find((p: { arrangementId: string }) => p.arrangementId === 'US-IN');
        if (received?.posture === 'emergency') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(received?.posture, 'emergency', 'the US posture reached the Indian desk');
      assert.deepEqual({ received: received!.history[0]!.received, nation: received!.history[0]!.setByNation }, { received: true, nation: 'US' });

      // A request submitted on the Indian desk is held by the US desk; India's copy takes its reference.
      const submitted = await call(india, inSosa, 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Submitted on the Indian desk' }));
      assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
      let reference = '';
      for (let waited = 0; waited < 30_000 && !reference; waited += 250) {
        reference = (await call(india, inSosa, 'GET', `/partner-copies/${submitted.body.id}`)).body.request?.reference ?? '';
        if (!reference) await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(reference, /^SOSA-IN-US-/, "the US desk's reference came back to the Indian copy");
      assert.equal((await call(us, usSosa, 'GET', `/requests/${submitted.body.id}`)).body.reference, reference);
    } finally {
      demo.child.kill('SIGINT');
    }
    assert.equal(await demo.exited, 0, `Ctrl-C stops the demo cleanly:\n${demo.output()}`);
    for (const base of [us, india]) await assert.rejects(fetch(`${base}/api/v1/health`), `nothing answers at ${base} after Ctrl-C`);

  });
});
