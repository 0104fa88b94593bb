import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../domain/workflows/workflow-definition.js';
import { F414_BLADES } from '../testing/fixtures.js';
import { companyId, requestBody, upload, userId } from '../testing/request-builders.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.js';
import { addPeer, checkPeerDescriptor } from '../services/federation/add-peer.js';
import { shareExistingWithPeer } from '../services/federation/share-existing-with-peer.js';
import { exportDescriptor } from '../services/federation/export-descriptor.js';
import { generateSigningKey } from '../services/federation/key-store.js';
import { ROUTE_CATALOG } from './route.js';
import { randomUUID } from 'node:crypto';
import { MESSAGE_TYPE } from '../domain/federation/descriptor.js';
import { signPayload } from '../domain/federation/signing.js';
import { lastInboundSeq } from '../store/federation-messages.repository.js';
import { loadActiveSigningKey } from '../services/federation/key-store.js';
import { DEMO_USERS, type DemoUser } from '../testing/demo-users.js';

/**
 * The canary sweep (DESIGN.md, "one border projection per object kind"; issue #10): every demo
 * user writes a unique canary string into every free-text and reference field it can write, on
 * every kind of object, while both request paths are driven to the states where the border
 * matters (a Code of Conduct request routed to two companies, one declining, one committing, one
 * left routed; a rated order rejected and placed again with a second supplier). Then every demo
 * user reads every GET route of the catalog — details with every id there is, lists with and
 * without filters, histories, the export registers, notifications, the dashboard, the audit log —
 * and no canary may appear where the table below says that reader may not read it.
 *
 * The table is written from the rules as the design states them (DESIGN.md, README, the issue),
 * not from the code under test: who wrote it, with which visibility, on which object → who may
 * read. A write the border refuses (a company whose line has closed writes on the request) plants
 * nothing; any canary planted must be read back by someone, so the sweep cannot pass by reading
 * nowhere. One app serves the whole sweep: a US instance (SOSA_NATION=US) peered with India's, so
 * that what it would send India is swept as well (issue #13). SOSA_SWEEP_REPORT=FILE writes every violation to FILE;
 * SOSA_SWEEP_TIMING=1 prints how long the writes and the reads took.
 */

const USERS = DEMO_USERS;
const U = (username: string) => USERS.find((u) => u.username === username)!;
const has = (u: DemoUser, ...roles: Role[]) => roles.some((r) => u.roles.includes(r));
const official = (u: DemoUser) => u.company === null;

// ——— the requests the sweep drives, and where each stands at the end ———
type Scenario = 'dpas-replaced' | 'dpas-placed' | 'dpas-withdrawn' | 'coc-committed' | 'coc-routed' | 'coc-refused';
interface ScenarioFacts {
  from: 'IN' | 'US';
  to: 'IN' | 'US';
  /** Companies ever put to the request. */
  assigned: string[];
  /** Companies whose line is live at the end (asked and not answered, order placed, committed). */
  live: string[];
  /** The company that performs at the end: it holds the placed order or the accepted commitment. */
  performer: string | null;
}
const SCENARIOS: Record<Scenario, ScenarioFacts> = {
  // Lynn rejected its rated order; the order went to Ohio, which accepted and delivered.
  'dpas-replaced': { from: 'IN', to: 'US', assigned: ['LYNN-TURB', 'OHIO-CAST'], live: ['OHIO-CAST'], performer: 'OHIO-CAST' },
  // A rated order placed with Lynn, not yet answered (returned for information once before).
  'dpas-placed': { from: 'IN', to: 'US', assigned: ['LYNN-TURB'], live: ['LYNN-TURB'], performer: 'LYNN-TURB' },
  'dpas-withdrawn': { from: 'IN', to: 'US', assigned: [], live: [], performer: null },
  // Routed to BPF and DEA; DEA declined, BPF committed and delivered.
  'coc-committed': { from: 'US', to: 'IN', assigned: ['BPF', 'DEA'], live: ['BPF'], performer: 'BPF' },
  // Routed to BPF and DEA, nobody has answered.
  'coc-routed': { from: 'US', to: 'IN', assigned: ['BPF', 'DEA'], live: ['BPF', 'DEA'], performer: null },
  // Both declined; India denied the request.
  'coc-refused': { from: 'US', to: 'IN', assigned: ['BPF', 'DEA'], live: [], performer: null },
};

// ——— the expected-visibility table ———
type Origin =
  /** A request's record, a step's fields, a comment, a file, a thread or message on a request. `line`: the company an official's step is addressed to (a rated order placed with it); `desk`: the text is also that company's own record (its order book, its answers), which stays its own after its line closes. */
  | { kind: 'request'; scenario: Scenario; writer: DemoUser; visibility: 'shared' | 'internal'; line?: string; desk?: boolean }
  | { kind: 'contact'; writer: DemoUser }
  | { kind: 'working_group'; writer: DemoUser; nations: string[]; members: string[] }
  | { kind: 'logistics'; writer: DemoUser; nations: string[] }
  | { kind: 'liaison'; writer: DemoUser; nations: string[] }
  /** `reference`: a program's id and name, reference data for requests (a request may name a program of either nation of its arrangement). */
  | { kind: 'program'; writer: DemoUser; nations: string[]; reference?: boolean }
  | { kind: 'code_of_conduct'; writer: DemoUser; company: string }
  | { kind: 'network'; writer: DemoUser }
  | { kind: 'event'; writer: DemoUser }
  /** A company's answer to its nation's impact survey. */
  | { kind: 'survey'; writer: DemoUser }
  | { kind: 'thread'; writer: DemoUser; nations: string[]; visibility: 'shared' | 'internal' }
  | { kind: 'order_book'; writer: DemoUser; companies: string[] }
  | { kind: 'spa'; writer: DemoUser; filer: string; nation: string; forwarded: boolean; draft: boolean; partnerNation: string | null; partnerView: boolean }
  | { kind: 'holiday'; writer: DemoUser }
  | { kind: 'user'; writer: DemoUser }
  | { kind: 'own'; writer: DemoUser }
  | { kind: 'posture'; writer: DemoUser; nations: string[] }
  /** A comment or file written on this instance's partner copy of a request `holder` holds (issue #13). */
  | { kind: 'copy_note'; writer: DemoUser; holder: string; visibility: 'shared' | 'internal' };

type Rule<K extends Origin['kind']> = (reader: DemoUser, origin: Extract<Origin, { kind: K }>) => boolean;

/** Whether `u` reads request `s` at all: users of its two nations; a company only while its line is live. */
const readsRequest = (u: DemoUser, s: ScenarioFacts) => (u.nation === s.from || u.nation === s.to) && (u.company === null || s.live.includes(u.company));
/** Whether `u` may know that `company` is on request `s`: the supplying nation's officials; the company itself; everyone who reads the request once it performs. */
const knowsCompany = (u: DemoUser, s: ScenarioFacts, company: string) => (official(u) && u.nation === s.to) || u.company === company || company === s.performer;

