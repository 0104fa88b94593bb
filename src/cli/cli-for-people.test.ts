// One store: the CLI talks to the server through the API; the API's own tests run on both stores.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sosa } from '../testing/run-sosa-cli.js';
import { useDemoServer } from '../testing/demo-server.js';

const PASSWORD = 'cli-people-password';
const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');

// One forge feeds five end items of five programs (a single point of failure of all five, shown
// as three and a count); a bearing plant with 400 days of stock feeds one of them (its loss
// costs nothing). Values are in Indian rupees.
const PROGRAMS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
const FAN_OUT_NETWORK = {
  name: 'Shared forge network',
  currency: 'INR',
  nodes: [
    { id: 'Shared forge', kind: 'site', part: 'Forging', country: 'IN', capacityPerDay: 10, ttrDays: 60, unitCost: 1000 },
    { id: 'Stocked bearings', kind: 'site', part: 'Bearing', country: 'US', capacityPerDay: 10, inventory: { unit: 'days', amount: 400 }, ttrDays: 30, unitCost: 10 },
    ...PROGRAMS.map((p) => ({ id: `${p} assembly`, kind: 'endItem', part: `${p} unit`, country: 'IN', capacityPerDay: 2, demandPerDay: 1, ttrDays: 30, unitCost: 50_000, programs: [`P-${p}`] })),
  ],
  edges: [...PROGRAMS.map((p) => ({ from: 'Shared forge', to: `${p} assembly`, quantity: 1 })), { from: 'Stocked bearings', to: 'Alpha assembly', quantity: 1 }],
};

