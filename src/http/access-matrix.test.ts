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
  /** A record of a partnership register (Code of Conduct entry, liaison posting, program). */
  record?: RegisterRecord;
  /** A nation code (calendars) or the nation of the user acted on (user administration). */
  nation?: string;
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

interface Row {
  access: RouteAccess;
  targets: 'none' | 'requests' | 'nations' | 'subscriptions' | 'postings' | 'programs';
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

let fixtures: {
  requests: BuiltRequest[];
  ministries: Record<string, string>;
  analysts: Record<string, string>;
  subscriptions: RegisterRecord[];
  postings: RegisterRecord[];
  programs: RegisterRecord[];
};

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
  if (row.targets === 'subscriptions') return fixtures.subscriptions.map((record) => ({ record }));
  if (row.targets === 'postings') return fixtures.postings.map((record) => ({ record }));
  if (row.targets === 'programs') return fixtures.programs.map((record) => ({ record }));
  if (row.targets === 'nations') return [...new Set([u.nation, ...NATIONS])].filter((n) => NATIONS.includes(n)).map((nation) => ({ nation }));
  return [{}];
}

function describeTarget(u: DemoUser, target: Target): string {
  if (target.request) return `${target.request.direction} request (${target.request.companies.join(', ') || 'no company'})`;
  if (target.record) return target.record.label;
  if (target.nation) return target.nation === u.nation ? `own nation ${target.nation}` : `other nation ${target.nation}`;
  return '';
}

async function send(t: TestApp, token: string | null, probe: Probe): Promise<{ status: number; body: any; headers: Headers }> {
  if (probe.multipart) return upload(t, token, probe.path.split('/')[2]!);
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
    for (const [direction, stage] of [['IN->US', 'placed'], ['US->IN', 'routed'], ['US->GB', 'submitted'], ['GB->JP', 'submitted']] as [Direction, 'placed' | 'routed' | 'submitted'][]) {
      requests.push(await buildRequest(testApp, direction, stage));
    }
    fixtures = {
      requests,
      ministries: { IN: await companyId(testApp, MINISTRY.IN!), US: await companyId(testApp, MINISTRY.US!) },
      analysts: { IN: await userId(testApp, 'in.analyst'), US: await userId(testApp, 'us.analyst') },
      ...(await registerFixtures()),
    };
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