const RULES: { [K in Origin['kind']]: Rule<K> } = {
  // DESIGN.md sovereignty rule: internal notes stay with the officials of the writer's nation; a
  // company sees only its own line; company content and the companies themselves cross to the
  // requesting nation only for the company that performs; a closed line reads nothing more — but
  // a rated order stays on its supplier's desk (15 CFR 700.91).
  request: (u, o) => {
    const s = SCENARIOS[o.scenario];
    const line = o.writer.company ?? o.line ?? null;
    if (o.desk && line !== null && u.company === line) return true;
    if (!readsRequest(u, s)) return false;
    if (o.visibility === 'internal' && !(official(u) && u.nation === o.writer.nation)) return false;
    return line === null || knowsCompany(u, s, line);
  },
  // Points of contact: both nations of an arrangement read them; companies do not (README, partnership desk).
  contact: (u) => official(u),
  // Working groups: the SOSA officers and auditors of its two nations, and its members.
  working_group: (u, o) => o.nations.includes(u.nation) && (has(u, 'sosa_officer', 'auditor') || o.members.includes(u.username)),
  // The logistics ledger, liaison postings and programs: SOSA officers and auditors of the nations party to them.
  logistics: (u, o) => o.nations.includes(u.nation) && has(u, 'sosa_officer', 'auditor'),
  liaison: (u, o) => o.nations.includes(u.nation) && has(u, 'sosa_officer', 'auditor'),
  program: (u, o) => (o.reference ? partnersOf(o.writer.nation).includes(u.nation) : o.nations.includes(u.nation) && has(u, 'sosa_officer', 'auditor')),
  // A Code of Conduct registry is its nation's own: officers, auditors, admins; a company its own entry.
  code_of_conduct: (u, o) => u.nation === o.writer.nation && (has(u, 'sosa_officer', 'auditor', 'admin') || u.company === o.company),
  // Networks and scenarios are national: analysts, SOSA officers and auditors of the nation.
  network: (u, o) => u.nation === o.writer.nation && has(u, 'analyst', 'sosa_officer', 'auditor'),
  // Disruption events are national too (issue #15): the nation's analysts, SOSA officers and auditors.
  event: (u, o) => u.nation === o.writer.nation && has(u, 'analyst', 'sosa_officer', 'auditor'),
  // An arrangement's posture and its history (issue #15): the SOSA officers and auditors of both its nations.
  posture: (u, o) => o.nations.includes(u.nation) && has(u, 'sosa_officer', 'auditor'),
  // A survey answer: the answering company itself, and its nation's analysts, SOSA officers and auditors — no other company.
  survey: (u, o) => u.nation === o.writer.nation && (has(u, 'analyst', 'sosa_officer', 'auditor') || (u.company !== null && u.company === o.writer.company)),
  // Threads on working groups, programs or in general are between the officials of their nations; an internal one of its nation only.
  thread: (u, o) => o.nations.includes(u.nation) && official(u) && (o.visibility === 'shared' || u.nation === o.writer.nation),
  // A company's order book (lines, orders, sub-orders it placed or received): its own users; its nation's auditors read order trees.
  order_book: (u, o) => (u.company !== null && o.companies.includes(u.company)) || (has(u, 'auditor') && u.nation === o.writer.nation),
  // BIS-999 is business-confidential: the filer, its nation's auditors, SOSA office and DoD (not drafts), Commerce once forwarded;
  // the partner view (orders, program, action requested, outcome) to the SOSA officer of the nation whose request the filer performs.
  spa: (u, o) =>
    (u.nation === o.nation && (u.company === o.filer || has(u, 'auditor') || (!o.draft && (has(u, 'sosa_officer', 'program_determination') || (has(u, 'rating_authority') && o.forwarded))))) ||
    (o.partnerView && !o.draft && o.partnerNation === u.nation && has(u, 'sosa_officer')),
  // Calendars are public to every user; user accounts to their nation's admins and auditors; one's e-mail address to oneself.
  holiday: () => true,
  user: (u, o) => u.nation === o.writer.nation && has(u, 'admin', 'auditor'),
  own: (u, o) => u.username === o.writer.username,
  // What officials write on their partner copy (issue #13): read here by the copy's readers, the
  // writer's nation's officials; a shared one also by the holder's officials (it crosses to them),
  // an internal one never leaves the writer's nation.
  copy_note: (u, o) => official(u) && (u.nation === o.writer.nation || (o.visibility === 'shared' && u.nation === o.holder)),
};

/** The demo nations that share an arrangement with `nation` (US–IN). */
function partnersOf(nation: string): string[] {
  return nation === 'US' || nation === 'IN' ? ['US', 'IN'] : [nation];
}

const mayRead = (u: DemoUser, o: Origin) => (RULES[o.kind] as (u: DemoUser, o: Origin) => boolean)(u, o);

/** Names and ids by which a company is recognised: nobody who may not know it is on a request finds them in that request's reads. */
const COMPANY_TRACES: Record<string, string[]> = {
  BPF: ['Bharat Precision Forgings', 'Kiran Shetty'],
  DEA: ['Deccan Electro-Avionics', 'Meera Nair'],
  'LYNN-TURB': ['Lynn Turbine Components', 'Tom Kowalski'],
  'OHIO-CAST': ['Ohio Precision Castings', 'Ana Ruiz'],
};

// ——— planting ———
interface Planted {
  label: string;
  origin: Origin;
}
const planted = new Map<string, Planted>();
let seq = 0;
function canary(label: string, origin: Origin): string {
  const c = `CNRY${String(++seq).padStart(5, '0')}`;
  planted.set(c, { label, origin });
  return c;
}
const CANARY = /cnry\d{5}/gi;

let t: TestApp;
const keyRoot = mkdtempSync(join(tmpdir(), 'sosa-canary-keys-'));

/** India's instance as a peer of the swept US instance: its key and descriptor, as `sosa peer add` takes it. */
async function peerWithIndia(): Promise<void> {
  await generateSigningKey(t.ctx.config.keyDir, t.ctx.now());
  const inKeys = join(keyRoot, 'in-keys');
  await generateSigningKey(inKeys, t.ctx.now());
  const descriptor = await exportDescriptor({ nation: 'IN', baseUrl: 'http://127.0.0.1:47002', arrangements: ['US-IN'], keyDir: inKeys, now: t.ctx.now() });
  await addPeer({ ctx: t.ctx, checked: await checkPeerDescriptor(descriptor.jws, 'US') });
}
const requests = {} as Record<Scenario, string>;
/** A request of the US's that India holds: on the swept instance, a partner copy (issue #13). */
const copyId = randomUUID();

/**
 * India's instance sends the US its request (as `request.shared`, signed with India's key), so the
 * swept instance holds a partner copy; its officials write on it, shared (sent to India) and
 * internal (kept here), a comment and a file each.
 */
async function driveCopy(): Promise<void> {
  const message = {
    id: randomUUID(), arrangement: 'US-IN', from: 'IN', to: 'US', seq: (await lastInboundSeq(t.ctx.store.db, 'IN')) + 1, kind: 'request.shared',
    object: { type: 'request', id: copyId, version: 1 }, answers: null, sentAt: t.ctx.now().toISOString(),
    body: { request: { id: copyId, reference: 'SOSA-IN-2026-00901', title: 'Held by India', fromNation: 'US', toNation: 'IN', arrangementId: 'US-IN', workflowId: 'coc', state: 'submitted', urgency: 'routine', programId: 'US-155MM', requiredBy: null, justification: 'x', classification: 'UNCLASSIFIED', createdAt: t.ctx.now().toISOString(), updatedAt: t.ctx.now().toISOString() }, fields: {}, supplier: null, assignments: [], items: [], history: [], comments: [] },
  };
  must(await t.call(null, 'POST', '/federation/inbox', { message: await signPayload(message, await loadActiveSigningKey(join(keyRoot, 'in-keys')), MESSAGE_TYPE) }), 'India sends a request it holds');
  for (const u of USERS.filter((x) => x.nation === 'US')) {
    for (const visibility of ['shared', 'internal'] as const) {
      const text = canary(`${visibility} comment on a copy`, { kind: 'copy_note', writer: u, holder: 'IN', visibility });
      attempt(await call(u.username, 'POST', `/partner-copies/${copyId}/comments`, { body: text, visibility }), `${u.username} comments on a copy`, [text]);
    }
    const name = canary('file on a copy', { kind: 'copy_note', writer: u, holder: 'IN', visibility: 'shared' });
    const content = canary('file content on a copy', { kind: 'copy_note', writer: u, holder: 'IN', visibility: 'shared' });
    const res = await upload(t, await t.login(u.username), copyId, { name: `${name}.txt`, type: 'text/plain', content }, undefined, `/partner-copies/${copyId}/attachments`);
    attempt(res, `${u.username} attaches on a copy`, [name, content]);
  }
}
const threadsOf: Record<string, string[]> = {};

