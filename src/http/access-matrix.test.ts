import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../domain/workflows/workflow-definition.js';
import { addThirdNations, buildRequest, companyId, requestBody, upload, userId, type BuiltRequest, type Direction } from '../testing/request-builders.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.js';
import { ROUTE_CATALOG, type RouteAccess } from './route.js';

/**
 * The access matrix (DESIGN.md, reliability and security promises): every route of the catalog ×
 * every demo user (plus an officer of a third nation) × the records the route acts on. Each row
 * is written out by hand, so a route added to the catalog without a row here fails the test.
 */

interface DemoUser {
  username: string;
  nation: string;
  roles: readonly Role[];
  /** Short name of the user's company, for supplier users. */
  company: string | null;
}

const USERS: readonly DemoUser[] = [
  { username: 'in.sosa', nation: 'IN', roles: ['sosa_officer'], company: null },
  { username: 'in.admin', nation: 'IN', roles: ['admin'], company: null },
  { username: 'in.auditor', nation: 'IN', roles: ['auditor'], company: null },
  { username: 'in.analyst', nation: 'IN', roles: ['analyst'], company: null },
  { username: 'in.supplier', nation: 'IN', roles: ['supplier'], company: 'BPF' },
  { username: 'in.supplier2', nation: 'IN', roles: ['supplier'], company: 'DEA' },
  { username: 'us.sosa', nation: 'US', roles: ['sosa_officer'], company: null },
  { username: 'us.dod', nation: 'US', roles: ['program_determination'], company: null },
  { username: 'us.commerce', nation: 'US', roles: ['rating_authority'], company: null },
  { username: 'us.supplier', nation: 'US', roles: ['supplier'], company: 'LYNN-TURB' },
  { username: 'us.supplier2', nation: 'US', roles: ['supplier'], company: 'OHIO-CAST' },
  { username: 'us.auditor', nation: 'US', roles: ['auditor'], company: null },
  { username: 'us.admin', nation: 'US', roles: ['admin'], company: null },
  { username: 'us.analyst', nation: 'US', roles: ['analyst'], company: null },
  // Not a demo user: an officer of a nation neither demo nation is, added by addThirdNations.
  { username: 'gb.sosa', nation: 'GB', roles: ['sosa_officer'], company: null },
];

/** The records a probe acts on. */
interface Target {
  request?: BuiltRequest;
  /** A nation code (calendars) or the nation of the user acted on (user administration). */
  nation?: string;
}

interface Probe {
  method: string;
  path: string;
  expect: number;
  body?: unknown;
  /** Send a multipart attachment instead of JSON. */
  multipart?: boolean;
  /** No token at all (public routes). */
  anonymous?: boolean;
  /** Use a token of its own, because the call ends the session. */
  freshToken?: boolean;
  /** Prepare state the probe relies on (runs before the call). */
  setup?: () => Promise<void>;
  /** Checks on a successful answer's body. */
  check?: (body: any) => void;
}

interface Row {
  access: RouteAccess;
  targets: 'none' | 'requests' | 'nations' | 'networks';
  probe: (u: DemoUser, target: Target) => Probe;
}

const has = (u: DemoUser, ...roles: Role[]) => roles.some((r) => u.roles.includes(r));
/** Who writes comments and attachments: those who work requests; auditors, analysts and admins read. */
const notCorrespondent = (u: DemoUser) => !u.roles.some((r) => ['sosa_officer', 'program_determination', 'rating_authority', 'supplier'].includes(r));
/** The sovereignty rule: a party nation's user; a company user only on its own company's requests. */
const sees = (u: DemoUser, r: BuiltRequest) => (u.nation === r.fromNation || u.nation === r.toNation) && (u.company === null || r.companies.includes(u.company));

const OWN_REQUEST: Record<string, { to: string; program: string }> = { IN: { to: 'US', program: 'IN-LCA-MK2-ENGINE' }, US: { to: 'IN', program: 'US-SONOBUOY' }, GB: { to: 'JP', program: 'GB-TYPE26' } };
const MINISTRY: Record<string, string> = { IN: 'MoD-DGAcq', US: 'OASD(IBP)' };
const NATIONS = ['IN', 'US'];

