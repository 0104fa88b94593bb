import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../domain/workflows/workflow-definition.js';
import { addThirdNations, buildRequest, companyId, requestBody, upload, userId, type BuiltRequest, type Direction, type Stage } from '../testing/request-builders.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.js';
import { settleEventImpacts } from '../services/events/event-impact-runner.js';
import { dashboardFigures, listedFigures, type ListedFigures } from '../testing/dashboard-figures.js';
import { ROUTE_CATALOG, type RouteAccess } from './route.js';
import { DEMO_USERS, type DemoUser } from '../testing/demo-users.js';

/**
 * The access matrix (DESIGN.md, reliability and security promises): every route of the catalog ×
 * every demo user (plus an officer of a third nation) × the records the route acts on. Each row
 * is written out by hand, so a route added to the catalog without a row here fails the test.
 */

const USERS: readonly DemoUser[] = [
  ...DEMO_USERS,
  // Not a demo user: an officer of a nation neither demo nation is, added by addThirdNations.
  { username: 'gb.sosa', nation: 'GB', roles: ['sosa_officer'], company: null },
];

/** The records a probe acts on. */
interface Target {
  request?: BuiltRequest;
  /** A rated order in one supplier company's book (flow-down routes). */
  order?: MatrixOrder;
  /** An SPA request filed by one supplier company (SPA routes). */
  spa?: MatrixSpa;
  /** A record of a partnership register (Code of Conduct entry, liaison posting, program). */
  record?: RegisterRecord;
  /** A nation code (calendars) or the nation of the user acted on (user administration). */
  nation?: string;
  /** Partnership desk records (points of contact, working groups, logistics orders). */
  contact?: ContactFixture;
  group?: GroupFixture;
  ledgerOrder?: OrderFixture;
}

interface ContactFixture {
  id: string;
  nation: string;
}
interface GroupFixture {
  id: string;
  arrangement: string;
  nations: string[];
  /** Usernames of the group's user members. */
  members: string[];
  meetingId: string;
  itemId: string;
  ownerMemberId: string;
}
interface OrderFixture {
  id: string;
  /** Supplying (the creditor) first, then receiving. */
  nations: string[];
  /** A settlement the receiving nation claims, for the creditor to decide. */
  claimId: string;
}

interface RegisterRecord {
  id: string;
  label: string;
  /** Nations that see it: the registry's nation; sending and host nation; lead and partner nations. */
  nations: string[];
  /** Nations whose SOSA officer writes it. */
  writers: string[];
  /** A Code of Conduct entry's company. */
  company?: string;
}