type Res = { status: number; body: any };
/** A write that must succeed. */
function must(res: Res, what: string): any {
  assert.ok(res.status >= 200 && res.status < 300, `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}
/** A write the border may refuse (4xx, never 5xx): a refused write plants nothing. */
function attempt(res: Res, what: string, canaries: string[]): boolean {
  assert.ok(res.status < 500, `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  if (res.status >= 300) for (const c of canaries) planted.delete(c);
  return res.status < 300;
}
const canariesIn = (value: unknown) => [...JSON.stringify(value).matchAll(CANARY)].map((m) => m[0].toUpperCase());

async function call(user: string, method: string, path: string, body?: unknown): Promise<Res> {
  return t.call(await t.login(user), method, path, body);
}

const on = (scenario: Scenario, writer: string, visibility: 'shared' | 'internal' = 'shared', extra: { line?: string; desk?: boolean } = {}): Origin => ({ kind: 'request', scenario, writer: U(writer), visibility, ...extra });

async function submit(scenario: Scenario, officer: string, program: string): Promise<void> {
  const o = on(scenario, officer);
  const s = SCENARIOS[scenario];
  const body = requestBody(s.to, program, {
    title: canary('request title', o),
    justification: canary('request justification', o),
    items: [{ ...F414_BLADES.items[0]!, partNumber: canary('item part number', o), description: canary('item description', o) }],
  });
  requests[scenario] = must(await call(officer, 'POST', '/requests', body), `${officer} submits ${scenario}`).id;
  threadsOf[requests[scenario]] = [];
}

async function step(scenario: Scenario, user: string, action: string, fields: Record<string, unknown>, options: { mayFail?: boolean } = {}): Promise<void> {
  const res = await call(user, 'POST', `/requests/${requests[scenario]}/transitions`, { action, ...fields });
  if (options.mayFail) attempt(res, `${user} ${action} on ${scenario}`, canariesIn(fields));
  else must(res, `${user} ${action} on ${scenario}`);
}

/** A write that must succeed, or (mayFail) one the border may refuse. */
function outcome(res: Res, what: string, canaries: string[], mayFail: boolean): boolean {
  if (!mayFail) must(res, what);
  return attempt(res, what, canaries);
}

async function comment(scenario: Scenario, user: string, visibility: 'shared' | 'internal' = 'shared', options: { prefix?: string; mayFail?: boolean } = {}): Promise<void> {
  const text = `${options.prefix ?? ''}${canary(`${visibility} comment`, on(scenario, user, visibility))}`;
  outcome(await call(user, 'POST', `/requests/${requests[scenario]}/comments`, { body: text, visibility }), `${user} comments on ${scenario}`, canariesIn(text), options.mayFail ?? false);
}

async function attach(scenario: Scenario, user: string, visibility: 'shared' | 'internal' = 'shared', mayFail = false): Promise<void> {
  const o = on(scenario, user, visibility);
  const name = canary(`${visibility} file name`, o);
  const content = canary(`${visibility} file content`, o);
  const res = await upload(t, await t.login(user), requests[scenario], { name: `${name}.txt`, type: 'text/plain', content }, visibility);
  outcome(res, `${user} uploads on ${scenario}`, [name, content], mayFail);
}

/** Opens a thread on the request (with a first message); returns its id, or null when refused. */
async function requestThread(scenario: Scenario, user: string, scope: 'arrangement' | 'internal' = 'arrangement', mayFail = false): Promise<string | null> {
  const visibility = scope === 'internal' ? 'internal' : 'shared';
  const title = canary(`${scope} request thread title`, on(scenario, user, visibility));
  const body = canary(`${scope} request thread first message`, on(scenario, user, visibility));
  const res = await call(user, 'POST', '/threads', { subjectKind: 'request', subjectId: requests[scenario], title, scope, message: { body } });
  if (!outcome(res, `${user} opens a thread on ${scenario}`, [title, body], mayFail)) return null;
  threadsOf[requests[scenario]]!.push(res.body.id);
  return res.body.id;
}

async function message(scenario: Scenario, threadId: string, user: string, visibility: 'shared' | 'internal' = 'shared', options: { prefix?: string; mayFail?: boolean } = {}): Promise<void> {
  const text = `${options.prefix ?? ''}${canary(`${visibility} thread message`, on(scenario, user, visibility))}`;
  outcome(await call(user, 'POST', `/threads/${threadId}/messages`, { body: text, visibility }), `${user} posts on ${scenario}`, canariesIn(text), options.mayFail ?? false);
}

/** What every party writes on a request it works: comments, files, a thread with messages. */
async function officialsWrite(scenario: Scenario, users: string[]): Promise<void> {
  for (const u of users) {
    await comment(scenario, u, 'shared');
    await comment(scenario, u, 'internal');
    await attach(scenario, u, 'shared');
    await attach(scenario, u, 'internal');
  }
  const shared = (await requestThread(scenario, users[0]!))!;
  await message(scenario, shared, users[0]!, 'internal');
  await requestThread(scenario, users[0]!, 'internal');
}
/** What a company writes on a request; after its line closed (mayFail) the border may refuse each write. */
async function companyWrites(scenario: Scenario, user: string, options: { thread?: string; mayFail?: boolean } = {}): Promise<void> {
  const mayFail = options.mayFail ?? false;
  await comment(scenario, user, 'shared', { mayFail });
  await attach(scenario, user, 'shared', mayFail);
  await requestThread(scenario, user, 'arrangement', mayFail);
  if (options.thread) await message(scenario, options.thread, user, 'shared', { mayFail });
}

const placeOrder = async (scenario: Scenario, company: string, orderNo: string) => {
  const line = { line: company, desk: true };
  await step(scenario, 'us.sosa', 'place_rated_order', {
    supplier: await companyId(t, company),
    order_number: `${orderNo}-${canary('rated order number', on(scenario, 'us.sosa', 'shared', line))}`,
    required_delivery_date: '2027-03-31',
    signed_by: canary('rated order signer', on(scenario, 'us.sosa', 'shared', line)),
    certified: true,
  });
};
const toRatingAuthorized = async (scenario: Scenario) => {
  await step(scenario, 'us.sosa', 'forward_for_determination', { note: canary('forward note', on(scenario, 'us.sosa')) });
  await step(scenario, 'us.dod', 'determine_program', { approved_program: canary('approved program', on(scenario, 'us.dod')), determination_reference: canary('determination reference', on(scenario, 'us.dod')) });
  await step(scenario, 'us.commerce', 'authorize_rating', { rating: 'DO-A1', authorization_reference: canary('authorization reference', on(scenario, 'us.commerce')) });
};

/**
 * US → India requests are held by India's desk (issue #13: a request lives on the instance of the
 * nation that decides it; submitted on the US desk it crosses as request.submit). The swept
 * instance holds every record at once, so these are submitted before it is peered, as on a shared
 * deployment; their later steps cross to India like those of any request it holds.
 */
async function submitRequestsHeldByIndia(): Promise<void> {
  await submit('coc-committed', 'us.sosa', 'US-SONOBUOY');
  await submit('coc-routed', 'us.sosa', 'US-155MM');
  await submit('coc-refused', 'us.sosa', 'US-JAVELIN');
}

async function driveRequests(): Promise<void> {
  // India → US, DPAS: Lynn rejects, the order goes to Ohio.
  await submit('dpas-replaced', 'in.sosa', 'IN-LCA-MK2-ENGINE');
  await step('dpas-replaced', 'us.sosa', 'acknowledge', { note: canary('acknowledgement note', on('dpas-replaced', 'us.sosa')) });
  await toRatingAuthorized('dpas-replaced');
  await officialsWrite('dpas-replaced', ['in.sosa', 'us.sosa', 'us.dod', 'us.commerce']);
  const inThread = threadsOf[requests['dpas-replaced']]![0]!;
  await placeOrder('dpas-replaced', 'LYNN-TURB', 'PO-1');
  await companyWrites('dpas-replaced', 'us.supplier', { thread: inThread });
  // While Lynn holds the order India may read it, and be told of it.
  await comment('dpas-replaced', 'us.supplier', 'shared', { prefix: '@in.sosa ' });
  await step('dpas-replaced', 'us.supplier', 'reject_rated_order', {
    ground: 'cannot_meet_date',
    reasons: canary('rejection reasons', on('dpas-replaced', 'us.supplier', 'shared', { desk: true })),
    earliest_possible_date: '2027-05-03',
  });
  // The rejected supplier tries to go on writing.
  await companyWrites('dpas-replaced', 'us.supplier', { thread: inThread, mayFail: true });
  await placeOrder('dpas-replaced', 'OHIO-CAST', 'PO-2');
  await companyWrites('dpas-replaced', 'us.supplier2', { thread: inThread });
  await step('dpas-replaced', 'us.supplier2', 'accept_rated_order', { promised_delivery_date: '2027-03-20' });
  // The performing company's delay notice crosses to India with the company (it performs).
  await step('dpas-replaced', 'us.supplier2', 'report_delay', { new_delivery_date: '2027-04-15', reasons: canary('delay reasons', on('dpas-replaced', 'us.supplier2')) });
  await step('dpas-replaced', 'us.supplier2', 'mark_delivered', { delivered_on: '2026-11-23', shipment_reference: canary('shipment reference', on('dpas-replaced', 'us.supplier2')) });
  await step('dpas-replaced', 'in.sosa', 'confirm_receipt_and_close', { note: canary('closing note', on('dpas-replaced', 'in.sosa')) });

  // India → US, DPAS: returned once, then placed with Lynn, which has not answered.
  await submit('dpas-placed', 'in.sosa', 'IN-MQ9B');
  await step('dpas-placed', 'us.sosa', 'return_for_information', { question: canary('question', on('dpas-placed', 'us.sosa')) });
  // The answer corrects the line items: the corrected part number and description are the request's, shared like it.
  const corrected = { ...F414_BLADES.items[0]!, partNumber: canary('corrected item part number', on('dpas-placed', 'in.sosa')), description: canary('corrected item description', on('dpas-placed', 'in.sosa')) };
  await step('dpas-placed', 'in.sosa', 'resubmit', { answer: canary('answer', on('dpas-placed', 'in.sosa')), items: [corrected] });
  await step('dpas-placed', 'us.sosa', 'acknowledge', {});
  await toRatingAuthorized('dpas-placed');
  await placeOrder('dpas-placed', 'LYNN-TURB', 'PO-3');
  await officialsWrite('dpas-placed', ['in.sosa', 'us.sosa']);
  await companyWrites('dpas-placed', 'us.supplier', { thread: threadsOf[requests['dpas-placed']]![0]! });
  await comment('dpas-placed', 'us.supplier', 'shared', { prefix: '@in.sosa ' });

  await submit('dpas-withdrawn', 'in.sosa', 'IN-STRYKER');
  await step('dpas-withdrawn', 'in.sosa', 'withdraw', { reason: canary('withdrawal reason', on('dpas-withdrawn', 'in.sosa')) });

  // US → India, Code of Conduct: DEA declines, BPF commits and delivers.
  await step('coc-committed', 'in.sosa', 'acknowledge', { note: canary('acknowledgement note', on('coc-committed', 'in.sosa')) });
  const route = async (scenario: Scenario) => step(scenario, 'in.sosa', 'route_to_companies', { companies: [await companyId(t, 'BPF'), await companyId(t, 'DEA')] });
  await route('coc-committed');
  await officialsWrite('coc-committed', ['us.sosa', 'in.sosa']);
  const usThread = threadsOf[requests['coc-committed']]![0]!;
  await companyWrites('coc-committed', 'in.supplier', { thread: usThread });
  await companyWrites('coc-committed', 'in.supplier2', { thread: usThread });
  await comment('coc-committed', 'in.supplier2', 'shared', { prefix: '@in.sosa ' });
  // A company's own answer stays on its own desk, like a rated order on the order desk.
  await step('coc-committed', 'in.supplier2', 'decline', { reason: canary('refusal reason', on('coc-committed', 'in.supplier2', 'internal', { desk: true })) });
  await companyWrites('coc-committed', 'in.supplier2', { thread: usThread, mayFail: true });
  await step('coc-committed', 'in.supplier', 'commit', { promised_delivery_date: '2027-01-20', note: canary('commitment note', on('coc-committed', 'in.supplier', 'shared', { desk: true })) });
  await step('coc-committed', 'in.supplier', 'mark_delivered', { delivered_on: '2026-11-23', shipment_reference: canary('shipment reference', on('coc-committed', 'in.supplier')) });
  await step('coc-committed', 'us.sosa', 'confirm_receipt_and_close', { note: canary('closing note', on('coc-committed', 'us.sosa')) });

  // US → India: routed to both, nobody answered. The US office follows its own thread; the
  // companies' messages there, and their mentions of the US office, must not reach it.
  await step('coc-routed', 'in.sosa', 'acknowledge', {});
  await route('coc-routed');
  await officialsWrite('coc-routed', ['us.sosa', 'in.sosa']);
  const followed = threadsOf[requests['coc-routed']]![0]!;
  await companyWrites('coc-routed', 'in.supplier', { thread: followed });
  await companyWrites('coc-routed', 'in.supplier2', { thread: followed });
  await comment('coc-routed', 'in.supplier', 'shared', { prefix: '@us.sosa ', mayFail: true });
  await message('coc-routed', followed, 'in.supplier2', 'shared', { prefix: '@us.sosa ', mayFail: true });

  // US → India: both decline, India denies.
  await step('coc-refused', 'in.sosa', 'acknowledge', {});
  await route('coc-refused');
  await companyWrites('coc-refused', 'in.supplier');
  await companyWrites('coc-refused', 'in.supplier2');
  await step('coc-refused', 'in.supplier', 'decline', { reason: canary('refusal reason', on('coc-refused', 'in.supplier', 'internal', { desk: true })) });
  await step('coc-refused', 'in.supplier2', 'decline', { reason: canary('refusal reason', on('coc-refused', 'in.supplier2', 'internal', { desk: true })) });
  await comment('coc-refused', 'in.supplier', 'shared', { mayFail: true });
  await step('coc-refused', 'in.sosa', 'deny', { reason: canary('denial reason', on('coc-refused', 'in.sosa')) });
}

const ORDER_HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified';

async function driveOrderBooks(): Promise<Record<string, string>> {
  const imported: Record<string, string> = {};
  for (const u of USERS.filter((x) => x.company)) {
    // The DPAS order desk is the US companies'; a partner nation's company may be refused it (4xx).
    const mayFail = u.nation !== 'US';
    const book: Origin = { kind: 'order_book', writer: u, companies: [u.company!] };
    const line = canary('production line name', book);
    if (!outcome(await call(u.username, 'POST', '/resources', { name: line, capacityPerDay: 2 }), `${u.username} adds a line`, [line], mayFail)) continue;
    const order = canary('imported order number', book);
    const customer = canary('imported order customer', book);
    const signer = canary('imported order signer', book);
    const csv = `${ORDER_HEADER}\n${order},${customer},DO-A1,${line},2,2027-02-15,2026-11-20,false,${signer},true\n`;
    if (outcome(await call(u.username, 'POST', '/rated-orders/import', { csv }), `${u.username} imports`, [order, customer, signer], mayFail)) imported[u.username] = order;
  }
  // Lynn extends the rating to Ohio (a company in the system) and to an outside firm.
  const lynnOrders = must(await call('us.supplier', 'GET', '/rated-orders'), 'Lynn lists its book').items as Array<{ id: string; orderNumber: string }>;
  const parent = lynnOrders.find((o) => o.orderNumber === imported['us.supplier'])!;
  const toOhio: Origin = { kind: 'order_book', writer: U('us.supplier'), companies: ['LYNN-TURB', 'OHIO-CAST'] };
  must(
    await call('us.supplier', 'POST', `/rated-orders/${parent.id}/sub-orders`, { supplierOrganisationId: await companyId(t, 'OHIO-CAST'), orderNumber: canary('sub-order number', toOhio), purpose: 'mro', quantity: 1, requiredDeliveryDate: '2027-01-10', description: canary('sub-order description', toOhio) }),
    'Lynn places a sub-order with Ohio',
  );
  const outside: Origin = { kind: 'order_book', writer: U('us.supplier'), companies: ['LYNN-TURB'] };
  must(
    await call('us.supplier', 'POST', `/rated-orders/${parent.id}/sub-orders`, { supplierName: canary('outside sub-supplier', outside), orderNumber: canary('sub-order number', outside), purpose: 'mro', quantity: 1, requiredDeliveryDate: '2027-01-10', description: canary('sub-order description', outside) }),
    'Lynn places a sub-order outside',
  );
  // The desk's own decisions and changes carry reasons (700.13, 700.16): the company's record.
  const ohioOrders = must(await call('us.supplier2', 'GET', '/rated-orders'), 'Ohio lists its book').items as Array<{ id: string; orderNumber: string }>;
  const ohioImported = ohioOrders.find((o) => o.orderNumber === imported['us.supplier2'])!;
  const ohioBook: Origin = { kind: 'order_book', writer: U('us.supplier2'), companies: ['OHIO-CAST'] };
  must(await call('us.supplier2', 'POST', `/rated-orders/${ohioImported.id}/decision`, { decision: 'reject', rejectionGround: 'terms_of_sale_not_met', reasons: canary('order rejection reasons', ohioBook) }), 'Ohio rejects an imported order');
  const lynnBook: Origin = { kind: 'order_book', writer: U('us.supplier'), companies: ['LYNN-TURB'] };
  must(await call('us.supplier', 'POST', `/rated-orders/${parent.id}/changes`, { kind: 'destination', destination: canary('order destination', lynnBook), reasons: canary('order change reasons', lynnBook) }), 'Lynn records a change');
  return imported;
}

async function driveSpa(): Promise<void> {
  const lynnOrders = must(await call('us.supplier', 'GET', '/rated-orders'), 'Lynn lists its book').items as Array<{ id: string; orderNumber: string; rating: string; requestId: string | null }>;
  const file = async (user: string, base: Omit<Extract<Origin, { kind: 'spa' }>, 'kind' | 'writer' | 'partnerView'>, order: { id: string; orderNumber: string; rating: string } | null) => {
    const full: Origin = { kind: 'spa', writer: U(user), partnerView: false, ...base };
    const partner: Origin = { ...full, partnerView: true };
    const res = must(
      await call(user, 'POST', '/spa-requests', {
        requester: { name: canary('SPA requester', full), title: canary('SPA requester title', full), email: 'spa@canary.example' },
        customer: canary('SPA customer', full),
        supplier: { name: canary('SPA supplier', full), contact: canary('SPA supplier contact', full) },
        orders: [order ? { orderId: order.id, orderNumber: order.orderNumber, rating: order.rating, items: canary('SPA items', partner), quantity: 2, requiredDeliveryDate: '2027-03-31' } : { orderNumber: canary('SPA order number', partner), rating: 'DO-A1', items: canary('SPA items', partner), quantity: 2, requiredDeliveryDate: '2027-03-31' }],
        program: canary('SPA program', partner),
        problem: canary('SPA problem', full),
        attemptsMade: canary('SPA attempts', full),
        actionRequested: canary('SPA action requested', partner),
        submit: !base.draft,
      }),
      `${user} files an SPA`,
    );
    return { id: res.id as string, full, partner };
  };
  const sosaOrder = (scenario: Scenario) => lynnOrders.find((o) => o.requestId === requests[scenario])!;
  // About the order Lynn holds on India's request (India reads the partner view) — forwarded and resolved by Commerce.
  const performing = await file('us.supplier', { filer: 'LYNN-TURB', nation: 'US', forwarded: true, draft: false, partnerNation: 'IN' }, sosaOrder('dpas-placed'));
  must(await call('us.sosa', 'POST', `/spa-requests/${performing.id}/transitions`, { action: 'start_review' }), 'review');
  must(await call('us.sosa', 'POST', `/spa-requests/${performing.id}/transitions`, { action: 'forward_to_commerce', note: canary('SPA forwarding note', performing.full) }), 'forward');
  must(await call('us.commerce', 'POST', `/spa-requests/${performing.id}/transitions`, { action: 'resolve', note: canary('SPA outcome', performing.partner) }), 'resolve');
  // About the order Lynn rejected: India may no longer know Lynn on its request.
  await file('us.supplier', { filer: 'LYNN-TURB', nation: 'US', forwarded: false, draft: false, partnerNation: null }, sosaOrder('dpas-replaced'));
  // An Indian company's, settled by India's office; and a draft of Ohio's.
  const bpf = await file('in.supplier', { filer: 'BPF', nation: 'IN', forwarded: false, draft: false, partnerNation: null }, null);
  must(await call('in.sosa', 'POST', `/spa-requests/${bpf.id}/transitions`, { action: 'start_review' }), 'review');
  must(await call('in.sosa', 'POST', `/spa-requests/${bpf.id}/transitions`, { action: 'resolve', note: canary('SPA outcome', bpf.partner) }), 'resolve');
  await file('us.supplier2', { filer: 'OHIO-CAST', nation: 'US', forwarded: false, draft: true, partnerNation: null }, null);
}

async function drivePartnership(): Promise<void> {
  for (const officer of ['in.sosa', 'us.sosa']) {
    const o: Origin = { kind: 'contact', writer: U(officer) };
    must(await call(officer, 'POST', '/points-of-contact', { function: 'sosa_lead', name: canary('contact name', o), title: canary('contact title', o), organisation: canary('contact organisation', o), email: `${canary('contact e-mail', o).toLowerCase()}@canary.example`, notes: canary('contact notes', o) }), 'contact');
  }
  // Working groups: one with a company user as member, one of officers only.
  for (const [chair, memberNames] of [['us.sosa', ['us.sosa', 'in.sosa', 'us.supplier']], ['in.sosa', ['in.sosa', 'us.sosa']]] as const) {
    const o: Origin = { kind: 'working_group', writer: U(chair), nations: ['US', 'IN'], members: [...memberNames] };
    const members = [];
    for (const m of memberNames) members.push({ userId: await userId(t, m), chair: m === chair });
    members.push({ name: canary('external member', o), nation: 'IN', organisation: canary('external member organisation', o) });
    const g = must(await call(chair, 'POST', '/working-groups', { arrangementId: 'US-IN', name: canary('working group name', o), purpose: canary('working group purpose', o), members }), 'group');
    const meeting = must(await call(chair, 'POST', `/working-groups/${g.id}/meetings`, { title: canary('meeting title', o), startsAt: '2026-11-26T10:00:00+05:30', timeZone: 'Asia/Kolkata', location: canary('meeting location', o), agenda: canary('meeting agenda', o) }), 'meeting');
    const other = chair === 'us.sosa' ? 'in.sosa' : 'us.sosa';
    must(await call(other, 'PATCH', `/working-groups/${g.id}/meetings/${meeting.id}`, { minutes: canary('meeting minutes', { ...o, writer: U(other) }) }), 'minutes');
    must(await call(other, 'POST', `/working-groups/${g.id}/action-items`, { title: canary('action item', { ...o, writer: U(other) }), ownerMemberId: g.members[0].id, dueDate: '2026-12-15' }), 'action item');
    const th = { kind: 'thread' as const, writer: U(chair), nations: ['US', 'IN'], visibility: 'shared' as const };
    must(await call(chair, 'POST', '/threads', { subjectKind: 'working_group', subjectId: g.id, title: canary('working group thread', th), arrangementId: 'US-IN', message: { body: canary('working group thread message', th) } }), 'group thread');
  }
  const ledger: Origin = { kind: 'logistics', writer: U('us.sosa'), nations: ['US', 'IN'] };
  const order = must(await call('us.sosa', 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: canary('logistics description', ledger), occasion: canary('logistics occasion', ledger), deliveredOn: '2026-11-02', currency: 'USD', amount: '1000.00', settlementMethod: 'cash' }), 'logistics');
  const claim = must(await call('in.sosa', 'POST', `/logistics/orders/${order.id}/settlements`, { amount: '10.00', settledOn: '2026-11-20', method: 'cash', note: canary('settlement note', { ...ledger, writer: U('in.sosa') }) }), 'settlement');
  // The creditor disputes the debtor's claim with its reasons: the ledger's two nations read them.
  const claimId = (claim.settlements as Array<{ id: string }>).at(-1)!.id;
  must(await call('us.sosa', 'POST', `/logistics/orders/${order.id}/settlements/${claimId}/decision`, { decision: 'dispute', note: canary('claim dispute reasons', ledger) }), 'dispute');
  for (const [officer, host] of [['in.sosa', 'US'], ['us.sosa', 'IN']] as const) {
    const o: Origin = { kind: 'liaison', writer: U(officer), nations: ['US', 'IN'] };
    must(
      await call(officer, 'POST', '/liaison-officers', {
        officerName: canary('liaison officer', o), officerRank: canary('liaison rank', o), serviceNumber: canary('service number', o), hostNation: host, hostCommand: canary('host command', o),
        location: canary('posting location', o), startDate: '2027-01-01', endDate: null, status: 'planned', hostPoc: { name: canary('host point of contact', o), email: '' }, notes: canary('posting notes', o),
        documents: [{ title: canary('posting document', o), number: canary('document number', o), issuedOn: null }],
      }),
      'posting',
    );
  }
  for (const [officer, partners] of [['in.sosa', ['US']], ['us.sosa', []]] as const) {
    const o: Origin = { kind: 'program', writer: U(officer), nations: [U(officer).nation, ...partners] };
    must(
      await call(officer, 'POST', '/programs', {
        id: canary('program id', { ...o, reference: true }), name: canary('program name', { ...o, reference: true }), description: canary('program description', o), status: 'proposed', partnerNations: [...partners],
        milestones: [{ title: canary('milestone', o), dueOn: '2027-06-30', status: 'planned', completedOn: null }],
        risks: [{ title: canary('risk', o), likelihood: 3, impact: 4, owner: canary('risk owner', o), mitigation: canary('risk mitigation', o), status: 'open' }],
      }),
      'program',
    );
  }
  // The Code of Conduct registry: BPF's entry, and DEA's lapse (after the routings above).
  const subs = must(await call('in.sosa', 'GET', '/code-of-conduct/subscribers'), 'registry').items as Array<{ id: string; version: number; organisation: { shortName: string } }>;
  const entry = subs.find((s) => s.organisation.shortName === 'BPF')!;
  const coc: Origin = { kind: 'code_of_conduct', writer: U('in.sosa'), company: 'BPF' };
  must(
    await call('in.sosa', 'PUT', `/code-of-conduct/subscribers/${entry.id}`, {
      version: entry.version, signedBy: { name: canary('signatory', coc), title: canary('signatory title', coc) }, notes: canary('registry notes', coc),
      capabilities: [{ fsc: null, sector: 'aircraft', description: canary('capability', coc), partNumbers: [canary('capability part number', coc)] }], contacts: [{ name: canary('company contact', coc), role: canary('company contact role', coc), email: '', phone: '' }],
    }),
    'registry entry',
  );
  const dea = subs.find((s) => s.organisation.shortName === 'DEA')!;
  must(await call('in.sosa', 'POST', `/code-of-conduct/subscribers/${dea.id}/status`, { version: dea.version, status: 'lapsed', effectiveOn: '2026-11-23', reason: canary('lapse reason', { kind: 'code_of_conduct', writer: U('in.sosa'), company: 'DEA' }) }), 'lapse');
  // Threads in general: shared between the two nations, and India's internal one; messages by other officials.
  const general: Origin = { kind: 'thread', writer: U('us.sosa'), nations: ['US', 'IN'], visibility: 'shared' };
  const g = must(await call('us.sosa', 'POST', '/threads', { subjectKind: 'general', title: canary('general thread', general), arrangementId: 'US-IN', message: { body: canary('general thread message', general) } }), 'general thread');
  for (const [u, visibility] of [['us.dod', 'internal'], ['in.analyst', 'shared'], ['in.admin', 'internal']] as const) {
    must(await call(u, 'POST', `/threads/${g.id}/messages`, { body: canary('general thread message', { ...general, writer: U(u), visibility }), visibility }), `${u} posts in general`);
  }
  const internal: Origin = { kind: 'thread', writer: U('in.sosa'), nations: ['IN'], visibility: 'internal' };
  must(await call('in.sosa', 'POST', '/threads', { subjectKind: 'general', title: canary('internal thread', internal), scope: 'internal', message: { body: canary('internal thread message', internal) } }), 'internal thread');
}