describe('the sosa command for people: login, network list, readable tables, --json', () => {
  const server = useDemoServer(PASSWORD);
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sosa-cli-people-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const freshConfig = () => mkdtempSync(join(dir, 'config-'));
  const me = (token: string) => fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  it('sosa login reads the password from standard input and keeps the token in the config folder (0600); later commands use it; logout revokes and deletes it', async () => {
    const config = freshConfig();
    const env = { XDG_CONFIG_HOME: config, SOSA_URL: server.url, SOSA_TOKEN: '' };
    const login = await sosa(['login', '--username', 'in.analyst'], env, `${PASSWORD}\n`);
    assert.equal(login.code, 0, login.stdout + login.stderr);
    assert.match(login.stdout, new RegExp(`Logged in to ${server.url.replace(/[.]/g, '\\.')} as in\\.analyst`));
    assert.doesNotMatch(login.stdout + login.stderr, new RegExp(PASSWORD));
    // --json: who, where and until when — never the token itself.
    const asJson = await sosa(['login', '--username', 'in.analyst', '--json'], { ...env, XDG_CONFIG_HOME: freshConfig() }, `${PASSWORD}\n`);
    assert.equal(asJson.code, 0, asJson.stderr);
    const session = JSON.parse(asJson.stdout) as { username: string; nation: string; roles: string[]; expiresAt: string };
    assert.deepEqual({ username: session.username, nation: session.nation, roles: session.roles }, { username: 'in.analyst', nation: 'IN', roles: ['analyst'] });
    assert.ok(Date.parse(session.expiresAt) > Date.now());
    assert.doesNotMatch(asJson.stdout, /"token"/);

    const file = join(config, 'sosa-desk', 'credentials.json');
    assert.equal(statSync(file).mode & 0o777, 0o600, 'only the user may read the stored token');
    assert.equal(statSync(join(config, 'sosa-desk')).mode & 0o777, 0o700);
    const stored = readFileSync(file, 'utf8');
    const token = /"token":\s*"([^"]+)"/.exec(stored)?.[1];
    assert.ok(token, stored);
    assert.equal((await me(token!)).status, 200);

    const list = await sosa(['network', 'list'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^Name\s+Program\s+Nodes\s+Edges\s+End items/m);
    assert.match(list.stdout, /F414-INS6 engine co-production/);
    const listed = (await (await fetch(`${server.url}/api/v1/networks`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    assert.match(list.stdout, new RegExp(`^${listed.items.length} networks\\.$`, 'm'));
    assert.doesNotMatch(list.stdout, /\(index\)|'/, 'no console.table index column, no quoted strings');
    const json = await sosa(['network', 'list', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const items = JSON.parse(json.stdout) as Array<{ id: string; name: string; nodeCount: number }>;
    assert.ok(items.some((n) => n.name === 'F414-INS6 engine co-production' && n.nodeCount > 0));

    const logout = await sosa(['logout'], env);
    assert.equal(logout.code, 0, logout.stderr);
    assert.match(logout.stdout, /Logged out of .*: the token is revoked and deleted/);
    assert.equal(existsSync(file), false);
    assert.equal((await me(token!)).status, 401, 'the server no longer accepts the token');
    const after = await sosa(['network', 'list'], env);
    assert.equal(after.code, 2);
    assert.match(after.stderr, /Not logged in to .*: run `sosa login/);
  });

  it('a wrong password stores nothing, and a stored token is never sent to another server', async () => {
    const config = freshConfig();
    const env = { XDG_CONFIG_HOME: config, SOSA_URL: server.url, SOSA_TOKEN: '' };
    const wrong = await sosa(['login', '--username', 'in.analyst'], env, 'not-the-password\n');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /401/);
    assert.equal(existsSync(join(config, 'sosa-desk', 'credentials.json')), false);

    assert.equal((await sosa(['login', '--username', 'in.analyst'], env, `${PASSWORD}\n`)).code, 0);
    const seen: Array<string | undefined> = [];
    const other: Server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    try {
      const otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
      const refused = await sosa(['network', 'list', '--url', otherUrl], env);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, new RegExp(`Not logged in to ${otherUrl.replace(/[.]/g, '\\.')}`));
      assert.deepEqual(seen, [], 'nothing was sent to the other server');
    } finally {
      other.close();
    }
  });

  it('a password typed at a terminal is not echoed', { timeout: 60_000 }, async () => {
    const config = freshConfig();
    // `script` gives the command a real terminal; what the terminal shows comes back on stdout.
    const child = spawn('script', ['-qec', `${process.execPath} ${BIN} login --username in.analyst --url ${server.url}`, '/dev/null'], {
      env: { ...process.env, XDG_CONFIG_HOME: config, SOSA_TOKEN: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      if (/Password: $/.test(screen)) child.stdin.write(`${PASSWORD}\r`);
    });
    child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    child.stdin.destroy();
    assert.equal(code, 0, screen);
    assert.match(screen, /Password: /);
    assert.match(screen, /Logged in to .* as in\.analyst/);
    assert.doesNotMatch(screen, new RegExp(PASSWORD), `the password appeared on the terminal:\n${screen}`);
    assert.ok(existsSync(join(config, 'sosa-desk', 'credentials.json')));
  });

  it('network analyse prints tables for people: no index column or quotes, programs beyond three counted, "1 disruption"', { timeout: 120_000 }, async () => {
    const env = { SOSA_URL: server.url, SOSA_TOKEN: await server.token('in.analyst') };
    const { currency: _inr, ...plain } = FAN_OUT_NETWORK;
    const res = await fetch(`${server.url}/api/v1/networks`, { method: 'POST', headers: { authorization: `Bearer ${env.SOSA_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ format: 'json', network: plain }) });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };

    const structural = await sosa(['network', 'analyse', id], env);
    assert.equal(structural.code, 0, structural.stderr);
    assert.match(structural.stdout, /^Node\s+Country\s+End items\s+Programs$/m);
    assert.match(structural.stdout, /^Shared forge\s+IN\s+5\s+P-Alpha, P-Bravo, P-Charlie \+2 more$/m);
    assert.doesNotMatch(structural.stdout, /\(index\)|'/);

    const fire = join(dir, 'fire.json');
    writeFileSync(fire, JSON.stringify({ kind: 'custom', name: 'Forge fire', events: [{ type: 'siteOut', nodeIds: ['Shared forge'], days: 30 }] }));
    const scenario = await sosa(['network', 'analyse', id, '--scenario', fire], env);
    assert.equal(scenario.code, 0, scenario.stderr);
    assert.match(scenario.stdout, /^Forge fire: 1 disruption, horizon 365 days/m);
    assert.match(scenario.stdout, /^Disruption\s+Survives for\s+Out for\s+Survives\s+Lost value$/m);
    assert.doesNotMatch(scenario.stdout, /\(index\)|'|disruptions/);
  });

  it('lost value and mitigations in the network currency, no mitigation row that reduces nothing; --json on import', { timeout: 120_000 }, async () => {
    const env = { SOSA_URL: server.url, SOSA_TOKEN: await server.token('in.analyst') };
    const file = join(dir, 'fan-out.json');
    writeFileSync(file, JSON.stringify(FAN_OUT_NETWORK));
    const imported = await sosa(['network', 'import', file, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    const { id, name } = JSON.parse(imported.stdout) as { id: string; name: string };
    assert.equal(name, 'Shared forge network');

    const fire = join(dir, 'fire.json');
    writeFileSync(fire, JSON.stringify({ kind: 'custom', name: 'Forge fire', events: [{ type: 'siteOut', nodeIds: ['Shared forge'], days: 30 }] }));
    const lossy = await sosa(['network', 'analyse', id, '--scenario', fire, '--budget', '100000000'], env);
    assert.equal(lossy.code, 0, lossy.stderr);
    assert.match(lossy.stdout, /^Shared forge\s+.*\sINR\s[1-9][\d,]*$/m, 'lost value shown with its currency');
    const table = lossy.stdout.slice(lossy.stdout.indexOf('\nMitigation '));
    assert.ok(table.length > 1, lossy.stdout);
    for (const row of table.split('\n').slice(3).filter((l) => l.trim())) {
      assert.doesNotMatch(row, /\sINR 0\s/, `a mitigation that reduces nothing is listed: ${row}`);
    }

    const strike = join(dir, 'strike.json');
    writeFileSync(strike, JSON.stringify({ kind: 'custom', name: 'Bearing plant strike', events: [{ type: 'siteOut', nodeIds: ['Stocked bearings'], days: 30 }] }));
    const harmless = await sosa(['network', 'analyse', id, '--scenario', strike, '--budget', '1000000'], env);
    assert.equal(harmless.code, 0, harmless.stderr);
    assert.match(harmless.stdout, /^Bearing plant strike: 1 disruption/m);
    assert.match(harmless.stdout, /No mitigation reduces the loss within the budget/);
    assert.doesNotMatch(harmless.stdout, /0\.00e\+0|Loss reduced/);
  });

  it('sosa schedule prints an aligned table without an index column or quotes', async () => {
    const env = { SOSA_URL: server.url, SOSA_TOKEN: await server.token('us.supplier') };
    const api = (path: string, body: unknown) => fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${env.SOSA_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const line = await api('/resources', { name: 'Blade line', capacityPerDay: 1 });
    assert.equal(line.status, 201, await line.text());
    const book = await api('/rated-orders/import', { csv: 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted\nU-1,Airline,,Blade line,10,2099-12-31,2026-01-05,true\nD-1,Navy,DO-A1,Blade line,5,2099-12-31,2026-01-06,true\n' });
    assert.equal(book.status, 201, await book.text());
    const run = await sosa(['schedule'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Order\s+Rating\s+Resource\s+Quantity\s+Required by\s+Projected\s+Days late$/m);
    assert.doesNotMatch(run.stdout, /\(index\)|'/);
  });
});