interface Probe {
  method: string;
  path: string;
  expect: number;
  /** A body, or a function building it when the probe is sent (for the record's current version). */
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

interface MatrixOrder {
  id: string;
  company: string;
  nation: string;
}

interface MatrixSpa {
  id: string;
  company: string;
  nation: string;
  /** Forwarded to Commerce (rating_authority of its nation sees it). */
  forwarded: boolean;
  /** A nation whose SOSA request one of its orders came from: that nation's SOSA officer reads a partner view. */
  partner: string | null;
}

interface Row {
  access: RouteAccess;
  targets: 'none' | 'requests' | 'nations' | 'contacts' | 'groups' | 'ledgerOrders' | 'orders' | 'spas' | 'subscriptions' | 'postings' | 'programs' | 'networks' | 'events';
  probe: (u: DemoUser, target: Target) => Probe;
}

const has = (u: DemoUser, ...roles: Role[]) => roles.some((r) => u.roles.includes(r));
/** Who writes comments and attachments: those who work requests; auditors, analysts and admins read. */
const notCorrespondent = (u: DemoUser) => !u.roles.some((r) => ['sosa_officer', 'program_determination', 'rating_authority', 'supplier'].includes(r));
/** The sovereignty rule: a party nation's user; a company user only while its line on the request is live (not after its order was rejected or replaced, or it declined). */
const sees = (u: DemoUser, r: BuiltRequest) => (u.nation === r.fromNation || u.nation === r.toNation) && (u.company === null || r.companies.includes(u.company));

/**
 * A list's probe: it answers `expect`, and on success lists each fixture exactly when the caller
 * may see it (`listedId` is the id the fixture is listed by), so the list filters in bulk as the
 * single read does. `name` says which fixture an assertion is about.
 */
function listProbe<F>(path: string, expect: number, fixtures: readonly F[], { listedId, seen, name }: { listedId: (f: F) => string | undefined; seen: (f: F) => boolean; name: (f: F) => string }): Probe {
  return {
    method: 'GET',
    path,
    expect,
    check: (b) => {
      const listed = new Set(b.items.map((i: { id: string }) => i.id));
      for (const f of fixtures) assert.equal(listed.has(listedId(f)), seen(f), `${name(f)}: ${listed.has(listedId(f))}`);
    },
  };
}

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

/** One rated order in Lynn Turbine's book (us.supplier): its own 200, another company's 404, a non-supplier 403. */
const DESK_ORDER = '0d35c000-0000-4000-8000-000000000001';
async function ensureDeskOrder(): Promise<void> {
  const org = await companyId(testApp, 'LYNN-TURB');
  await testApp.ctx.store.db
    .insertInto('supplier_orders')
    .values({ id: DESK_ORDER, organisation_id: org, order_number: 'M-DESK-1', customer: 'Matrix customer', rating: 'DO-A1', priority: 'DO', resource_id: null, quantity: 1, required_delivery_date: '2027-01-15', received_at: new Date('2026-11-23T14:00:00Z'), accepted: false, request_id: null, signed_by: 'Matrix signer', certified: true, updated_at: new Date() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
/** Companies of a nation that answers under DPAS (the US) keep the DPAS order desk; an Indian company is refused it (403). */
const dpasCompany = (u: DemoUser) => has(u, 'supplier') && u.nation === 'US';
/** An order desk route: 403 for officials and non-DPAS companies, else what the own company gets. */
const onDesk = (u: DemoUser, own: number) => (dpasCompany(u) ? own : 403);
/** The desk routes on Lynn's order: us.supplier 200 (or `own`), other US suppliers 404, Indian companies and other roles 403. */
const deskExpect = (u: DemoUser, own = 200) => onDesk(u, u.company === 'LYNN-TURB' ? own : 404);
const DESK_LINE = '0d35c000-0000-4000-8000-000000000002';
/** Lynn's desk order off any line, and a line of Lynn's to plan it on. */
async function ensureDeskOrderOffLine(): Promise<void> {
  await ensureDeskOrder();
  const org = await companyId(testApp, 'LYNN-TURB');
  await testApp.ctx.store.db.insertInto('production_resources').values({ id: DESK_LINE, organisation_id: org, name: 'Matrix desk line', capacity_per_day: 2 }).onConflict((oc) => oc.doNothing()).execute();
  await testApp.ctx.store.db.updateTable('supplier_orders').set({ resource_id: null }).where('id', '=', DESK_ORDER).execute();
}

let fixtures: { requests: BuiltRequest[]; ministries: Record<string, string>; analysts: Record<string, string>; contacts: ContactFixture[]; groups: GroupFixture[]; ledgerOrders: OrderFixture[]; orders: MatrixOrder[]; spas: MatrixSpa[]; threads: Record<string, string>; subscriptions: RegisterRecord[]; postings: RegisterRecord[]; programs: RegisterRecord[]; networks: Record<string, { id: string; analysisId: string }>; events: Record<string, string>; closedEvents: Record<string, string>; surveys: Record<string, string> };

// ——— partnership desk ———
/** Nations sharing an arrangement with the user's (the US is every partner's; IN and GB only the US's). */
const partnersOf = (nation: string) => (nation === 'US' ? null : ['US', nation]);
const readsDirectory = (u: DemoUser, nation: string) => { const p = partnersOf(u.nation); return p === null || p.includes(nation); };
const DIRECTORY_READER = (u: DemoUser) => !has(u, 'supplier');
const LEDGER_READER = (u: DemoUser) => has(u, 'sosa_officer', 'auditor');
/** A group's readers: officers and auditors of its two nations, and its members. */
const seesGroup = (u: DemoUser, g: GroupFixture) => g.nations.includes(u.nation) && (has(u, 'sosa_officer', 'auditor') || g.members.includes(u.username));
const OWN_ARRANGEMENT: Record<string, string> = { IN: 'US-IN', US: 'US-IN', GB: 'US-GB' };
const LOGISTICS_PARTNER: Record<string, string> = { IN: 'US', US: 'IN', GB: 'US' };
let matrixSeq = 0;

async function buildPartnershipFixtures(t: TestApp) {
  const contacts: ContactFixture[] = [];
  for (const u of ['in.sosa', 'us.sosa', 'gb.sosa']) {
    const res = await t.call(await t.login(u), 'POST', '/points-of-contact', { function: 'sosa_lead', name: `Lead of ${u}`, organisation: 'Ministry', email: `${u}@example.org` });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    contacts.push({ id: res.body.id, nation: res.body.nation });
  }
  const groups: GroupFixture[] = [];
  for (const [arrangement, nations, officer, memberNames] of [
    ['US-IN', ['US', 'IN'], 'us.sosa', ['us.sosa', 'in.sosa', 'in.analyst', 'us.supplier']],
    ['US-GB', ['US', 'GB'], 'gb.sosa', ['gb.sosa', 'us.sosa']],
  ] as const) {
    const token = await t.login(officer);
    const members = [];
    for (const m of memberNames) members.push({ userId: await userId(t, m), chair: m.endsWith('.sosa') });
    const g = await t.call(token, 'POST', '/working-groups', { arrangementId: arrangement, name: `Matrix fixture group ${arrangement}`, members });
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const meeting = await t.call(token, 'POST', `/working-groups/${g.body.id}/meetings`, { title: 'Kick-off', startsAt: '2026-11-24T10:00:00Z', timeZone: 'UTC' });
    const ownerMemberId = g.body.members[0].id;
    const item = await t.call(token, 'POST', `/working-groups/${g.body.id}/action-items`, { title: 'Matrix item', ownerMemberId, meetingId: meeting.body.id, dueInWorkingDays: 5 });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    groups.push({ id: g.body.id, arrangement, nations: [...nations], members: [...memberNames], meetingId: meeting.body.id, itemId: item.body.id, ownerMemberId });
  }
  const orders: OrderFixture[] = [];
  for (const [officer, supplying, receiving] of [['us.sosa', 'US', 'IN'], ['gb.sosa', 'GB', 'US']] as const) {
    const o = await t.call(await t.login(officer), 'POST', '/logistics/orders', { supplyingNation: supplying, receivingNation: receiving, supportClass: 'fuel', description: 'Matrix fuel', deliveredOn: '2026-11-02', currency: 'USD', amount: '1000.00', settlementMethod: 'cash' });
    assert.equal(o.status, 201, JSON.stringify(o.body));
    const debtor = receiving === 'IN' ? 'in.sosa' : 'us.sosa';
    const claim = await t.call(await t.login(debtor), 'POST', `/logistics/orders/${o.body.id}/settlements`, { amount: '100.00', settledOn: '2026-11-20', method: 'cash' });
    assert.equal(claim.status, 201, JSON.stringify(claim.body));
    orders.push({ id: o.body.id, nations: [supplying, receiving], claimId: claim.body.settlements[0].id });
  }
  return { contacts, groups, ledgerOrders: orders };
}
let subOrderSeq = 0;

/** The flow-down tree of an order: its own company's suppliers, and auditors of its nation. */
const seesOrderTree = (u: DemoUser, o: MatrixOrder) => (has(u, 'supplier') && u.company === o.company) || (has(u, 'auditor') && u.nation === o.nation);
/**
 * Who reads an SPA in full: the filing company, auditors, SOSA officers and DoD of its nation
 * (not drafts: the fixtures are all submitted), Commerce once forwarded. A partner nation's SOSA
 * officer reads a partner view when its SOSA request is concerned.
 */
const seesSpaFully = (u: DemoUser, s: MatrixSpa) =>
  u.nation === s.nation && ((has(u, 'supplier') && u.company === s.company) || has(u, 'auditor', 'sosa_officer', 'program_determination') || (has(u, 'rating_authority') && s.forwarded));
const seesSpaAsPartner = (u: DemoUser, s: MatrixSpa) => u.nation !== s.nation && has(u, 'sosa_officer') && s.partner === u.nation;
const SPA_READERS: Role[] = ['supplier', 'sosa_officer', 'program_determination', 'rating_authority', 'auditor'];
const SPA_ACTORS: Role[] = ['supplier', 'sosa_officer', 'program_determination', 'rating_authority'];
const spaBody = (u: DemoUser) => ({
  requester: { name: `Matrix ${u.username}`, email: 'matrix@example.com' },
  supplier: { name: 'Matrix casting supplier' },
  orders: [{ orderNumber: 'M-EXT-1', rating: 'DO-A1', items: 'Castings', quantity: 2, requiredDeliveryDate: '2027-02-01', promisedDeliveryDate: '2027-04-01' }],
  program: 'Matrix program',
  problem: 'The supplier promises a date after the required one.',
  attemptsMade: 'Asked in writing.',
  actionRequested: 'Direct the supplier to meet the date.',
});
/** The fixture request a thread is on, by thread id. */
const requestOfThread = (threadId: string) => fixtures.requests.find((r) => fixtures.threads[r.id] === threadId);

/** Partnership registers: who reads, who writes (403 for a role that may not, 404 for a record of others). */
const registerStatus = (u: DemoUser, r: RegisterRecord, readRoles: Role[], write: boolean): number => {
  if (!has(u, ...(write ? (['sosa_officer'] as Role[]) : readRoles))) return 403;
  if (!r.nations.includes(u.nation) || (r.company && u.company && u.company !== r.company)) return 404;
  if (write && !r.writers.includes(u.nation)) return 403;
  return 200;
};
const COC_READERS: Role[] = ['sosa_officer', 'auditor', 'admin', 'supplier'];
const REGISTER_READERS: Role[] = ['sosa_officer', 'auditor'];
async function postingBody(id: string) {
  const p = await testApp.ctx.store.db.selectFrom('liaison_postings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    version: p.version,
    officerName: p.officer_name,
    officerRank: p.officer_rank,
    serviceNumber: p.service_number,
    hostNation: p.host_nation,
    hostCommand: p.host_command,
    location: p.location,
    startDate: p.start_date,
    endDate: p.end_date,
    status: p.status,
    notes: 'checked by the access matrix',
  };
}
async function programBody(id: string) {
  const p = await testApp.ctx.store.db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { version: p.version, name: p.name, description: p.description, status: p.status, partnerNations: p.partner_nations, dpasProgramSymbol: p.dpas_program_symbol };
}
const subscriptionVersion = async (id: string) => (await testApp.ctx.store.db.selectFrom('coc_subscriptions').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
/** Networks are national: the owner nation's analysts write; its analysts, SOSA officers and auditors read. */
const networkReader = (u: DemoUser) => has(u, 'analyst', 'sosa_officer', 'auditor');
const networkAnswer = (u: DemoUser, nation: string, roleOk: boolean, ok: number) => (!roleOk ? 403 : u.nation === nation ? ok : 404);
/** An event that strikes the steel node of the matrix networks (and no demo network). */
const matrixEvent = (title: string) => ({ title, kind: 'siteIncident', where: [{ kind: 'site', nodeId: 'steel' }], startedAt: '2026-11-20T00:00:00Z', expectedRecoveryAt: '2026-12-20T00:00:00Z' });
const eventWriter = (u: DemoUser) => has(u, 'analyst', 'sosa_officer');
const MISSING_DRAFT = '00000000-0000-4000-8000-00000000d1af';
/** The company asked by each nation's fixture event survey. */
const SURVEYED_COMPANY: Record<string, string> = { IN: 'BPF', US: 'LYNN-TURB' };
const surveyAnswer = (nation: string) => ({ sites: [{ networkId: fixtures.networks[nation]!.id, nodeId: 'steel', affected: false }] });
const surveyReply = (u: DemoUser, nation: string) => (!has(u, 'supplier') ? 403 : u.company === SURVEYED_COMPANY[nation] ? 200 : 404);
const TINY_NETWORK = { nodes: [{ id: 'steel', kind: 'part', country: 'IN' }, { id: 'shell', kind: 'endItem' }], edges: [{ from: 'steel', to: 'shell', quantity: 1 }] };
async function insertMatrixNetwork(id: string, nation: string): Promise<void> {
  await testApp.ctx.store.db
    .insertInto('supply_networks')
    .values({ id, nation, name: `Matrix network ${id}`, source_format: 'json', node_count: 2, edge_count: 1, end_item_count: 1, model: JSON.stringify(TINY_NETWORK), created_by: fixtures.analysts[nation]! })
    .execute();
}

let newUserSeq = 0;

/** One row per route, keyed "METHOD path" exactly as the catalog spells it. */
const MATRIX: Record<string, Row> = {
  'GET /health': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/health', expect: 200, anonymous: true }) },
  'GET /health/ready': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/health/ready', expect: 200, anonymous: true }) },
  'POST /session': {
    access: 'public',
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/session', body: { username: u.username, password: TEST_PASSWORD }, expect: 200, anonymous: true, check: (b) => assert.equal(b.user.username, u.username) }),
  },
  'DELETE /session': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'DELETE', path: '/session', expect: 204, freshToken: true }) },
  'GET /session': {
    access: 'public',
    targets: 'none',
    // The web UI's session check: the caller with a token, nobody (200, user null) without one.
    probe: (u) => ({ method: 'GET', path: '/session', expect: 200, check: (b) => assert.deepEqual([b.user.username, b.user.nation], [u.username, u.nation]) }),
  },
  // Single sign-on (issue #16): this instance configures no provider, so the list is empty and a
  // provider's start and callback answer 404 to everyone (oidc.test.ts runs them against a real provider).
  'GET /session/oidc': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/session/oidc', expect: 200, anonymous: true, check: (b) => assert.deepEqual(b.providers, []) }) },
  'GET /session/oidc/{provider}/start': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/session/oidc/in-mod/start', expect: 404, anonymous: true }) },
  'GET /session/oidc/{provider}/callback': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/session/oidc/in-mod/callback?code=x&state=y', expect: 404, anonymous: true }) },
  // Second factor (issue #16; second-factor.test.ts runs the whole flow). An unknown challenge is refused to anyone.
  'POST /session/second-factor': { access: 'public', targets: 'none', probe: () => ({ method: 'POST', path: '/session/second-factor', body: { challenge: 'no-such-challenge', code: '123456' }, expect: 401, anonymous: true }) },
  'GET /me/second-factor': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'GET', path: '/me/second-factor', expect: 200, check: (b) => assert.equal(b.totp === 'active', false) }) },
  // Every user may start its own enrolment (pending: its login still needs the password only) …
  'POST /me/second-factor/totp': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'POST', path: '/me/second-factor/totp', expect: 200, check: (b) => assert.match(b.uri, /^otpauth:\/\/totp\//) }) },
  // … and a code that is no code does not confirm it.
  'POST /me/second-factor/totp/confirm': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'POST', path: '/me/second-factor/totp/confirm', body: { code: 'abcdef' }, expect: 422 }) },
  // Removing the own app needs the password again: a wrong one is refused (422) before anything else is looked at.
  'POST /me/second-factor/totp/remove': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'POST', path: '/me/second-factor/totp/remove', body: { password: 'not-the-password' }, expect: 422 }) },
  // Passkeys (passkeys.test.ts runs registration and login with a software authenticator): every
  // user may ask for creation options (the test app answers at http://localhost, a loopback RP) …
  'POST /me/second-factor/passkeys/options': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'POST', path: '/me/second-factor/passkeys/options', expect: 200, check: (b) => assert.equal(b.rp.id, 'localhost') }) },
  // … an answer that is no attestation registers nothing …
  'POST /me/second-factor/passkeys': {
    access: 'authenticated',
    targets: 'none',
    probe: () => ({ method: 'POST', path: '/me/second-factor/passkeys', body: { name: 'key', response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' }, clientExtensionResults: {} } }, expect: 422 }),
  },
  // … and nobody removes a passkey that is not its own (404, as for one that does not exist).
  'POST /me/second-factor/passkeys/{id}/remove': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'POST', path: `/me/second-factor/passkeys/${randomUUID()}/remove`, body: { password: TEST_PASSWORD }, expect: 404 }) },
  'DELETE /users/{id}/second-factor': {
    access: ['admin'],
    targets: 'nations',
    // A user of another nation does not exist for an admin (404).
    probe: (u, { nation }) => ({ method: 'DELETE', path: `/users/${fixtures.analysts[nation!]}/second-factor`, expect: !has(u, 'admin') ? 403 : nation === u.nation ? 204 : 404 }),
  },
  'PUT /users/{id}/sso-link': {
    access: ['admin'],
    targets: 'nations',
    // This instance configures no single sign-on provider, so an admin of the user's nation is
    // told the issuer is none of its providers (422; oidc.test.ts links for real); a user of
    // another nation does not exist for an admin (404).
    probe: (u, { nation }) => ({ method: 'PUT', path: `/users/${fixtures.analysts[nation!]}/sso-link`, body: { issuer: 'https://idp.example', subject: 'emp-1' }, expect: !has(u, 'admin') ? 403 : nation === u.nation ? 422 : 404 }),
  },
  'PUT /organisations/{id}/second-factor-required': {
    access: ['admin'],
    targets: 'nations',
    // "Not required" leaves the ministries' logins as they are; another nation's organisation does not exist (404).
    probe: (u, { nation }) => ({ method: 'PUT', path: `/organisations/${fixtures.ministries[nation!]}/second-factor-required`, body: { required: false }, expect: !has(u, 'admin') ? 403 : nation === u.nation ? 200 : 404 }),
  },
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
    // The list filters in bulk exactly as the single read does.
    probe: (u) =>
      listProbe('/requests?limit=200', 200, fixtures.requests, { listedId: (r) => r.id, seen: (r) => sees(u, r), name: (r) => `${u.username} lists ${r.direction}` }),
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
  'GET /requests/{id}/delivery': {
    access: 'authenticated',
    targets: 'requests',
    // A shared deployment has no partner instance: those who read the request read that nothing is pending.
    probe: (u, { request: r }) => ({ method: 'GET', path: `/requests/${r!.id}/delivery`, expect: sees(u, r!) ? 200 : 404, check: (b) => assert.deepEqual(b, { partnerDelivery: [] }) }),
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
      // Its own nation's events, those of joint objects its nation is party to, and the instance's own.
      check: (b) => assert.ok(b.items.length > 0 && b.items.every((e: { readers: string[] }) => e.readers.includes(u.nation) || e.readers.includes('*')), 'audit events the own nation reads only'),
    }),
  },
  'POST /audit/verify': {
    access: ['auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'POST',
      path: '/audit/verify',
      body: {},
      expect: has(u, 'auditor') ? 200 : 403,
      check: (b) => assert.ok(b.ok === true && /^\d+:[0-9a-f]{64}$/.test(b.checkpoint), 'the chain verifies, with a checkpoint'),
    }),
  },
  'GET /audit/peer-checkpoints': {
    access: ['auditor'],
    targets: 'none',
    // The matrix instance is a shared deployment: no peer, nothing exchanged, nothing fails.
    probe: (u) => ({
      method: 'GET',
      path: '/audit/peer-checkpoints',
      expect: has(u, 'auditor') ? 200 : 403,
      check: (b) => assert.ok(b.ok === true && b.sent.length === 0 && b.held.length === 0, 'no peer checkpoints on a shared deployment'),
    }),
  },
  'GET /resources': {
    access: ['supplier'],
    targets: 'none',
    // A supplier lists its own company's lines only (each supplier company has one matrix line).
    probe: (u) => ({
      method: 'GET',
      path: '/resources',
      expect: onDesk(u, 200),
      setup: () => ensureMatrixLine(u),
      check: (b) => assert.deepEqual(b.items.map((r: { name: string }) => r.name).filter((n: string) => n.startsWith('Matrix line')), [matrixLine(u)]),
    }),
  },
  'POST /resources': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/resources', body: { name: `Matrix press ${u.username}`, capacityPerDay: 3 }, expect: onDesk(u, 201) }),
  },
  'POST /rated-orders/import': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({
      method: 'POST',
      path: '/rated-orders/import',
      body: { csv: `${ORDER_BOOK_HEADER}\n${matrixOrder(u)},Matrix customer,DO-A1,${matrixLine(u)},2,2027-01-15,2026-11-20,true\n` },
      expect: onDesk(u, 201),
      setup: () => ensureMatrixLine(u),
    }),
  },
  'GET /rated-orders': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: '/rated-orders', expect: onDesk(u, 200), check: (b) => ownOrdersOnly(u, b.items.map((o: { orderNumber: string }) => o.orderNumber)) }),
  },
  'GET /schedules/mine': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: '/schedules/mine', expect: onDesk(u, 200), check: (b) => ownOrdersOnly(u, b.orders.map((o: { orderNumber: string }) => o.orderNumber)) }),
  },
  'GET /rated-orders/{id}': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: `/rated-orders/${DESK_ORDER}`, expect: deskExpect(u), setup: ensureDeskOrder, check: (b) => assert.equal(b.orderNumber, 'M-DESK-1') }),
  },
  'GET /rated-orders/{id}/history': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: `/rated-orders/${DESK_ORDER}/history`, expect: deskExpect(u), setup: ensureDeskOrder }),
  },
  'POST /rated-orders/{id}/decision': {
    access: ['supplier'],
    targets: 'none',
    // Each user probes once; only Lynn's supplier reaches the order, and accepts it.
    probe: (u) => ({ method: 'POST', path: `/rated-orders/${DESK_ORDER}/decision`, body: { decision: 'accept' }, expect: deskExpect(u), setup: ensureDeskOrder, check: (b) => assert.equal(b.status, 'accepted') }),
  },
  'POST /rated-orders/{id}/changes': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: `/rated-orders/${DESK_ORDER}/changes`, body: { kind: 'destination', destination: `Dock of ${u.username}` }, expect: deskExpect(u), setup: ensureDeskOrder, check: (b) => assert.equal(b.change.newRatedOrder, false) }),
  },
  'POST /rated-orders/{id}/line': {
    access: ['supplier'],
    targets: 'none',
    // Another company's supplier cannot plan Lynn's order, nor learn that it exists (404).
    probe: (u) => ({ method: 'POST', path: `/rated-orders/${DESK_ORDER}/line`, body: { resourceId: DESK_LINE }, expect: deskExpect(u), setup: ensureDeskOrderOffLine, check: (b) => assert.equal(b.resource.name, 'Matrix desk line') }),
  },
  'GET /points-of-contact': {
    access: ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'],
    targets: 'none',
    probe: (u) =>
      listProbe('/points-of-contact', DIRECTORY_READER(u) ? 200 : 403, fixtures.contacts, { listedId: (c) => c.id, seen: (c) => readsDirectory(u, c.nation), name: (c) => `${u.username} lists the ${c.nation} contact` }),
  },
  'POST /points-of-contact': {
    access: ['sosa_officer'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/points-of-contact', body: { function: 'legal', name: `Counsel ${++matrixSeq}`, organisation: 'Ministry', phone: '+1 703 555 0100' }, expect: has(u, 'sosa_officer') ? 201 : 403, check: (b) => assert.equal(b.nation, u.nation) }),
  },
  'PATCH /points-of-contact/{id}': {
    access: ['sosa_officer'],
    targets: 'contacts',
    // Own nation's entry: 200; a partner's (readable) entry: 403; a third nation's: 404.
    probe: (u, { contact: c }) => ({ method: 'PATCH', path: `/points-of-contact/${c!.id}`, body: { notes: 'matrix' }, expect: !has(u, 'sosa_officer') ? 403 : c!.nation === u.nation ? 200 : readsDirectory(u, c!.nation) ? 403 : 404 }),
  },
  'GET /working-groups': {
    access: 'authenticated',
    targets: 'none',
    probe: (u) =>
      listProbe('/working-groups', 200, fixtures.groups, { listedId: (g) => g.id, seen: (g) => seesGroup(u, g), name: (g) => `${u.username} lists ${g.arrangement}` }),
  },
  'POST /working-groups': {
    access: ['sosa_officer'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/working-groups', body: { arrangementId: OWN_ARRANGEMENT[u.nation], name: `Matrix group ${++matrixSeq}`, members: [] }, expect: has(u, 'sosa_officer') ? 201 : 403 }),
  },
  'GET /working-groups/{id}': {
    access: 'authenticated',
    targets: 'groups',
    probe: (u, { group: g }) => ({ method: 'GET', path: `/working-groups/${g!.id}`, expect: seesGroup(u, g!) ? 200 : 404 }),
  },
  'POST /working-groups/{id}/members': {
    access: ['sosa_officer'],
    targets: 'groups',
    probe: (u, { group: g }) => ({ method: 'POST', path: `/working-groups/${g!.id}/members`, body: { members: [{ name: `Guest ${++matrixSeq}`, nation: u.nation, organisation: 'Industry' }] }, expect: !has(u, 'sosa_officer') ? 403 : seesGroup(u, g!) ? 201 : 404 }),
  },
  'POST /working-groups/{id}/meetings': {
    access: ['sosa_officer'],
    targets: 'groups',
    probe: (u, { group: g }) => ({ method: 'POST', path: `/working-groups/${g!.id}/meetings`, body: { title: 'Matrix meeting', startsAt: '2026-12-02T09:00:00+05:30', timeZone: 'Asia/Kolkata' }, expect: !has(u, 'sosa_officer') ? 403 : seesGroup(u, g!) ? 201 : 404 }),
  },
  'PATCH /working-groups/{id}/meetings/{meetingId}': {
    access: ['sosa_officer'],
    targets: 'groups',
    probe: (u, { group: g }) => ({ method: 'PATCH', path: `/working-groups/${g!.id}/meetings/${g!.meetingId}`, body: { minutes: `Minutes by ${u.username}` }, expect: !has(u, 'sosa_officer') ? 403 : seesGroup(u, g!) ? 200 : 404 }),
  },
  'POST /working-groups/{id}/action-items': {
    access: ['sosa_officer'],
    targets: 'groups',
    probe: (u, { group: g }) => ({ method: 'POST', path: `/working-groups/${g!.id}/action-items`, body: { title: `Matrix action ${u.username}`, ownerMemberId: g!.ownerMemberId, dueDate: '2026-12-15' }, expect: !has(u, 'sosa_officer') ? 403 : seesGroup(u, g!) ? 201 : 404 }),
  },
  'PATCH /working-groups/{id}/action-items/{itemId}': {
    access: ['sosa_officer'],
    targets: 'groups',
    probe: (u, { group: g }) => ({ method: 'PATCH', path: `/working-groups/${g!.id}/action-items/${g!.itemId}`, body: { status: 'open' }, expect: !has(u, 'sosa_officer') ? 403 : seesGroup(u, g!) ? 200 : 404 }),
  },
  'GET /action-items': {
    access: 'authenticated',
    targets: 'none',
    probe: (u) =>
      listProbe('/action-items', 200, fixtures.groups, { listedId: (g) => g.itemId, seen: (g) => seesGroup(u, g), name: (g) => `${u.username} lists the ${g.arrangement} item` }),
  },
  'GET /logistics/orders': {
    access: ['sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) =>
      listProbe('/logistics/orders', LEDGER_READER(u) ? 200 : 403, fixtures.ledgerOrders, { listedId: (o) => o.id, seen: (o) => o.nations.includes(u.nation), name: (o) => `${u.username} lists ${o.nations.join('→')}` }),
  },
  'POST /logistics/orders': {
    access: ['sosa_officer'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/logistics/orders', body: { supplyingNation: u.nation, receivingNation: LOGISTICS_PARTNER[u.nation], supportClass: 'services', description: 'Matrix services', deliveredOn: '2026-11-10', currency: 'USD', amount: '10.00', settlementMethod: 'cash' }, expect: has(u, 'sosa_officer') ? 201 : 403 }),
  },
  'GET /logistics/orders/{id}': {
    access: ['sosa_officer', 'auditor'],
    targets: 'ledgerOrders',
    probe: (u, { ledgerOrder: o }) => ({ method: 'GET', path: `/logistics/orders/${o!.id}`, expect: !LEDGER_READER(u) ? 403 : o!.nations.includes(u.nation) ? 200 : 404 }),
  },
  'POST /logistics/orders/{id}/settlements': {
    access: ['sosa_officer'],
    targets: 'ledgerOrders',
    probe: (u, { ledgerOrder: o }) => ({ method: 'POST', path: `/logistics/orders/${o!.id}/settlements`, body: { amount: '1.00', settledOn: '2026-11-20', method: 'cash' }, expect: !has(u, 'sosa_officer') ? 403 : o!.nations.includes(u.nation) ? 201 : 404 }),
  },
  'POST /logistics/orders/{id}/settlements/{settlementId}/decision': {
    access: ['sosa_officer'],
    targets: 'ledgerOrders',
    // Only the supplying nation (the creditor) decides the receiving nation's claim, once.
    probe: (u, { ledgerOrder: o }) => ({
      method: 'POST',
      path: `/logistics/orders/${o!.id}/settlements/${o!.claimId}/decision`,
      body: { decision: 'confirm' },
      expect: !has(u, 'sosa_officer') ? 403 : !o!.nations.includes(u.nation) ? 404 : u.nation === o!.nations[0] ? 200 : 403,
    }),
  },
  'GET /logistics/balances': {
    access: ['sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/logistics/balances',
      expect: LEDGER_READER(u) ? 200 : 403,
      check: (b) => {
        assert.ok(b.gross.every((d: { owedBy: string; owedTo: string }) => d.owedBy === u.nation || d.owedTo === u.nation));
        assert.ok(b.claims.every((c: { supplyingNation: string; receivingNation: string }) => c.supplyingNation === u.nation || c.receivingNation === u.nation), 'claims of its own nation only');
      },
    }),
  },
  'POST /rated-orders/{id}/sub-orders': {
    access: ['supplier'],
    targets: 'orders',
    // A supplier extends the rating of its own company's orders only; other books do not exist for it.
    probe: (u, { order }) => ({
      method: 'POST',
      path: `/rated-orders/${order!.id}/sub-orders`,
      body: { supplierName: 'Matrix sub-supplier', orderNumber: `MS-${u.username}-${++subOrderSeq}`, purpose: 'mro', quantity: 1, requiredDeliveryDate: '2027-01-10', description: 'Matrix spares' },
      expect: onDesk(u, u.company === order!.company ? 201 : 404),
      check: (b) => assert.equal(b.rating, 'DO-H7'),
    }),
  },
  'GET /rated-orders/{id}/flow-down': {
    access: ['supplier', 'auditor'],
    targets: 'orders',
    probe: (u, { order }) => ({
      method: 'GET',
      path: `/rated-orders/${order!.id}/flow-down`,
      // An Indian company has no DPAS desk, so no flow-down tree either (403 before any record is looked at).
      expect: !has(u, 'supplier', 'auditor') || (has(u, 'supplier') && !dpasCompany(u)) ? 403 : seesOrderTree(u, order!) ? 200 : 404,
      check: (b) => assert.equal(b.id, order!.id),
    }),
  },
  'GET /sub-orders': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/sub-orders',
      expect: onDesk(u, 200),
      // Only the sub-orders the own company placed.
      check: (b) => {
        assert.ok(b.placed.every((p: { orderNumber: string }) => p.orderNumber.startsWith(`MS-${u.username}-`)), JSON.stringify(b.placed));
        // Sub-suppliers to address: other companies of the own nation only.
        assert.ok(b.suppliers.length > 0 && b.suppliers.every((c: { shortName: string; id: string }) => c.shortName !== u.company && USERS.every((x) => x.company !== c.shortName || x.nation === u.nation)), JSON.stringify(b.suppliers));
      },
    }),
  },
  'POST /spa-requests': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/spa-requests', body: spaBody(u), expect: has(u, 'supplier') ? 201 : 403, check: (b) => assert.equal(b.status, 'draft') }),
  },
  'GET /spa-requests': {
    access: ['supplier', 'sosa_officer', 'program_determination', 'rating_authority', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/spa-requests',
      expect: has(u, ...SPA_READERS) ? 200 : 403,
      check: (b) => {
        // The list filters as the single read does.
        const listed = new Map(b.items.map((i: { id: string; view: string }) => [i.id, i.view]));
        for (const s of fixtures.spas) assert.equal(listed.get(s.id) ?? null, seesSpaFully(u, s) ? 'full' : seesSpaAsPartner(u, s) ? 'partner' : null, `${u.username} lists the SPA of ${s.company}`);
      },
    }),
  },
  'GET /spa-requests/{id}': {
    access: ['supplier', 'sosa_officer', 'program_determination', 'rating_authority', 'auditor'],
    targets: 'spas',
    probe: (u, { spa }) => ({
      method: 'GET',
      path: `/spa-requests/${spa!.id}`,
      expect: !has(u, ...SPA_READERS) ? 403 : seesSpaFully(u, spa!) || seesSpaAsPartner(u, spa!) ? 200 : 404,
      check: (b) => assert.equal(b.view, seesSpaFully(u, spa!) ? 'full' : 'partner'),
    }),
  },
  'POST /spa-requests/{id}/transitions': {
    access: ['supplier', 'sosa_officer', 'program_determination', 'rating_authority'],
    targets: 'spas',
    // "submit" fits no fixture's state: those who see it in full get 409, a partner 403
    // (it reads, it does not act), everyone else 404. Nothing changes.
    probe: (u, { spa }) => ({
      method: 'POST',
      path: `/spa-requests/${spa!.id}/transitions`,
      body: { action: 'submit' },
      expect: !has(u, ...SPA_ACTORS) ? 403 : seesSpaFully(u, spa!) ? 409 : seesSpaAsPartner(u, spa!) ? 403 : 404,
    }),
  },
  'GET /threads': {
    access: 'authenticated',
    targets: 'none',
    // Each fixture request has a thread: it is listed exactly to those who see the request.
    probe: (u) =>
      listProbe('/threads?subjectKind=request&limit=200', 200, fixtures.requests, { listedId: (r) => fixtures.threads[r.id], seen: (r) => sees(u, r), name: (r) => `${u.username} lists the ${r.direction} thread` }),
  },
  'POST /threads': {
    access: 'authenticated',
    targets: 'requests',
    // The request is an id in the body: one the user may not read is refused like a missing one (422 naming subjectId).
    probe: (u, { request: r }) => ({ method: 'POST', path: '/threads', body: { subjectKind: 'request', subjectId: r!.id, title: `matrix thread by ${u.username}` }, expect: !sees(u, r!) ? 422 : notCorrespondent(u) ? 403 : 201 }),
  },
  'GET /threads/{id}': {
    access: 'authenticated',
    targets: 'requests',
    probe: (u, { request: r }) => ({ method: 'GET', path: `/threads/${fixtures.threads[r!.id]}`, expect: sees(u, r!) ? 200 : 404, check: (b) => assert.ok(b.messages.every((m: { visibility: string; author: { nation: string } }) => m.visibility === 'shared' || (m.author.nation === u.nation && !u.company)), 'internal messages of the own nation only') }),
  },
  'POST /threads/{id}/messages': {
    access: 'authenticated',
    targets: 'requests',
    probe: (u, { request: r }) => ({ method: 'POST', path: `/threads/${fixtures.threads[r!.id]}/messages`, body: { body: `matrix message by ${u.username}` }, expect: !sees(u, r!) ? 404 : notCorrespondent(u) ? 403 : 201 }),
  },
  'POST /threads/{id}/follow': {
    access: 'authenticated',
    targets: 'requests',
    probe: (u, { request: r }) => ({ method: 'POST', path: `/threads/${fixtures.threads[r!.id]}/follow`, body: { following: true }, expect: sees(u, r!) ? 200 : 404 }),
  },
  'GET /notifications': {
    access: 'authenticated',
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/notifications?limit=200',
      expect: 200,
      // Nobody is told about a thread or request it may not see.
      check: (b) =>
        b.items.forEach((n: { link: string }) => {
          const [, kind, id] = n.link.split('/');
          const r = kind === 'threads' ? requestOfThread(id!) : fixtures.requests.find((x) => x.id === id);
          if (r) assert.ok(sees(u, r), `${u.username} notified of ${n.link} (${r.direction})`);
        }),
    }),
  },
  'GET /notifications/unread-count': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'GET', path: '/notifications/unread-count', expect: 200, check: (b) => assert.equal(typeof b.unread, 'number') }) },
  'POST /notifications/read': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'POST', path: '/notifications/read', body: { all: true }, expect: 200, check: (b) => assert.equal(b.unread, 0) }) },
  'GET /me/notification-preferences': {
    access: 'authenticated',
    targets: 'none',
    probe: (u) => ({ method: 'GET', path: '/me/notification-preferences', expect: 200, check: (b) => assert.equal(b.email, u.username === 'gb.sosa' ? null : `${u.username}@sosa-desk.example`, 'one’s own address') }),
  },
  'PUT /me/notification-preferences': { access: 'authenticated', targets: 'none', probe: () => ({ method: 'PUT', path: '/me/notification-preferences', body: { emailDigest: 'immediate' }, expect: 200 }) },
  'GET /commitments': {
    access: ['supplier'],
    targets: 'none',
    // A Code of Conduct company's desk: Indian companies, each its own assignments only; a US company answers under DPAS (403).
    probe: (u) => ({
      method: 'GET',
      path: '/commitments',
      expect: has(u, 'supplier') && u.nation === 'IN' ? 200 : 403,
      check: (b) => {
        assert.equal(b.company.nation, u.nation);
        // Its live lines open the request; a line it declined stays on its desk without the request (§ the border).
        const live = fixtures.requests.filter((r) => r.companies.includes(u.company!)).map((r) => r.id);
        const closed = fixtures.requests.filter((r) => r.closed.includes(u.company!));
        const items = b.items as { requestId: string | null }[];
        assert.deepEqual(items.filter((i) => i.requestId).map((i) => i.requestId).sort(), live.sort(), 'own assignments only');
        assert.equal(items.filter((i) => !i.requestId).length, closed.length, 'its closed lines, without the request');
      },
    }),
  },
  'GET /code-of-conduct/subscribers': {
    access: ['sosa_officer', 'auditor', 'admin', 'supplier'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/code-of-conduct/subscribers',
      expect: has(u, ...COC_READERS) ? 200 : 403,
      check: (b) => {
        assert.ok(b.items.every((s: { nation: string }) => s.nation === u.nation), 'own nation only');
        // A company sees its own entry: the Indian demo companies subscribed, the US ones keep no registry.
        if (u.company) assert.deepEqual(b.items.map((s: { organisation: { shortName: string } }) => s.organisation.shortName), u.nation === 'IN' ? [u.company] : []);
      },
    }),
  },
  'POST /code-of-conduct/subscribers': {
    access: ['sosa_officer'],
    targets: 'none',
    // The US keeps no Code of Conduct registry (its side is DPAS): 403; India and GB (a Code of Conduct nation in the test) register.
    probe: (u) => ({
      method: 'POST',
      path: '/code-of-conduct/subscribers',
      body: { newCompany: { name: `Matrix firm ${u.username}`, shortName: `M-${u.username}` }, subscribedOn: '2026-01-05', signedBy: { name: 'A. Signer', title: 'Director' } },
      expect: !has(u, 'sosa_officer') ? 403 : u.nation === 'US' ? 403 : 201,
    }),
  },
  'GET /code-of-conduct/subscribers/{id}': {
    access: ['sosa_officer', 'auditor', 'admin', 'supplier'],
    targets: 'subscriptions',
    probe: (u, { record }) => ({ method: 'GET', path: `/code-of-conduct/subscribers/${record!.id}`, expect: registerStatus(u, record!, COC_READERS, false), check: (b) => assert.equal(b.id, record!.id) }),
  },
  'PUT /code-of-conduct/subscribers/{id}': {
    access: ['sosa_officer'],
    targets: 'subscriptions',
    probe: (u, { record }) => ({
      method: 'PUT',
      path: `/code-of-conduct/subscribers/${record!.id}`,
      body: async () => ({ version: await subscriptionVersion(record!.id), signedBy: { name: 'Matrix signer', title: 'Director' }, notes: '', capabilities: [], contacts: [] }),
      expect: registerStatus(u, record!, COC_READERS, true),
    }),
  },
  'POST /code-of-conduct/subscribers/{id}/status': {
    access: ['sosa_officer'],
    targets: 'subscriptions',
    probe: (u, { record }) => ({
      method: 'POST',
      path: `/code-of-conduct/subscribers/${record!.id}/status`,
      body: async () => ({ version: await subscriptionVersion(record!.id), status: 'lapsed', effectiveOn: '2026-11-23', reason: 'Matrix: not renewed' }),
      expect: registerStatus(u, record!, COC_READERS, true),
    }),
  },
  'GET /requests/{id}/candidate-subscribers': {
    access: ['sosa_officer'],
    targets: 'requests',
    // The shortlist is internal to the supplying nation's SOSA cell, and only Code of Conduct requests have one.
    probe: (u, { request }) => ({
      method: 'GET',
      path: `/requests/${request!.id}/candidate-subscribers`,
      expect: !has(u, 'sosa_officer') ? 403 : u.nation === request!.toNation && ['US->IN', 'US->GB', 'GB->JP'].includes(request!.direction) ? 200 : 404,
    }),
  },
  'GET /liaison-officers': {
    access: ['sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/liaison-officers',
      expect: has(u, ...REGISTER_READERS) ? 200 : 403,
      check: (b) => assert.ok(b.items.every((p: { sendingNation: string; hostNation: string }) => p.sendingNation === u.nation || p.hostNation === u.nation), 'sent or hosted only'),
    }),
  },
  'POST /liaison-officers': {
    access: ['sosa_officer'],
    targets: 'none',
    probe: (u) => ({
      method: 'POST',
      path: '/liaison-officers',
      body: { officerName: `Matrix officer ${u.username}`, serviceNumber: `M-${u.username}`, hostNation: u.nation === 'US' ? 'IN' : 'US', hostCommand: 'Matrix command', startDate: '2027-01-01', endDate: null, status: 'planned' },
      expect: has(u, 'sosa_officer') ? 201 : 403,
    }),
  },
  'GET /liaison-officers/{id}': {
    access: ['sosa_officer', 'auditor'],
    targets: 'postings',
    probe: (u, { record }) => ({ method: 'GET', path: `/liaison-officers/${record!.id}`, expect: registerStatus(u, record!, REGISTER_READERS, false), check: (b) => assert.equal(b.id, record!.id) }),
  },
  'PUT /liaison-officers/{id}': {
    access: ['sosa_officer'],
    targets: 'postings',
    probe: (u, { record }) => ({ method: 'PUT', path: `/liaison-officers/${record!.id}`, body: () => postingBody(record!.id), expect: registerStatus(u, record!, REGISTER_READERS, true) }),
  },
  'GET /programs': {
    access: ['sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/programs',
      expect: has(u, ...REGISTER_READERS) ? 200 : 403,
      check: (b) => assert.ok(b.items.every((p: { leadNation: string; partnerNations: string[] }) => p.leadNation === u.nation || p.partnerNations.includes(u.nation)), 'party programs only'),
    }),
  },
  'POST /programs': {
    access: ['sosa_officer'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/programs', body: { id: `MX-${u.username.replace('.', '-').toUpperCase()}`, name: `Matrix program ${u.username}`, status: 'proposed' }, expect: has(u, 'sosa_officer') ? 201 : 403 }),
  },
  'GET /programs/{id}': {
    access: ['sosa_officer', 'auditor'],
    targets: 'programs',
    probe: (u, { record }) => ({ method: 'GET', path: `/programs/${record!.id}`, expect: registerStatus(u, record!, REGISTER_READERS, false), check: (b) => assert.equal(b.id, record!.id) }),
  },
  'PUT /programs/{id}': {
    access: ['sosa_officer'],
    targets: 'programs',
    probe: (u, { record }) => ({ method: 'PUT', path: `/programs/${record!.id}`, body: () => programBody(record!.id), expect: registerStatus(u, record!, REGISTER_READERS, true) }),
  },
  'POST /networks': {
    access: ['analyst'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/networks', body: { name: `Matrix import ${u.username}`, network: TINY_NETWORK }, expect: has(u, 'analyst') ? 201 : 403 }),
  },
  'GET /networks': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) =>
      listProbe('/networks', networkReader(u) ? 200 : 403, NATIONS, { listedId: (nation) => fixtures.networks[nation]!.id, seen: (nation) => nation === u.nation, name: (nation) => `${u.username} lists the ${nation} network` }),
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
  'GET /events': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) =>
      listProbe('/events', networkReader(u) ? 200 : 403, NATIONS, { listedId: (nation) => fixtures.events[nation]!, seen: (nation) => nation === u.nation, name: (nation) => `${u.username} lists the ${nation} event` }),
  },
  'POST /events': {
    access: ['analyst', 'sosa_officer'],
    targets: 'none',
    probe: (u) => ({ method: 'POST', path: '/events', body: matrixEvent(`Matrix event ${u.username}`), expect: eventWriter(u) ? 201 : 403 }),
  },
  'POST /events/import': {
    access: ['analyst', 'sosa_officer'],
    targets: 'none',
    probe: (u) => ({
      method: 'POST',
      path: '/events/import',
      body: { format: 'geojson', content: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: `matrix-${u.username}`, geometry: { type: 'Point', coordinates: [77.6, 12.9] }, properties: { title: `Matrix import ${u.username}`, startedAt: '2026-11-20T00:00:00Z', radiusKm: 10 } }] }) },
      expect: eventWriter(u) ? 201 : 403,
    }),
  },
  // Issue #15 follow-ups: the probes change nothing (a closed fixture event, a draft that does not exist, the posture it already has).
  'POST /events/{id}/close': {
    access: ['analyst', 'sosa_officer'],
    targets: 'events',
    probe: (u, { nation }) => ({ method: 'POST', path: `/events/${fixtures.closedEvents[nation!]!}/close`, body: { note: 'Matrix' }, expect: networkAnswer(u, nation!, eventWriter(u), 409) }),
  },
  'POST /events/{id}/request-drafts': {
    access: ['sosa_officer'],
    targets: 'events',
    probe: (u, { nation }) => ({ method: 'POST', path: `/events/${fixtures.closedEvents[nation!]!}/request-drafts`, expect: networkAnswer(u, nation!, has(u, 'sosa_officer'), 409) }),
  },
  'PUT /events/{id}/request-drafts/{draftId}': {
    access: ['sosa_officer'],
    targets: 'events',
    probe: (u, { nation }) => ({
      method: 'PUT',
      path: `/events/${fixtures.events[nation!]!}/request-drafts/${MISSING_DRAFT}`,
      body: { version: 1, toNation: 'US', title: 'Matrix', programId: 'IN-LCA-MK2-ENGINE', justification: 'Matrix', urgency: 'routine', classification: 'UNCLASSIFIED', requiredBy: '2027-03-01', items: [{ partNumber: 'P', description: 'D', quantity: 1, unit: 'units', requiredDeliveryDate: '2027-03-01' }] },
      expect: networkAnswer(u, nation!, has(u, 'sosa_officer'), 404),
    }),
  },
  'POST /events/{id}/request-drafts/{draftId}/submit': {
    access: ['sosa_officer'],
    targets: 'events',
    probe: (u, { nation }) => ({ method: 'POST', path: `/events/${fixtures.events[nation!]!}/request-drafts/${MISSING_DRAFT}/submit`, expect: networkAnswer(u, nation!, has(u, 'sosa_officer'), 404) }),
  },
  'POST /events/{id}/request-drafts/{draftId}/discard': {
    access: ['sosa_officer'],
    targets: 'events',
    probe: (u, { nation }) => ({ method: 'POST', path: `/events/${fixtures.events[nation!]!}/request-drafts/${MISSING_DRAFT}/discard`, expect: networkAnswer(u, nation!, has(u, 'sosa_officer'), 404) }),
  },
  'GET /postures': {
    access: ['sosa_officer', 'auditor'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/postures',
      expect: has(u, 'sosa_officer', 'auditor') ? 200 : 403,
      check: (b) => assert.ok(b.items.length > 0 && b.items.every((a: { nations: string[] }) => a.nations.includes(u.nation)), 'the own nation’s arrangements only'),
    }),
  },
  // Copies of a peer's requests (issue #13): a shared deployment has no peer, so the officials of
  // every nation read an empty list and no copy (404); companies are refused. Two real instances:
  // src/http/partner-copies/partner-copies.test.ts.
  'GET /partner-copies': {
    access: ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'],
    targets: 'none',
    probe: (u) => ({
      method: 'GET',
      path: '/partner-copies',
      expect: has(u, 'supplier') ? 403 : 200,
      check: (b) => assert.deepEqual(b, { items: [], total: 0, instance: { nation: null, peers: [] } }),
    }),
  },
  'GET /partner-copies/{id}': {
    access: ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'],
    targets: 'requests',
    probe: (u, { request }) => ({ method: 'GET', path: `/partner-copies/${request!.id}`, expect: has(u, 'supplier') ? 403 : 404 }),
  },
  // A shared file of a copy (issue #13): no copy on a shared deployment, so 404 for every official;
  // companies are refused. Two real instances: src/services/federation/attachments-cross.test.ts.
  'GET /partner-copies/{id}/attachments/{attachmentId}': {
    access: ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'],
    targets: 'requests',
    probe: (u, { request }) => ({ method: 'GET', path: `/partner-copies/${request!.id}/attachments/${request!.sharedAttachmentId}`, expect: has(u, 'supplier') ? 403 : 404 }),
  },
  // Asking the holder again for a copy's file (issue #13): no copy on a shared deployment, so 404
  // for the officials who act on requests; readers who change nothing and companies are refused.
  // Two real instances: src/services/federation/attachments-cross.test.ts.
  'POST /partner-copies/{id}/attachments/{attachmentId}/fetch': {
    access: ['sosa_officer', 'program_determination', 'rating_authority'],
    targets: 'requests',
    probe: (u, { request }) => ({ method: 'POST', path: `/partner-copies/${request!.id}/attachments/${request!.sharedAttachmentId}/fetch`, expect: has(u, 'sosa_officer', 'program_determination', 'rating_authority') ? 404 : 403 }),
  },
  // A step of the requesting nation's on a copy (issue #13): no copy on a shared deployment, so 404
  // for every official; companies are refused. Two real instances: request-step.test.ts.
  'POST /partner-copies/{id}/steps': {
    access: ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'],
    targets: 'requests',
    probe: (u, { request }) => ({ method: 'POST', path: `/partner-copies/${request!.id}/steps`, body: { action: 'withdraw', reason: 'Matrix' }, expect: has(u, 'supplier') ? 403 : 404 }),
  },
  // A comment or a file on a copy (issue #13): written by the copy's readers who write on a request
  // (add-comment.ts CORRESPONDENTS); no copy on a shared deployment, so 404 for them, 403 for the
  // others. Two real instances: src/services/federation/attachments-cross.test.ts.
  'POST /partner-copies/{id}/comments': {
    access: ['sosa_officer', 'program_determination', 'rating_authority'],
    targets: 'requests',
    probe: (u, { request }) => ({ method: 'POST', path: `/partner-copies/${request!.id}/comments`, body: { body: 'Matrix', visibility: 'shared' }, expect: has(u, 'sosa_officer', 'program_determination', 'rating_authority') ? 404 : 403 }),
  },
  'POST /partner-copies/{id}/attachments': {
    access: ['sosa_officer', 'program_determination', 'rating_authority'],
    targets: 'requests',
    probe: (u, { request }) => ({ method: 'POST', path: `/partner-copies/${request!.id}/attachments`, multipart: true, expect: has(u, 'sosa_officer', 'program_determination', 'rating_authority') ? 404 : 403 }),
  },
  'PUT /postures/{arrangementId}': {
    access: ['sosa_officer'],
    targets: 'none',
    // Already peacetime: either party's officer gets 409 (nothing changes); a nation not party to US-IN, 404.
    probe: (u) => ({ method: 'PUT', path: '/postures/US-IN', body: { posture: 'peacetime' }, expect: !has(u, 'sosa_officer') ? 403 : u.nation === 'US' || u.nation === 'IN' ? 409 : 404 }),
  },
  'GET /events/{id}/surveys': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'events',
    probe: (u, { nation }) => ({
      method: 'GET',
      path: `/events/${fixtures.events[nation!]!}/surveys`,
      expect: networkAnswer(u, nation!, networkReader(u), 200),
      check: (b) => assert.deepEqual(b.surveys.map((s: { company: { shortName: string } }) => s.company.shortName), [SURVEYED_COMPANY[nation!]]),
    }),
  },
  'GET /events/{id}/report': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'events',
    // The after report of the nation's closed event; the other nation's is 404 as every event read.
    probe: (u, { nation }) => ({
      method: 'GET',
      path: `/events/${fixtures.closedEvents[nation!]!}/report`,
      expect: networkAnswer(u, nation!, networkReader(u), 200),
      check: (b) => assert.equal(b.event.id, fixtures.closedEvents[nation!]!),
    }),
  },
  'POST /events/{id}/surveys': {
    access: ['analyst', 'sosa_officer'],
    targets: 'events',
    // The fixture's company has its survey: its nation's writers get 409 (nobody left to ask), nothing changes.
    probe: (u, { nation }) => ({ method: 'POST', path: `/events/${fixtures.events[nation!]!}/surveys`, expect: networkAnswer(u, nation!, eventWriter(u), 409) }),
  },
  'POST /events/{id}/sites/status': {
    access: ['analyst', 'sosa_officer'],
    targets: 'events',
    // Potential → Restored is never allowed: its nation's writers get 409, and the site stays as it is.
    probe: (u, { nation }) => ({ method: 'POST', path: `/events/${fixtures.events[nation!]!}/sites/status`, body: { networkId: fixtures.networks[nation!]!.id, nodeId: 'steel', status: 'restored' }, expect: networkAnswer(u, nation!, eventWriter(u), 409) }),
  },
  'GET /surveys': {
    access: ['supplier'],
    targets: 'none',
    probe: (u) =>
      listProbe('/surveys', has(u, 'supplier') ? 200 : 403, NATIONS, { listedId: (nation) => fixtures.surveys[nation]!, seen: (nation) => u.company === SURVEYED_COMPANY[nation], name: (nation) => `${u.username} lists the ${nation} survey` }),
  },
  'GET /surveys/{id}': {
    access: ['supplier'],
    targets: 'events',
    probe: (u, { nation }) => ({ method: 'GET', path: `/surveys/${fixtures.surveys[nation!]!}`, expect: surveyReply(u, nation!) }),
  },
  'POST /surveys/{id}/answer': {
    access: ['supplier'],
    targets: 'events',
    // Answering again is allowed while the event is open: the asked company's users all get 200.
    probe: (u, { nation }) => ({ method: 'POST', path: `/surveys/${fixtures.surveys[nation!]!}/answer`, body: () => surveyAnswer(nation!), expect: surveyReply(u, nation!) }),
  },
  'GET /events/{id}': {
    access: ['analyst', 'sosa_officer', 'auditor'],
    targets: 'events',
    probe: (u, { nation }) => ({
      method: 'GET',
      path: `/events/${fixtures.events[nation!]!}`,
      expect: networkAnswer(u, nation!, networkReader(u), 200),
      // The impact is computed on the own nation's networks only: its matrix network is struck, the other nation's never.
      check: (b) => {
        const struck = b.impact.networks.map((n: { networkId: string }) => n.networkId);
        // Networks imported by other rows change the impact's inputs: it may be computing again (then nothing is shown yet).
        if (b.impact.status === 'computing') return assert.deepEqual(struck, []);
        assert.ok(struck.includes(fixtures.networks[nation!]!.id), `${u.username}: own matrix network struck`);
        for (const other of NATIONS.filter((x) => x !== nation)) assert.ok(!struck.includes(fixtures.networks[other]!.id), `${u.username}: ${other} network never analysed`);
      },
    }),
  },
  'GET /dashboard': {
    access: ['sosa_officer', 'auditor', 'program_determination', 'rating_authority', 'admin', 'analyst'],
    targets: 'none',
    probe: (u) => {
      let listed: ListedFigures | null = null;
      return {
        method: 'GET',
        path: '/dashboard',
        expect: has(u, 'supplier') ? 403 : 200,
        // What the same user lists through each register's route, fetched just before.
        setup: async () => {
          if (!has(u, 'supplier')) listed = await listedFigures(testApp, await testApp.login(u.username), u.nation);
        },
        check: (b) => {
          assert.equal(b.nation, u.nation);
          assert.deepEqual(dashboardFigures(b), listed, 'the dashboard counts what the lists show');
          // A Code of Conduct registry is its keeper's own: India's (and GB's in the test), never the US's.
          if (u.nation === 'US' || !has(u, 'sosa_officer', 'auditor', 'admin')) assert.equal(b.codeOfConduct, null);
          else assert.ok(u.nation !== 'IN' || b.codeOfConduct.total > 0, 'India counts its subscribers');
        },
      };
    },
  },
  // Issue #13: a peer instance's endpoints. No session authenticates them, the signature does: a
  // session of any role, like any unsigned call, is refused (403; on this shared deployment also
  // because it takes no messages at all).
  'POST /federation/inbox': { access: 'public', targets: 'none', probe: () => ({ method: 'POST', path: '/federation/inbox', body: { message: 'a.b.c' }, expect: 403, check: () => {} }) },
  'POST /federation/inbox/batch': { access: 'public', targets: 'none', probe: () => ({ method: 'POST', path: '/federation/inbox/batch', body: { messages: ['a.b.c'] }, expect: 403, check: () => {} }) },
  'GET /federation/outbox': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/federation/outbox?after=0&proof=a.b.c', expect: 403 }) },
  // A file's content for the peer it was sent to, by its hash (the refusals of a peer's wrong requests: attachments-cross.test.ts).
  'GET /federation/files/{sha256}': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: `/federation/files/${'0'.repeat(64)}?proof=a.b.c`, expect: 403 }) },
  'GET /openapi.json': { access: 'public', targets: 'none', probe: () => ({ method: 'GET', path: '/openapi.json', expect: 200, anonymous: true }) },
};