async function driveNational(): Promise<void> {
  for (const analyst of ['in.analyst', 'us.analyst']) {
    const o: Origin = { kind: 'network', writer: U(analyst) };
    // The steel site is linked to a company of the analyst's nation: the events' surveys ask it.
    const network = { nodes: [{ id: 'steel', kind: 'part', country: 'IN', organisation: analyst === 'in.analyst' ? 'BPF' : 'LYNN-TURB' }, { id: 'shell', kind: 'endItem' }], edges: [{ from: 'steel', to: 'shell', quantity: 1 }] };
    const n = must(await call(analyst, 'POST', '/networks', { name: canary('network name', o), network }), 'network');
    must(await call(analyst, 'POST', `/networks/${n.id}/analyses`, { kind: 'structural' }), 'analysis');
    must(await call(analyst, 'POST', '/scenarios', { scenario: { kind: 'peacetime', name: canary('scenario name', o) } }), 'scenario');
  }
  // Disruption events, recorded by an analyst and a SOSA officer of each nation, and imported:
  // every text field carries a canary (a company place strikes nothing, a site strikes the canary network).
  const analystEvents: Record<string, string> = {};
  for (const writer of ['in.analyst', 'us.sosa', 'in.sosa', 'us.analyst']) {
    const o: Origin = { kind: 'event', writer: U(writer) };
    const recorded = must(
      await call(writer, 'POST', '/events', {
        title: canary('event title', o),
        kind: 'cyber',
        description: canary('event description', o),
        where: [{ kind: 'site', nodeId: 'steel' }, { kind: 'company', name: canary('event company place', o) }, { kind: 'seaLane', name: canary('event lane place', o) }],
        startedAt: '2026-11-20T00:00:00Z',
        sources: [{ label: canary('event source', o) }],
      }),
      'event',
    );
    const feature = { type: 'Feature', id: canary('imported feature id', o), geometry: { type: 'Point', coordinates: [77.6, 12.9] }, properties: { title: canary('imported event title', o), description: canary('imported event description', o), startedAt: '2026-11-20T00:00:00Z', radiusKm: 5 } };
    const imported = must(await call(writer, 'POST', '/events/import', { format: 'geojson', content: JSON.stringify({ type: 'FeatureCollection', features: [feature] }) }), 'event import');
    must(await call(writer, 'POST', `/events/${imported.items[0].id}/close`, { note: canary('event closing note', o) }), 'event close');
    if (writer.endsWith('.analyst')) analystEvents[writer] = recorded.id;
  }
  // Posture changes by an officer of each nation of US-IN, each with a note; back to peacetime at the end.
  for (const [writer, posture] of [['in.sosa', 'emergency'], ['us.sosa', 'peacetime']] as const) {
    must(await call(writer, 'PUT', '/postures/US-IN', { posture, note: canary('posture note', { kind: 'posture', writer: U(writer), nations: ['US', 'IN'] }) }), 'posture');
  }
  // Impact surveys: the analyst asks the company linked to the struck steel site, the company
  // answers with a comment, the analyst moves the site's status with a note.
  for (const [analyst, company] of [['in.analyst', 'in.supplier'], ['us.analyst', 'us.supplier']] as const) {
    const eventId = analystEvents[analyst]!;
    const sent = must(await call(analyst, 'POST', `/events/${eventId}/surveys`), 'survey');
    const survey = sent.surveys[0];
    const site = survey.sites[0];
    must(await call(company, 'POST', `/surveys/${survey.id}/answer`, { sites: [{ networkId: site.networkId, nodeId: site.nodeId, affected: true, stockUnits: 1 }], comment: canary('survey answer comment', { kind: 'survey', writer: U(company) }) }), 'survey answer');
    must(await call(analyst, 'POST', `/events/${eventId}/sites/status`, { networkId: site.networkId, nodeId: site.nodeId, status: 'recovering', note: canary('site status note', { kind: 'event', writer: U(analyst) }) }), 'site status');
  }
  for (const admin of ['in.admin', 'us.admin']) {
    const u = U(admin);
    must(await call(admin, 'POST', `/calendars/${u.nation}/holidays`, { date: '2027-01-04', name: canary('holiday name', { kind: 'holiday', writer: u }) }), 'holiday');
    const ministry = await t.ctx.store.db.selectFrom('organisations').select('id').where('nation', '=', u.nation).where('kind', '=', 'ministry').executeTakeFirstOrThrow();
    must(await call(admin, 'POST', '/users', { username: `canary.${u.nation.toLowerCase()}`, displayName: canary('user display name', { kind: 'user', writer: u }), password: `${TEST_PASSWORD}-long`, organisationId: ministry.id, roles: ['analyst'] }), 'user');
  }
  for (const u of USERS) {
    must(await call(u.username, 'PUT', '/me/notification-preferences', { email: `${canary('own e-mail address', { kind: 'own', writer: u }).toLowerCase()}@canary.example` }), 'e-mail');
  }
}