/** A line named for the supplier's company, so a list shows whose rows it returns. */
const matrixLine = (u: DemoUser) => `Matrix line ${u.company}`;
async function ensureMatrixLine(u: DemoUser): Promise<void> {
  if (!u.company) return;
  const org = await companyId(testApp, u.company);
  await testApp.ctx.store.db.insertInto('production_resources').values({ id: randomUUID(), organisation_id: org, name: matrixLine(u), capacity_per_day: 2 }).onConflict((oc) => oc.doNothing()).execute();
}
const ORDER_BOOK_HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';
/** Order numbers of the matrix's imports: one per supplier user. */
const matrixOrder = (u: DemoUser) => `M-${u.username}`;
/** Only the supplier's own matrix orders appear among the matrix orders. */
const ownOrdersOnly = (u: DemoUser, numbers: string[]) => assert.ok(numbers.filter((n) => n.startsWith('M-')).every((n) => n === matrixOrder(u)), `${u.username} sees ${numbers.join(', ')}`);

/** Networks are national: the owner nation's analysts write; its analysts, SOSA officers and auditors read. */
const networkReader = (u: DemoUser) => has(u, 'analyst', 'sosa_officer', 'auditor');
const networkAnswer = (u: DemoUser, nation: string, roleOk: boolean, ok: number) => (!roleOk ? 403 : u.nation === nation ? ok : 404);
const TINY_NETWORK = { nodes: [{ id: 'steel', kind: 'part', country: 'IN' }, { id: 'shell', kind: 'endItem' }], edges: [{ from: 'steel', to: 'shell', quantity: 1 }] };
async function insertMatrixNetwork(id: string, nation: string): Promise<void> {
  await testApp.ctx.store.db
    .insertInto('supply_networks')
    .values({ id, nation, name: `Matrix network ${id}`, source_format: 'json', node_count: 2, edge_count: 1, end_item_count: 1, model: JSON.stringify(TINY_NETWORK), created_by: fixtures.analysts[nation]! })
    .execute();
}

let fixtures: {
  requests: BuiltRequest[];
  ministries: Record<string, string>;
  analysts: Record<string, string>;
  /** Per nation: a network and a finished (structural) analysis of it. */
  networks: Record<string, { id: string; analysisId: string }>;
};
let newUserSeq = 0;