/** Demo register records of each kind, plus a US–GB posting no Indian user may see. */
async function registerFixtures(): Promise<Pick<typeof fixtures, 'subscriptions' | 'postings' | 'programs'>> {
  const db = testApp.ctx.store.db;
  const subs = await db.selectFrom('coc_subscriptions as s').innerJoin('organisations as o', 'o.id', 's.organisation_id').select(['s.id', 's.nation', 'o.short_name']).where('o.short_name', 'in', ['BPF', 'DEA']).orderBy('o.short_name').execute();
  const us = await testApp.login('us.sosa');
  const usToGb = await testApp.call(us, 'POST', '/liaison-officers', { officerName: 'Matrix US officer', serviceNumber: 'M-US-GB', hostNation: 'GB', hostCommand: 'Permanent Joint Headquarters', startDate: '2026-01-01', endDate: null, status: 'active' });
  assert.equal(usToGb.status, 201);
  const demo = await db.selectFrom('liaison_postings').select(['id', 'sending_nation', 'host_nation', 'host_command']).where('host_command', 'in', ['US Indo-Pacific Command (INDOPACOM)', 'Information Fusion Centre – Indian Ocean Region (IFC-IOR)']).orderBy('sending_nation').execute();
  return {
    subscriptions: subs.map((s) => ({ id: s.id, label: `Code of Conduct entry of ${s.short_name}`, nations: [s.nation], writers: [s.nation], company: s.short_name })),
    postings: [
      ...demo.map((p) => ({ id: p.id, label: `${p.sending_nation}→${p.host_nation} posting`, nations: [p.sending_nation, p.host_nation], writers: [p.sending_nation] })),
      { id: usToGb.body.id, label: 'US→GB posting', nations: ['US', 'GB'], writers: ['US'] },
    ],
    programs: [
      { id: 'IN-LCA-MK2-ENGINE', label: 'IN–US F414 program', nations: ['IN', 'US'], writers: ['IN', 'US'] },
      { id: 'GB-TYPE26', label: 'GB-only program', nations: ['GB'], writers: ['GB'] },
    ],
  };
}

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