// ——— reading ———
async function allIds() {
  const db = t.ctx.store.db;
  const col = async (table: 'requests' | 'supplier_orders' | 'working_groups' | 'logistics_orders' | 'spa_requests' | 'threads' | 'coc_subscriptions' | 'liaison_postings' | 'programs' | 'supply_networks') =>
    (await db.selectFrom(table).select('id').execute()).map((r) => String(r.id));
  return {
    requests: await col('requests'),
    attachments: await db.selectFrom('attachments').select(['request_id', 'id', 'sha256']).execute(),
    orders: await col('supplier_orders'),
    groups: await col('working_groups'),
    logistics: await col('logistics_orders'),
    spas: await col('spa_requests'),
    threads: await col('threads'),
    subscriptions: await col('coc_subscriptions'),
    postings: await col('liaison_postings'),
    programs: await col('programs'),
    networks: await col('supply_networks'),
    analyses: await db.selectFrom('network_analyses').select(['network_id', 'id']).execute(),
    events: (await db.selectFrom('disruption_events').select('id').execute()).map((r) => r.id),
    surveys: (await db.selectFrom('event_surveys').select('id').execute()).map((r) => r.id),
    // The files written on the partner copy (driveCopy).
    copyFiles: await db.selectFrom('partner_copy_contributions').select(['request_id', 'id']).where('kind', '=', 'attachment').execute(),
  };
}
type Ids = Awaited<ReturnType<typeof allIds>>;