/** One row per route, keyed "METHOD path" exactly as the catalog spells it. */
const MATRIX: Record<string, Row> = {
  'GET /health': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/health', expect: 200, anonymous: true }) },
  'POST /session': {
    access: 'public',
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/session', body: { username: u.username, password: TEST_PASSWORD }, expect: 200, anonymous: true, check: (b) => assert.equal(b.user.username, u.username) }),
  },
  'DELETE /session': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'DELETE', path: '/session', expect: 204, freshToken: true }) },
  'GET /me': {
    access: 'authenticated',
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: '/me', expect: 200, check: (b) => assert.deepEqual([b.username, b.nation, b.roles], [u.username, u.nation, u.roles]) }),
  },
  'GET /reference': {
    access: 'authenticated',
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/reference',
      expect: 200,
      check: (b) => {
        // Companies of the own nation only; a company sees only itself.
        assert.ok(b.companies.every((c: { nation: string }) => c.nation === u.nation));
        if (u.company) assert.deepEqual(b.companies.map((c: { shortName: string }) => c.shortName), [u.company]);
        assert.ok(b.arrangements.every((a: { nationA: string; nationB: string }) => a.nationA === u.nation || a.nationB === u.nation));
      },
    }),
  },
  'GET /requests': {
    access: 'authenticated',
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/requests?limit=200',
      expect: 200,
      check: (b) => {
        // The list filters in bulk exactly as the single read does.
        const listed = new Set(b.items.map((i: { id: string }) => i.id));
        for (const r of fixtures.requests) assert.equal(listed.has(r.id), sees(u, r), `${u.username} lists ${r.direction}: ${listed.has(r.id)}`);
      },
    }),
  },
  'POST /requests': {
    access: ['sosa_officer'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/requests', body: requestBody(OWN_REQUEST[u.nation]!.to, OWN_REQUEST[u.nation]!.program), expect: has(u, 'sosa_officer') ? 201 : 403 }),
  },
  'GET /requests/{id}': {
    access: 'authenticated',
    targets: 'requests',
    probe: (u, { request: r }) => ({ method: 'GET', path: `/requests/${r!.id}`, expect: sees(u, r!) ? 200 : 404 }),
  },
  'POST /requests/{id}/transitions': {
    access: 'authenticated',
    targets: 'requests',
    // A step of every workflow that no fixture is ready for: the requesting office gets 409 (wrong
    // state), other readers 403 (wrong role or side), everyone else 404. Nothing changes.
    probe: (u, { request: r }) => ({
      method: 'POST',
      path: `/requests/${r!.id}/transitions`,
      body: { action: 'confirm_receipt_and_close' },
      expect: !sees(u, r!) ? 404 : u.nation === r!.fromNation && has(u, 'sosa_officer') ? 409 : 403,
    }),
  },
  'POST /requests/{id}/comments': {
    access: 'authenticated',
    targets: 'requests',
    probe: (u, { request: r }) => ({ method: 'POST', path: `/requests/${r!.id}/comments`, body: { body: `matrix note by ${u.username}` }, expect: notCorrespondent(u) ? 403 : sees(u, r!) ? 201 : 404 }),
  },
  'POST /requests/{id}/attachments': {
    access: 'authenticated',
    targets: 'requests',
    probe: (u, { request: r }) => ({ method: 'POST', path: `/requests/${r!.id}/attachments`, multipart: true, expect: notCorrespondent(u) ? 403 : sees(u, r!) ? 201 : 404 }),
  },
  'GET /requests/{id}/attachments/{attachmentId}': {
    access: 'authenticated',
    targets: 'requests',
    probe: (u, { request: r }) => ({ method: 'GET', path: `/requests/${r!.id}/attachments/${r!.sharedAttachmentId}`, expect: sees(u, r!) ? 200 : 404 }),
  },
  'GET /users': {
    access: ['admin', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/users',
      expect: has(u, 'admin', 'auditor') ? 200 : 403,
      check: (b) => assert.ok(b.items.length > 0 && b.items.every((x: { nation: string }) => x.nation === u.nation), 'users of the own nation only'),
    }),
  },
  'POST /users': {
    access: ['admin'],
    targets: 'nations',
    // An admin creates users only in an organisation of its own nation.
    probe: (u, { nation }) => ({
      method: 'POST',
      path: '/users',
      body: { username: `matrix.user${++newUserSeq}`, displayName: 'Matrix user', password: 'a-long-enough-password', organisationId: fixtures.ministries[nation!], roles: ['analyst'] },
      expect: !has(u, 'admin') ? 403 : nation === u.nation ? 201 : 422,
    }),
  },
  'PATCH /users/{id}': {
    access: ['admin'],
    targets: 'nations',
    // A user of another nation does not exist for an admin (404).
    probe: (u, { nation }) => ({ method: 'PATCH', path: `/users/${fixtures.analysts[nation!]}`, body: { roles: ['analyst'] }, expect: !has(u, 'admin') ? 403 : nation === u.nation ? 200 : 404 }),
  },
  'GET /organisations': {
    access: ['admin', 'auditor', 'sosa_officer'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/organisations',
      expect: has(u, 'admin', 'auditor', 'sosa_officer') ? 200 : 403,
      check: (b) => assert.ok(b.items.every((o: { nation: string }) => o.nation === u.nation), 'organisations of the own nation only'),
    }),
  },
  'GET /calendars/{nation}': { access: 'authenticated', targets: 'nations', probe: (_u, { nation }) => ({ method: 'GET', path: `/calendars/${nation}?year=2027`, expect: 200 }) },
  'PATCH /calendars/{nation}': {
    access: ['admin'],
    targets: 'nations',
    // An empty change: only whether the call is allowed matters here.
    probe: (u, { nation }) => ({ method: 'PATCH', path: `/calendars/${nation}`, body: {}, expect: has(u, 'admin') && nation === u.nation ? 200 : 403 }),
  },
  'POST /calendars/{nation}/holidays': {
    access: ['admin'],
    targets: 'nations',
    probe: (u, { nation }) => ({ method: 'POST', path: `/calendars/${nation}/holidays`, body: { date: '2027-01-04', name: 'Matrix closure' }, expect: has(u, 'admin') && nation === u.nation ? 201 : 403 }),
  },
  'DELETE /calendars/{nation}/holidays/{date}': {
    access: ['admin'],
    targets: 'nations',
    probe: (u, { nation }) => ({
      method: 'DELETE',
      path: `/calendars/${nation}/holidays/2027-01-05`,
      expect: has(u, 'admin') && nation === u.nation ? 204 : 403,
      setup: async () => {
        await testApp.ctx.store.db.insertInto('calendar_holidays').values({ nation: nation!, date: '2027-01-05', kind: 'added', name: 'Matrix closure' }).onConflict((oc) => oc.doNothing()).execute();
        testApp.ctx.calendars.invalidate(nation!);
      },
    }),
  },
  'GET /audit': {
    access: ['auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/audit?limit=500',
      expect: has(u, 'auditor') ? 200 : 403,
      check: (b) => assert.ok(b.items.length > 0 && b.items.every((e: { nation: string }) => e.nation === u.nation), 'audit events of the own nation only'),
    }),
  },
  'GET /resources': {
    access: ['supplier'],
    targets: 'none',
    // A supplier lists its own company's lines only (each supplier company has one matrix line).
    probe: (u) => ({
      method: 'GET',
      path: '/resources',
      expect: has(u, 'supplier') ? 200 : 403,
      setup: () => ensureMatrixLine(u),
      check: (b) => assert.deepEqual(b.items.map((r: { name: string }) => r.name).filter((n: string) => n.startsWith('Matrix line')), [matrixLine(u)]),
    }),
  },
  'POST /resources': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/resources', body: { name: `Matrix press ${u.username}`, capacityPerDay: 3 }, expect: has(u, 'supplier') ? 201 : 403 }),
  },
  'POST /rated-orders/import': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({
      method: 'POST',
      path: '/rated-orders/import',
      body: { csv: `${ORDER_BOOK_HEADER}\n${matrixOrder(u)},Matrix customer,DO-A1,${matrixLine(u)},2,2027-01-15,2026-11-20,true\n` },
      expect: has(u, 'supplier') ? 201 : 403,
      setup: () => ensureMatrixLine(u),
    }),
  },
  'GET /rated-orders': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: '/rated-orders', expect: has(u, 'supplier') ? 200 : 403, check: (b) => ownOrdersOnly(u, b.items.map((o: { orderNumber: string }) => o.orderNumber)) }),
  },
  'GET /schedules/mine': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: '/schedules/mine', expect: has(u, 'supplier') ? 200 : 403, check: (b) => ownOrdersOnly(u, b.orders.map((o: { orderNumber: string }) => o.orderNumber)) }),
  },
  'POST /networks': {
    access: ['analyst'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/networks', body: { name: `Matrix import ${u.username}`, network: TINY_NETWORK }, expect: has(u, 'analyst') ? 201 : 403 }),
  },
  'GET /networks': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/networks',
      expect: networkReader(u) ? 200 : 403,
      check: (b) => {
        const ids = new Set(b.items.map((i: { id: string }) => i.id));
        for (const nation of NATIONS) assert.equal(ids.has(fixtures.networks[nation]!.id), nation === u.nation, `${u.username} lists the ${nation} network: ${ids.has(fixtures.networks[nation]!.id)}`);
      },
    }),
  },
  'GET /networks/{id}': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'networks',
    probe: (u, { nation }) => ({ method: 'GET', path: `/networks/${fixtures.networks[nation!]!.id}`, expect: networkAnswer(u, nation!, networkReader(u), 200), check: (b) => assert.deepEqual(b.actions, has(u, 'analyst') ? ['analyse', 'delete'] : []) }),
  },
  'DELETE /networks/{id}': {
    access: ['analyst'],
    targets: 'networks',
    // A network made for this probe, so the fixtures stay.
    probe: (u, { nation }) => {
      const id = randomUUID();
      return { method: 'DELETE', path: `/networks/${id}`, expect: networkAnswer(u, nation!, has(u, 'analyst'), 204), setup: () => insertMatrixNetwork(id, nation!) };
    },
  },
  'POST /networks/{id}/analyses': {
    access: ['analyst'],
    targets: 'networks',
    probe: (u, { nation }) => ({ method: 'POST', path: `/networks/${fixtures.networks[nation!]!.id}/analyses`, body: { kind: 'structural' }, expect: networkAnswer(u, nation!, has(u, 'analyst'), 201) }),
  },
  'GET /networks/{id}/analyses': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'networks',
    probe: (u, { nation }) => ({ method: 'GET', path: `/networks/${fixtures.networks[nation!]!.id}/analyses`, expect: networkAnswer(u, nation!, networkReader(u), 200), check: (b) => assert.ok(b.items.some((a: { id: string }) => a.id === fixtures.networks[nation!]!.analysisId)) }),
  },
  'GET /networks/{id}/analyses/{analysisId}': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'networks',
    probe: (u, { nation }) => ({ method: 'GET', path: `/networks/${fixtures.networks[nation!]!.id}/analyses/${fixtures.networks[nation!]!.analysisId}`, expect: networkAnswer(u, nation!, networkReader(u), 200), check: (b) => assert.equal(b.status, 'done') }),
  },
  'POST /networks/{id}/analyses/{analysisId}/cancel': {
    access: ['analyst'],
    targets: 'networks',
    // The fixture analysis has ended: its own nation's analyst gets 409, nothing changes.
    probe: (u, { nation }) => ({ method: 'POST', path: `/networks/${fixtures.networks[nation!]!.id}/analyses/${fixtures.networks[nation!]!.analysisId}/cancel`, expect: networkAnswer(u, nation!, has(u, 'analyst'), 409) }),
  },
  'GET /scenarios': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/scenarios',
      expect: networkReader(u) ? 200 : 403,
      check: (b) => assert.ok(b.saved.every((s: { name: string }) => !s.name.startsWith('Matrix scenario') || s.name.endsWith(`(${u.nation})`)), 'saved scenarios of the own nation only'),
    }),
  },
  'POST /scenarios': {
    access: ['analyst'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/scenarios', body: { scenario: { kind: 'peacetime', name: `Matrix scenario (${u.nation})` } }, expect: has(u, 'analyst') ? 201 : 403 }),
  },
  'GET /openapi.json': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/openapi.json', expect: 200, anonymous: true }) },
};

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