let testApp: TestApp;

function targetsOf(row: Row, u: DemoUser): Target[] {
  if (row.targets === 'requests') return fixtures.requests.map((request) => ({ request }));
  if (row.targets === 'contacts') return fixtures.contacts.map((contact) => ({ contact }));
  if (row.targets === 'groups') return fixtures.groups.map((group) => ({ group }));
  if (row.targets === 'ledgerOrders') return fixtures.ledgerOrders.map((ledgerOrder) => ({ ledgerOrder }));
  if (row.targets === 'orders') return fixtures.orders.map((order) => ({ order }));
  if (row.targets === 'spas') return fixtures.spas.map((spa) => ({ spa }));
  if (row.targets === 'subscriptions') return fixtures.subscriptions.map((record) => ({ record }));
  if (row.targets === 'postings') return fixtures.postings.map((record) => ({ record }));
  if (row.targets === 'programs') return fixtures.programs.map((record) => ({ record }));
  if (row.targets === 'nations') return [...new Set([u.nation, ...NATIONS])].filter((n) => NATIONS.includes(n)).map((nation) => ({ nation }));
  if (row.targets === 'networks' || row.targets === 'events') return NATIONS.map((nation) => ({ nation }));
  return [{}];
}

function describeTarget(u: DemoUser, target: Target): string {
  if (target.order) return `${target.order.company === u.company ? 'own' : target.order.company} order`;
  if (target.spa) return `SPA of ${target.spa.company}${target.spa.forwarded ? ' (forwarded)' : ''}`;
  if (target.request) return `${target.request.direction} request (${target.request.companies.join(', ') || 'no company'}${target.request.closed.length ? `; closed: ${target.request.closed.join(', ')}` : ''})`;
  if (target.contact) return `${target.contact.nation} point of contact`;
  if (target.group) return `${target.group.arrangement} working group`;
  if (target.ledgerOrder) return `${target.ledgerOrder.nations.join('→')} logistics order`;
  if (target.record) return target.record.label;
  if (target.nation) return target.nation === u.nation ? `own nation ${target.nation}` : `other nation ${target.nation}`;
  return '';
}