/** Every GET route of the catalog, as the concrete paths the sweep reads. A route missing here fails the test. */
const EXPANSIONS: Record<string, (ids: Ids) => string[]> = {
  '/health': () => ['/health'],
  '/health/ready': () => ['/health/ready'],
  '/openapi.json': () => ['/openapi.json'],
  '/me': () => ['/me'],
  '/me/second-factor': () => ['/me/second-factor'],
  '/session': () => ['/session'],
  // Single sign-on: no provider is configured here; the list is read, and a start or callback of an
  // unknown provider answers 404 (oidc.test.ts runs them against a real provider).
  '/session/oidc': () => ['/session/oidc'],
  '/session/oidc/{provider}/start': () => ['/session/oidc/in-mod/start'],
  '/session/oidc/{provider}/callback': () => ['/session/oidc/in-mod/callback?code=x&state=y'],
  // A Code of Conduct company's own desk (its requests, commitments and refusals), where the catalog has it.
  '/commitments': () => ['/commitments'],
  '/reference': () => ['/reference'],
  '/requests': () => ['', '&direction=incoming', '&direction=outgoing', '&queue=mine', '&overdue=true', '&state=routed', '&state=closed', '&q=CNRY', '&urgency=routine'].map((f) => `/requests?limit=200${f}`),
  '/requests/{id}': (ids) => ids.requests.map((id) => `/requests/${id}`),
  '/requests/{id}/attachments/{attachmentId}': (ids) => ids.attachments.map((a) => `/requests/${a.request_id}/attachments/${a.id}`),
  '/requests/{id}/candidate-subscribers': (ids) => ids.requests.map((id) => `/requests/${id}/candidate-subscribers`),
  '/requests/{id}/delivery': (ids) => ids.requests.map((id) => `/requests/${id}/delivery`),
  '/users': () => ['/users'],
  '/organisations': () => ['/organisations'],
  '/calendars/{nation}': () => ['/calendars/IN?year=2027', '/calendars/US?year=2027'],
  '/audit': () => [], // read page by page below
  // The checkpoints of the swept US instance's chain it sent India, and what it holds from India (issue #13).
  '/audit/peer-checkpoints': () => ['/audit/peer-checkpoints'],
  '/resources': () => ['/resources'],
  '/rated-orders': () => ['/rated-orders', '/rated-orders?priority=DO', '/rated-orders?late=true'],
  '/schedules/mine': () => ['/schedules/mine'],
  '/rated-orders/{id}': (ids) => ids.orders.map((id) => `/rated-orders/${id}`),
  '/rated-orders/{id}/history': (ids) => ids.orders.map((id) => `/rated-orders/${id}/history`),
  '/rated-orders/{id}/flow-down': (ids) => ids.orders.map((id) => `/rated-orders/${id}/flow-down`),
  '/sub-orders': () => ['/sub-orders'],
  '/points-of-contact': () => ['/points-of-contact', '/points-of-contact?includeInactive=true', '/points-of-contact?q=CNRY'],
  '/working-groups': () => ['/working-groups', '/working-groups?q=CNRY'],
  '/working-groups/{id}': (ids) => ids.groups.map((id) => `/working-groups/${id}`),
  '/action-items': () => ['/action-items', '/action-items?status=open'],
  '/logistics/orders': () => ['/logistics/orders', '/logistics/orders?q=CNRY'],
  '/logistics/orders/{id}': (ids) => ids.logistics.map((id) => `/logistics/orders/${id}`),
  '/logistics/balances': () => ['/logistics/balances'],
  '/spa-requests': () => ['/spa-requests', '/spa-requests?status=resolved'],
  '/spa-requests/{id}': (ids) => ids.spas.map((id) => `/spa-requests/${id}`),
  '/threads': (ids) => ['/threads?limit=200', '/threads?limit=200&subjectKind=request', '/threads?limit=200&following=true', '/threads?limit=200&q=CNRY', ...ids.requests.map((id) => `/threads?limit=200&subjectId=${id}`)],
  '/threads/{id}': (ids) => ids.threads.map((id) => `/threads/${id}`),
  '/notifications': () => ['/notifications?limit=200', '/notifications?limit=200&unread=true'],
  '/notifications/unread-count': () => ['/notifications/unread-count'],
  '/me/notification-preferences': () => ['/me/notification-preferences'],
  '/code-of-conduct/subscribers': () => ['/code-of-conduct/subscribers', '/code-of-conduct/subscribers?q=CNRY'],
  '/code-of-conduct/subscribers/{id}': (ids) => ids.subscriptions.map((id) => `/code-of-conduct/subscribers/${id}`),
  '/liaison-officers': () => ['/liaison-officers', '/liaison-officers?role=hosting'],
  '/liaison-officers/{id}': (ids) => ids.postings.map((id) => `/liaison-officers/${id}`),
  '/programs': () => ['/programs', '/programs?partner=US'],
  '/programs/{id}': (ids) => ids.programs.map((id) => `/programs/${encodeURIComponent(id)}`),
  '/networks': () => ['/networks'],
  '/events': () => ['/events', '/events?status=open'],
  '/events/{id}': (ids) => ids.events.map((id) => `/events/${id}`),
  '/postures': () => ['/postures'],
  // The swept US instance is peered with India, which sends it one request it holds (driveCopy):
  // that copy, and each id of a request held here answers 404
  // (the copies across two instances, with an internal canary on the sender: partner-copies.test.ts).
  '/partner-copies': () => ['/partner-copies', '/partner-copies?q=CNRY'],
  '/partner-copies/{id}': (ids) => [...ids.requests, copyId].map((id) => `/partner-copies/${id}`),
  // The files US officials attached on that copy (the files across two instances, with an internal canary: attachments-cross.test.ts).
  '/partner-copies/{id}/attachments/{attachmentId}': (ids) => [...ids.attachments, ...ids.copyFiles].map((a) => `/partner-copies/${a.request_id}/attachments/${a.id}`),
  '/events/{id}/surveys': (ids) => ids.events.map((id) => `/events/${id}/surveys`),
  // Open events answer 409; closed ones their report, as JSON and as the two documents.
  '/events/{id}/report': (ids) => ids.events.flatMap((id) => [`/events/${id}/report`, `/events/${id}/report?format=markdown`, `/events/${id}/report?format=pdf`]),
  '/surveys': () => ['/surveys'],
  '/surveys/{id}': (ids) => ids.surveys.map((id) => `/surveys/${id}`),
  '/networks/{id}': (ids) => ids.networks.map((id) => `/networks/${id}`),
  '/networks/{id}/analyses': (ids) => ids.networks.map((id) => `/networks/${id}/analyses`),
  '/networks/{id}/analyses/{analysisId}': (ids) => ids.analyses.map((a) => `/networks/${a.network_id}/analyses/${a.id}`),
  '/scenarios': () => ['/scenarios'],
  '/dashboard': () => ['/dashboard'],
  // Signature-authenticated (issue #13): a session reads nothing there (403), whatever its role.
  '/federation/outbox': () => ['/federation/outbox?after=0&proof=a.b.c'],
  // Every file's hash, internal canary files' too: a session reads no content there (403), whatever its role.
  '/federation/files/{sha256}': (ids) => ids.attachments.map((a) => `/federation/files/${a.sha256}?proof=a.b.c`),
};