let testApp: TestApp;

function targetsOf(row: Row, u: DemoUser): Target[] {
  if (row.targets === 'requests') return fixtures.requests.map((request) => ({ request }));
  if (row.targets === 'nations') return [...new Set([u.nation, ...NATIONS])].filter((n) => NATIONS.includes(n)).map((nation) => ({ nation }));
  if (row.targets === 'networks') return NATIONS.map((nation) => ({ nation }));
  return [{}];
}

function describeTarget(u: DemoUser, target: Target): string {
  if (target.request) return `${target.request.direction} request (${target.request.companies.join(', ') || 'no company'})`;
  if (target.nation) return `${target.nation === u.nation ? 'own nation' : 'other nation'} ${target.nation}`;
  return '';
}

async function send(t: TestApp, token: string | null, probe: Probe): Promise<{ status: number; body: any; headers: Headers }> {
  if (probe.multipart) return upload(t, token, probe.path.split('/')[2]!);
  return t.call(token, probe.method, probe.path, probe.body);
}

async function freshToken(t: TestApp, username: string): Promise<string> {
  const res = await t.call(null, 'POST', '/session', { username, password: TEST_PASSWORD });
  assert.equal(res.status, 200);
  return res.body.token;
}

describe('access matrix: every route × every user × own, other-nation and third-pair records', () => {
  before(async () => {
    testApp = await createTestApp({ now: '2026-11-23T14:00:00Z' });
    await addThirdNations(testApp);
    const requests: BuiltRequest[] = [];
    for (const [direction, stage] of [['IN->US', 'placed'], ['US->IN', 'routed'], ['US->GB', 'submitted'], ['GB->JP', 'submitted']] as [Direction, 'placed' | 'routed' | 'submitted'][]) {
      requests.push(await buildRequest(testApp, direction, stage));
    }
    fixtures = {
      requests,
      ministries: { IN: await companyId(testApp, MINISTRY.IN!), US: await companyId(testApp, MINISTRY.US!) },
      analysts: { IN: await userId(testApp, 'in.analyst'), US: await userId(testApp, 'us.analyst') },
      networks: {},
    };
    for (const nation of NATIONS) {
      const token = await testApp.login(`${nation.toLowerCase()}.analyst`);
      const network = await testApp.call(token, 'POST', '/networks', { name: `Matrix fixture ${nation}`, network: TINY_NETWORK });
      const analysis = await testApp.call(token, 'POST', `/networks/${network.body.id}/analyses`, { kind: 'structural' });
      assert.equal(analysis.status, 201, JSON.stringify(analysis.body));
      fixtures.networks[nation] = { id: network.body.id, analysisId: analysis.body.id };
    }
  });
  after(() => testApp.close());

  it('the demo users are the ones the matrix describes', async () => {
    for (const u of USERS) {
      const me = await testApp.call(await testApp.login(u.username), 'GET', '/me');
      assert.equal(me.status, 200);
      assert.deepEqual({ nation: me.body.nation, roles: me.body.roles }, { nation: u.nation, roles: u.roles }, u.username);
      const company = u.company ? await companyId(testApp, u.company) : null;
      assert.equal(me.body.organisation.kind === 'company' ? me.body.organisation.id : null, company, `${u.username}'s company`);
    }
  });

  it('every catalog route has a row, every row a route, and the row states the route’s access', () => {
    assert.ok(ROUTE_CATALOG.length > 0, 'the catalog is filled when the app is built');
    const problems: string[] = [];
    for (const route of ROUTE_CATALOG) {
      const row = MATRIX[keyOf(route)];
      if (!row) problems.push(`route ${keyOf(route)} has no access-matrix row`);
      else if (JSON.stringify(row.access) !== JSON.stringify(route.access)) problems.push(`route ${keyOf(route)} is ${JSON.stringify(route.access)} but its row says ${JSON.stringify(row.access)}`);
    }
    const catalogued = new Set(ROUTE_CATALOG.map(keyOf));
    for (const key of Object.keys(MATRIX)) if (!catalogued.has(key)) problems.push(`access-matrix row ${key} has no route in the catalog`);
    assert.deepEqual(problems, []);
  });

  it('answers every route for every user as its row says', async () => {
    const t = testApp;
    const failures: string[] = [];
    let probes = 0;
    for (const route of ROUTE_CATALOG) {
      const key = keyOf(route);
      const row = MATRIX[key];
      if (!row) {
        failures.push(`route ${key} has no access-matrix row`);
        continue;
      }
      for (const u of USERS) {
        for (const target of targetsOf(row, u)) {
          const probe = row.probe(u, target);
          await probe.setup?.();
          const token = probe.anonymous ? null : probe.freshToken ? await freshToken(t, u.username) : await t.login(u.username);
          const res = await send(t, token, probe);
          probes += 1;
          const label = `${key} as ${u.username} on ${describeTarget(u, target) || 'the route'}`;
          if (res.status !== probe.expect) {
            failures.push(`${label}: expected ${probe.expect}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            continue;
          }
          if (res.status >= 400 && res.headers.get('content-type') !== 'application/problem+json') failures.push(`${label}: ${res.status} is not a problem document`);
          if (res.status < 300 && probe.check) {
            try {
              probe.check(res.body);
            } catch (error) {
              failures.push(`${label}: ${(error as Error).message}`);
            }
          }
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${probes} probes disagree with the matrix`);
    assert.ok(probes > ROUTE_CATALOG.length * USERS.length, `${probes} probes`);
  });

  it('answers 401 on every non-public route without a session or with an unknown token', async () => {
    const t = testApp;
    const r = fixtures.requests[0]!;
    const failures: string[] = [];
    for (const route of ROUTE_CATALOG) {
      const path = route.path.replace('{id}', route.path.startsWith('/users') ? fixtures.analysts.IN! : r.id).replace('{attachmentId}', r.sharedAttachmentId).replace('{nation}', 'IN').replace('{date}', '2026-10-02');
      for (const token of [null, 'not-a-real-token']) {
        const res = route.path.endsWith('/attachments') ? await upload(t, token, r.id) : await t.call(token, route.method, path, ['POST', 'PATCH'].includes(route.method) ? {} : undefined);
        const label = `${keyOf(route)} ${token ? 'with an unknown token' : 'anonymous'}`;
        if (route.access === 'public') {
          // A public route needs no session; a wrong token is still refused rather than ignored.
          if (!token && res.status === 401) failures.push(`${label}: public route answered 401`);
          continue;
        }
        if (res.status !== 401) failures.push(`${label}: expected 401, got ${res.status}`);
        else if (res.headers.get('content-type') !== 'application/problem+json' || res.body.code !== 'UNAUTHENTICATED') failures.push(`${label}: not an UNAUTHENTICATED problem document`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