async function send(t: TestApp, token: string | null, probe: Probe): Promise<{ status: number; body: any; headers: Headers }> {
  if (probe.multipart) return upload(t, token, probe.path.split('/')[2]!, undefined, undefined, probe.path);
  const body = typeof probe.body === 'function' ? await (probe.body as () => Promise<unknown>)() : probe.body;
  return t.call(token, probe.method, probe.path, body);
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
    // Besides the open ones, a request whose first supplier's order was rejected and replaced, and
    // one on which a company declined: the company whose line closed gets 404 like a stranger.
    for (const [direction, stage] of [['IN->US', 'placed'], ['US->IN', 'routed'], ['US->GB', 'submitted'], ['GB->JP', 'submitted'], ['IN->US', 'replaced'], ['US->IN', 'committed']] as [Direction, Stage][]) {
      requests.push(await buildRequest(testApp, direction, stage));
    }
    // One DO-A1 order in each supplier company's book (flow-down targets).
    const orders: MatrixOrder[] = [];
    for (const u of USERS.filter((x) => x.company)) {
      const org = await companyId(testApp, u.company!);
      const id = randomUUID();
      await testApp.ctx.store.db
        .insertInto('supplier_orders')
        .values({ id, organisation_id: org, order_number: `MF-${u.company}`, customer: 'Matrix customer', rating: 'DO-A1', priority: 'DO', resource_id: null, quantity: 2, required_delivery_date: '2027-02-01', received_at: new Date('2026-11-20T12:00:00Z'), accepted: false, request_id: null })
        .execute();
      orders.push({ id, company: u.company!, nation: u.nation });
    }
    // SPA requests: Lynn's, forwarded to Commerce and about the order of India's SOSA request;
    // BPF's, submitted. A step by the filer and the office of each nation.
    const spaOf = async (username: string, company: string, nation: string, orderId: string | null): Promise<MatrixSpa> => {
      const u = USERS.find((x) => x.username === username)!;
      const body = spaBody(u);
      if (orderId) body.orders = [{ ...body.orders[0]!, orderId, orderNumber: `MF-${company}` } as never];
      const res = await testApp.call(await testApp.login(username), 'POST', '/spa-requests', { ...body, submit: true });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return { id: res.body.id, company, nation, forwarded: false, partner: null };
    };
    const lynnOrder = orders.find((o) => o.company === 'LYNN-TURB')!;
    const placed = requests.find((r) => r.direction === 'IN->US')!;
    await testApp.ctx.store.db.updateTable('supplier_orders').set({ request_id: placed.id }).where('id', '=', lynnOrder.id).execute();
    const lynnSpa = await spaOf('us.supplier', 'LYNN-TURB', 'US', lynnOrder.id);
    const sosa = await testApp.login('us.sosa');
    for (const step of [{ action: 'start_review' }, { action: 'forward_to_commerce', note: 'Matrix forward' }]) assert.equal((await testApp.call(sosa, 'POST', `/spa-requests/${lynnSpa.id}/transitions`, step)).status, 200);
    const bpfSpa = await spaOf('in.supplier', 'BPF', 'IN', null);
    fixtures = {
      requests,
      ministries: { IN: await companyId(testApp, MINISTRY.IN!), US: await companyId(testApp, MINISTRY.US!) },
      analysts: { IN: await userId(testApp, 'in.analyst'), US: await userId(testApp, 'us.analyst') },
      ...(await buildPartnershipFixtures(testApp)),
      orders,
      spas: [{ ...lynnSpa, forwarded: true, partner: 'IN' }, bpfSpa],
      threads: {},
      ...(await registerFixtures()),
      networks: {},
      events: {},
      closedEvents: {},
      surveys: {},
    };
    // A thread on each fixture request, opened by the requesting nation's officer, with a shared
    // and an internal message: the matrix checks who finds it, posts in it and is told of it.
    for (const r of requests) {
      const officer = await testApp.login(`${r.fromNation.toLowerCase()}.sosa`);
      const created = await testApp.call(officer, 'POST', '/threads', { subjectKind: 'request', subjectId: r.id, title: `Matrix thread ${r.direction}`, message: { body: 'shared matrix message' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await testApp.call(officer, 'POST', `/threads/${created.body.id}/messages`, { body: 'internal matrix message', visibility: 'internal' })).status, 201);
      fixtures.threads[r.id] = created.body.id;
    }
    for (const nation of NATIONS) {
      const token = await testApp.login(`${nation.toLowerCase()}.analyst`);
      // The steel site is linked to a company of the nation, so the fixture event's survey asks it.
      const linked = { ...TINY_NETWORK, nodes: [{ ...TINY_NETWORK.nodes[0]!, organisation: SURVEYED_COMPANY[nation]! }, TINY_NETWORK.nodes[1]!] };
      const network = await testApp.call(token, 'POST', '/networks', { name: `Matrix fixture ${nation}`, network: linked });
      const analysis = await testApp.call(token, 'POST', `/networks/${network.body.id}/analyses`, { kind: 'structural' });
      assert.equal(analysis.status, 201, JSON.stringify(analysis.body));
      fixtures.networks[nation] = { id: network.body.id, analysisId: analysis.body.id };
      const event = await testApp.call(token, 'POST', '/events', matrixEvent(`Matrix fixture event ${nation}`));
      assert.equal(event.status, 201, JSON.stringify(event.body));
      fixtures.events[nation] = event.body.id;
      const closed = await testApp.call(token, 'POST', '/events', matrixEvent(`Matrix closed event ${nation}`));
      assert.equal((await testApp.call(token, 'POST', `/events/${closed.body.id}/close`, { note: 'Matrix fixture' })).status, 200);
      fixtures.closedEvents[nation] = closed.body.id;
      const sent = await testApp.call(token, 'POST', `/events/${event.body.id}/surveys`);
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      fixtures.surveys[nation] = sent.body.surveys[0].id;
    }
    // The fixture events' impacts, computed before the probes read them.
    for (const nation of NATIONS) await testApp.call(await testApp.login(`${nation.toLowerCase()}.analyst`), 'GET', `/events/${fixtures.events[nation]!}`);
    await settleEventImpacts(testApp.ctx);
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
      const path = route.path.replace('{id}', route.path.startsWith('/users') ? fixtures.analysts.IN! : r.id).replace('{attachmentId}', r.sharedAttachmentId).replace('{nation}', 'IN').replace('{date}', '2026-10-02').replace('{meetingId}', r.id).replace('{itemId}', r.id);
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