interface Read {
  path: string;
  status: number;
  text: string;
}

async function readEverything(u: DemoUser, ids: Ids): Promise<Read[]> {
  const token = await t.login(u.username);
  const reads: Read[] = [];
  const get = async (path: string) => {
    const res = await t.app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = `${await res.text()}\n${res.headers.get('content-disposition') ?? ''}`;
    assert.ok(res.status < 500, `${u.username} GET ${path}: ${res.status} ${text.slice(0, 200)}`);
    reads.push({ path, status: res.status, text });
    return { status: res.status, text };
  };
  for (const route of ROUTE_CATALOG.filter((r) => r.method === 'GET')) {
    // A route without an expansion is reported by its own test below.
    for (const path of EXPANSIONS[route.path]?.(ids) ?? []) await get(path);
  }
  // The audit log, page by page, for the auditors.
  let afterSeq = 0;
  for (;;) {
    const page = await get(`/audit?limit=500&afterSeq=${afterSeq}`);
    if (page.status !== 200) break;
    const items = JSON.parse(page.text.split('\n')[0]!).items as Array<{ seq: number }>;
    if (items.length < 500) break;
    afterSeq = items.at(-1)!.seq;
  }
  return reads;
}

describe('the canary sweep: nobody reads what the border keeps from them', () => {
  let reads: Map<string, Read[]>;
  let orgIds: Record<string, string>;

  before(async () => {
    t = await createTestApp({ now: '2026-11-23T14:00:00Z', config: { nation: 'US', keyDir: join(keyRoot, 'us-keys') } });
    await submitRequestsHeldByIndia();
    await peerWithIndia();
    const setup = Date.now();
    orgIds = {};
    for (const c of Object.keys(COMPANY_TRACES)) orgIds[c] = await companyId(t, c);
    await driveRequests();
    await driveOrderBooks();
    await driveSpa();
    await drivePartnership();
    await driveNational();
    await driveCopy();
    if (process.env.SOSA_SWEEP_TIMING) console.error(`sweep: writes in ${Date.now() - setup} ms`);
    const ids = await allIds();
    const started = Date.now();
    reads = new Map();
    for (const u of USERS) reads.set(u.username, await readEverything(u, ids));
    if (process.env.SOSA_SWEEP_TIMING) console.error(`sweep: ${planted.size} canaries; reads ${[...reads.values()].reduce((n, r) => n + r.length, 0)} in ${Date.now() - started} ms`);
  });
  after(async () => {
    await t.close();
    rmSync(keyRoot, { recursive: true, force: true });
  });

  it('reads every GET route of the catalog', () => {
    const missing = ROUTE_CATALOG.filter((r) => r.method === 'GET' && !EXPANSIONS[r.path]).map((r) => r.path);
    assert.deepEqual(missing, [], 'a GET route the sweep does not read: add it to EXPANSIONS');
  });

  it('no demo user reads a canary the table keeps from it', () => {
    const violations: string[] = [];
    for (const u of USERS) {
      const seen = new Set<string>();
      for (const read of reads.get(u.username)!) {
        for (const m of read.text.matchAll(CANARY)) {
          const c = m[0].toUpperCase();
          const p = planted.get(c);
          if (!p || seen.has(c)) continue;
          seen.add(c);
          if (!mayRead(u, p.origin)) violations.push(`${u.username} reads ${c} — ${p.label} by ${p.origin.writer.username}${p.origin.kind === 'request' ? ` on ${p.origin.scenario} (${p.origin.visibility})` : ` (${p.origin.kind})`} — at GET ${read.path}`);
        }
      }
    }
    if (process.env.SOSA_SWEEP_REPORT) appendFileSync(process.env.SOSA_SWEEP_REPORT, violations.map((v) => `${v}\n`).join(''));
    assert.deepEqual(violations, [], `${violations.length} reads across the border:\n${violations.slice(0, 60).join('\n')}`);
  });

  it('every canary planted is read back by someone the table allows (the sweep reads where things live)', () => {
    const found = new Set<string>();
    for (const u of USERS) for (const read of reads.get(u.username)!) for (const m of read.text.matchAll(CANARY)) if (mayRead(u, planted.get(m[0].toUpperCase())?.origin ?? { kind: 'own', writer: u })) found.add(m[0].toUpperCase());
    const unread = [...planted].filter(([c]) => !found.has(c)).map(([c, p]) => `${c} ${p.label} by ${p.origin.writer.username} (${p.origin.kind})`);
    assert.deepEqual(unread, []);
    assert.ok(planted.size > 250, `${planted.size} canaries planted`);
  });

  // Issue #13: the same writes on a US instance peered with India's. What the US instance sends
  // India is the border projection for India's officials (src/services/federation/request-border-body.ts,
  // share-request-comment.ts, share-posture-change.ts), read here as signed, before any delivery.
  // A message tells India what India could read when it was sent: a supplier holding the rated
  // order then (Lynn, before it rejected) is named, and stays named in that message, though the
  // table, written for the end state, no longer lets India know of Lynn. So the latest message on
  // each object (India's current copy) is held to the whole table, and every message to the part
  // of it that never changes: no other nation's internal note and nothing national ever crosses.
  it('what the US instance sends India holds no canary the table keeps from every Indian official', async () => {
    const indianOfficials = USERS.filter((u) => u.nation === 'IN' && official(u));
    const neverCrosses = (o: Origin) => (o.kind === 'request' ? o.visibility === 'internal' && o.writer.nation !== 'IN' : !indianOfficials.some((u) => mayRead(u, o)));
    const messages = await t.ctx.store.db.selectFrom('federation_outbox').select(['kind', 'jws', 'seq', 'object_id']).where('peer_nation', '=', 'IN').orderBy('seq').execute();
    const latest = new Map(messages.map((m) => [m.object_id, m.seq]));
    const violations: string[] = [];
    const crossed = new Set<string>();
    for (const m of messages) {
      const body = Buffer.from(m.jws.split('.')[1]!, 'base64url').toString('utf8');
      const current = latest.get(m.object_id) === m.seq;
      for (const found of body.matchAll(CANARY)) {
        const c = found[0].toUpperCase();
        const p = planted.get(c);
        if (!p) continue;
        crossed.add(c);
        const kept = current ? !indianOfficials.some((u) => mayRead(u, p.origin)) : neverCrosses(p.origin);
        if (kept) violations.push(`#${m.seq}${current ? ' (India\'s current copy)' : ''} ${m.kind} carries ${c} — ${p.label} by ${p.origin.writer.username} (${p.origin.kind === 'request' ? `${p.origin.scenario}, ${p.origin.visibility}` : p.origin.kind})`);
      }
    }
    assert.deepEqual([...new Set(violations)], [], `${violations.length} canaries in messages to India:\n${[...new Set(violations)].slice(0, 40).join('\n')}`);
    // Not vacuous: the shared record does cross (titles, items, shared comments of both paths).
    assert.ok(messages.length >= 20 && crossed.size >= 20, `${messages.length} messages to India carry ${crossed.size} canaries`);
  });

  // Issue #13: a peer added now would be sent the current state of everything its nation may read
  // (share-existing-with-peer.ts). What that would be, at the end of every write, is read here as
  // if India had never been sent anything (its outbox emptied in a transaction rolled back after),
  // and held to the whole table: each message is India's current copy of its record.
  it('what peering India now would send it, of everything that exists, holds no canary the table keeps from every Indian official', async () => {
    const indianOfficials = USERS.filter((u) => u.nation === 'IN' && official(u));
    const queued: Array<{ kind: string; jws: string; object_id: string }> = [];
    const rolledBack = new Error('rolled back');
    await t.ctx.store.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('federation_outbox').where('peer_nation', '=', 'IN').execute();
        await shareExistingWithPeer(t.ctx, trx, 'IN');
        queued.push(...(await trx.selectFrom('federation_outbox').select(['kind', 'jws', 'object_id']).where('peer_nation', '=', 'IN').orderBy('seq').execute()));
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    const violations: string[] = [];
    const crossed = new Set<string>();
    for (const m of queued) {
      for (const found of Buffer.from(m.jws.split('.')[1]!, 'base64url').toString('utf8').matchAll(CANARY)) {
        const c = found[0].toUpperCase();
        const p = planted.get(c);
        if (!p) continue;
        crossed.add(c);
        if (!indianOfficials.some((u) => mayRead(u, p.origin))) violations.push(`${m.kind} ${m.object_id} carries ${c} — ${p.label} by ${p.origin.writer.username} (${p.origin.kind === 'request' ? `${p.origin.scenario}, ${p.origin.visibility}` : p.origin.kind})`);
      }
    }
    assert.deepEqual([...new Set(violations)], [], `${violations.length} canaries in what peering would send India:\n${[...new Set(violations)].slice(0, 40).join('\n')}`);
    // Not vacuous: every request between the US and India is sent, with what India may read of it.
    assert.ok(queued.filter((m) => m.kind === 'request.shared').length >= Object.keys(requests).length && crossed.size >= 20, `${queued.length} messages carry ${crossed.size} canaries`);
  });

  it('a request’s reads name only the companies the reader may know of on it', () => {
    const violations: string[] = [];
    for (const [scenario, s] of Object.entries(SCENARIOS) as [Scenario, ScenarioFacts][]) {
      const id = requests[scenario];
      const threadIds = threadsOf[id] ?? [];
      for (const u of USERS.filter((x) => readsRequest(x, s))) {
        const hidden = s.assigned.filter((c) => !knowsCompany(u, s, c));
        const scoped = reads.get(u.username)!.filter((r) => r.path.includes(id) || threadIds.some((th) => r.path.includes(th)));
        const notices = reads.get(u.username)!.filter((r) => r.path === '/notifications?limit=200').flatMap((r) => (JSON.parse(r.text.split('\n')[0]!).items as Array<{ link: string }>).filter((n) => n.link.includes(id) || threadIds.some((th) => n.link.includes(th))).map((n) => ({ path: `/notifications (${n.link})`, text: JSON.stringify(n) })));
        for (const read of [...scoped, ...notices]) {
          for (const c of hidden) for (const trace of [...COMPANY_TRACES[c]!, orgIds[c]!]) if (read.text.includes(trace)) violations.push(`${u.username} finds "${trace}" (${c}) on ${scenario} at GET ${read.path}`);
        }
      }
    }
    if (process.env.SOSA_SWEEP_REPORT) appendFileSync(process.env.SOSA_SWEEP_REPORT, [...new Set(violations)].map((v) => `${v}\n`).join(''));
    assert.deepEqual([...new Set(violations)], [], `${violations.length} company traces across the border:\n${[...new Set(violations)].slice(0, 40).join('\n')}`);
  });
});
