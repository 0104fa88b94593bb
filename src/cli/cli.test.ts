// One store: the real command on an embedded data folder, whichever store the suite tests.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../store/database.js';

// The real `sosa` command, as a child process, on a temporary embedded data folder. The steps
// build on each other and run in order.

const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');
const DEMO_PASSWORD = 'cli-demo-password-1';
const ADMIN_PASSWORD = 'cli-admin-password-12';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a fresh shell: no DATABASE_URL (the data folder is used), no test-runner variables. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  for (const key of ['DATABASE_URL', 'SOSA_DATA_DIR', 'SOSA_DEMO_PASSWORD', 'SOSA_ADMIN_PASSWORD', 'PORT', 'HOST', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS']) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

function start(args: string[], extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: childEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
}

function sosa(args: string[], extra: Record<string, string> = {}, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = start(args, extra);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sosa ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const show = (run: Run) => `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;

describe('the sosa CLI on an embedded data folder', () => {
  let dir: string;
  let server: ChildProcess | null = null;
  let eventCount = 0;
  let checkpoint = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sosa-cli-test-'));
  });
  after(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrate creates the database and applies the migrations', async () => {
    const run = await sosa(['migrate', '--data', dir]);
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /Applied: 0001-foundation/);
    const again = await sosa(['migrate', '--data', dir]);
    assert.equal(again.code, 0, show(again));
    assert.match(again.stdout, /Database is up to date\./);
  });

  it('seed --demo creates the demo users with SOSA_DEMO_PASSWORD (and prints no password)', async () => {
    const run = await sosa(['seed', '--demo', '--data', dir], { SOSA_DEMO_PASSWORD: DEMO_PASSWORD });
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /Demo users: in\.sosa, .*us\.sosa/);
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(DEMO_PASSWORD));
  });

  it('audit verify exits 0 and prints the event count', async () => {
    const run = await sosa(['audit', 'verify', '--data', dir]);
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /^Audit log verified: 0 events, chain intact/m);
  });

  it('admin create refuses a password shorter than 12 characters', async () => {
    const run = await sosa(['admin', 'create', '--data', dir, '--username', 'in.short', '--nation', 'IN', '--organisation', 'Ministry of Defence'], { SOSA_ADMIN_PASSWORD: 'too-short' });
    assert.equal(run.code, 2, show(run));
    assert.match(run.stderr, /at least 12 characters/);
  });

  it('admin create refuses a weak password and an auditor who is also admin or officer, naming the field (#10.10, #10.7)', async () => {
    const args = (roles: string) => ['admin', 'create', '--data', dir, '--username', 'in.weak', '--nation', 'IN', '--organisation', 'Ministry of Defence', '--roles', roles];
    for (const [password, why] of [['aaaaaaaaaaaa', /repeat/], ['in.weak-password', /username/], ['password1234', /common/]] as const) {
      const run = await sosa(args('admin'), { SOSA_ADMIN_PASSWORD: password });
      assert.equal(run.code, 2, show(run));
      assert.match(run.stderr, /password: /);
      assert.match(run.stderr, why);
    }
    for (const roles of ['admin,auditor', 'auditor,sosa_officer', 'rating_authority,auditor']) {
      const run = await sosa(args(roles), { SOSA_ADMIN_PASSWORD: ADMIN_PASSWORD });
      assert.equal(run.code, 2, show(run));
      assert.match(run.stderr, /roles: .*auditor/);
    }
  });

  it('admin create with SOSA_ADMIN_PASSWORD creates the user and audits it', async () => {
    const run = await sosa(
      ['admin', 'create', '--data', dir, '--username', 'IN.Admin2', '--nation', 'in', '--organisation', 'Department of Defence Production', '--roles', 'admin,analyst'],
      { SOSA_ADMIN_PASSWORD: ADMIN_PASSWORD },
    );
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /Created IN\.Admin2 \(admin, analyst\) in Department of Defence Production, IN\./);
    const store = await openStore({ dataDir: dir, lock: true });
    try {
      const user = await store.db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.id', 'users.nation', 'users.roles', 'organisations.name', 'organisations.kind']).where('username', '=', 'in.admin2').executeTakeFirstOrThrow();
      assert.deepEqual({ nation: user.nation, roles: user.roles, org: user.name, kind: user.kind }, { nation: 'IN', roles: ['admin', 'analyst'], org: 'Department of Defence Production', kind: 'ministry' });
      const events = await store.db.selectFrom('audit_events').select(['seq', 'action', 'entity_id']).execute();
      assert.deepEqual(events, [{ seq: 1, action: 'user.create', entity_id: user.id }]);
    } finally {
      await store.close();
    }
    const verify = await sosa(['audit', 'verify', '--data', dir]);
    assert.equal(verify.code, 0, show(verify));
    assert.match(verify.stdout, /Audit log verified: 1 events, chain intact/);
  });

  it('--json: admin create prints the user it made, audit verify its verdict (a script reads them without parsing sentences)', async () => {
    const made = await sosa(['admin', 'create', '--data', dir, '--username', 'us.json', '--nation', 'US', '--organisation', 'Department of Defense', '--roles', 'analyst', '--json'], { SOSA_ADMIN_PASSWORD: ADMIN_PASSWORD });
    assert.equal(made.code, 0, show(made));
    const user = JSON.parse(made.stdout) as { id: string; username: string; nation: string; roles: string[] };
    assert.deepEqual({ username: user.username, nation: user.nation, roles: user.roles }, { username: 'us.json', nation: 'US', roles: ['analyst'] });
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    const verdict = await sosa(['audit', 'verify', '--data', dir, '--json']);
    assert.equal(verdict.code, 0, show(verdict));
    const v = JSON.parse(verdict.stdout) as { ok: boolean; count: number; checkpoint: string };
    assert.equal(v.ok, true);
    assert.ok(v.count >= 1);
    assert.match(v.checkpoint, new RegExp(`^${v.count}:[0-9a-f]{64}$`));
    const wrong = await sosa(['audit', 'verify', '--data', dir, '--json', '--expect', `${v.count}:${'0'.repeat(64)}`]);
    assert.equal(wrong.code, 1, 'a failed check exits 1 with --json too');
    assert.equal((JSON.parse(wrong.stdout) as { ok: boolean; checkpointMatched: boolean }).checkpointMatched, false);
  });

  it('a second process on a folder locked by a running serve is refused with a clear message', async () => {
    server = start(['serve', '--data', dir, '--port', '0']);
    const [url, location] = await new Promise<[string, string]>((resolvePromise, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start in 120 s\n${out}\n${err}`)), 120_000);
      server!.stderr!.on('data', (chunk) => (err += chunk));
      server!.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /running at (http:\/\/\S+) \(embedded PGlite in (.+)\)\./.exec(out);
        if (match) {
          clearTimeout(timer);
          resolvePromise([match[1]!, match[2]!]);
        }
      });
      server!.on('exit', (code) => reject(new Error(`serve exited with ${code}\n${out}\n${err}`)));
    });
    assert.equal(location, dir);

    // Some audited activity through the API of the running server: logins and a request.
    const login = async (username: string, password: string) => {
      const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      assert.equal(res.status, 200, `${username}: ${await res.clone().text()}`);
      return ((await res.json()) as { token: string }).token;
    };
    await login('in.admin2', ADMIN_PASSWORD);
    const token = await login('in.sosa', DEMO_PASSWORD);
    const created = await fetch(`${url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        toNation: 'US',
        title: 'F414 engine turbine blades for LCA Mk2 engine line',
        programId: 'IN-LCA-MK2-ENGINE',
        justification: 'Blades for the first production lot of F414-INS6 engines.',
        urgency: 'routine',
        classification: 'UNCLASSIFIED',
        requiredBy: '2027-03-31',
        items: [{ partNumber: 'F414-HPT-BLADE-1', description: 'High-pressure turbine blade, stage 1', quantity: 40, unit: 'EA', requiredDeliveryDate: '2027-03-31' }],
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());

    const refused = await sosa(['audit', 'verify', '--data', dir]);
    assert.notEqual(refused.code, 0, show(refused));
    assert.match(refused.stderr, new RegExp(`The data folder .* is in use by process ${server.pid}\\. Only one process may open an embedded data folder`));
    assert.doesNotMatch(refused.stdout, /Audit log verified/);
    assert.match(refused.stderr, /sosa audit verify --url/, 'the refusal says how to verify through the running server');

    // Through the running server, as an auditor: the chain is verified online, without stopping it.
    const auditorToken = await login('in.auditor', DEMO_PASSWORD);
    const online = await sosa(['audit', 'verify', '--url', url], { SOSA_TOKEN: auditorToken });
    assert.equal(online.code, 0, show(online));
    assert.match(online.stdout, /^Audit log verified: \d+ events, chain intact/m);
    const onlineCheckpoint = /Checkpoint .*: (\d+:[0-9a-f]{64})$/m.exec(online.stdout);
    assert.ok(onlineCheckpoint, show(online));
    const wrong = `${onlineCheckpoint[1]!.split(':')[0]}:${'0'.repeat(64)}`;
    const mismatch = await sosa(['audit', 'verify', '--url', url, '--expect', wrong], { SOSA_TOKEN: auditorToken });
    assert.equal(mismatch.code, 1, show(mismatch));
    assert.doesNotMatch(mismatch.stdout, /verified|chain intact|Checkpoint/i, 'a failed check prints no success and no fresh checkpoint');
    assert.match(mismatch.stderr, /NOT verified/);
    const notAuditor = await sosa(['audit', 'verify', '--url', url], { SOSA_TOKEN: token });
    assert.equal(notAuditor.code, 2, show(notAuditor));

    const exited = new Promise<number | null>((resolvePromise) => server!.once('exit', (code) => resolvePromise(code)));
    server.kill('SIGTERM');
    assert.equal(await exited, 0, 'serve stops cleanly on SIGTERM');
    server = null;

    // The lock went with the server: the folder opens again.
    const verify = await sosa(['audit', 'verify', '--data', dir]);
    assert.equal(verify.code, 0, show(verify));
    const count = /Audit log verified: (\d+) events, chain intact/.exec(verify.stdout);
    assert.ok(count, show(verify));
    eventCount = Number(count[1]);
    assert.ok(eventCount >= 4, `the logins and the request were audited: ${eventCount} events`);
    const printed = /Checkpoint .*: (\d+:[0-9a-f]{64})$/m.exec(verify.stdout);
    assert.ok(printed, show(verify));
    checkpoint = printed[1]!;
    const anchored = await sosa(['audit', 'verify', '--data', dir, '--expect', checkpoint]);
    assert.equal(anchored.code, 0, show(anchored));
    assert.match(anchored.stdout, new RegExp(`Checkpoint ${eventCount} matched`));
  });

  it('audit verify --expect catches the newest events deleted, which the chain alone cannot', async () => {
    const store = await openStore({ dataDir: dir, lock: true });
    try {
      await store.db.transaction().execute(async (trx) => {
        await sql`alter table audit_events disable trigger user`.execute(trx);
        await sql`delete from audit_events where seq = ${eventCount}`.execute(trx);
        await sql`alter table audit_events enable trigger user`.execute(trx);
      });
    } finally {
      await store.close();
    }
    const plain = await sosa(['audit', 'verify', '--data', dir]);
    assert.equal(plain.code, 0, show(plain));
    const anchored = await sosa(['audit', 'verify', '--data', dir, '--expect', checkpoint]);
    assert.equal(anchored.code, 1, show(anchored));
    assert.match(anchored.stderr, new RegExp(`event ${eventCount} of the checkpoint is gone: the log was truncated`));
    assert.doesNotMatch(anchored.stdout, /verified|chain intact|Checkpoint/i, 'a failed --expect prints no success and no fresh checkpoint');
    assert.match(anchored.stderr, /Audit log NOT verified/);
    eventCount -= 1;
  });

  it('audit verify exits 1 naming the event tampered with directly in the data folder', async () => {
    const bad = Math.ceil(eventCount / 2);
    const store = await openStore({ dataDir: dir, lock: true });
    try {
      const { total } = await store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      assert.equal(total, eventCount, 'audit verify counted every event');
      await assert.rejects(sql`update audit_events set actor = 'someone.else' where seq = ${bad}`.execute(store.db), /append-only: UPDATE refused/);
      await store.db.transaction().execute(async (trx) => {
        await sql`alter table audit_events disable trigger user`.execute(trx);
        const changed = await sql`update audit_events set data = data || '{"tampered": true}'::jsonb where seq = ${bad}`.execute(trx);
        assert.equal(changed.numAffectedRows, 1n);
        await sql`alter table audit_events enable trigger user`.execute(trx);
      });
    } finally {
      await store.close();
    }
    const run = await sosa(['audit', 'verify', '--data', dir]);
    assert.equal(run.code, 1, show(run));
    assert.match(run.stderr, new RegExp(`Audit log BROKEN at event ${bad}: event ${bad} was altered: its content does not match its hash\\. ${bad - 1} events before it verified\\.`));
    assert.doesNotMatch(run.stdout, /Audit log verified/);
  });
});
