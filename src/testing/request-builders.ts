import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hashPassword } from '../services/auth/passwords.js';
import { F414_BLADES } from './fixtures.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

/**
 * Builders for the security tests: requests of each direction brought to a given step through the
 * API (so every row a real request has is there), a third nation pair that no demo user is party
 * to, and row counts to prove that a refused call wrote nothing.
 */

export type Direction = 'IN->US' | 'US->IN' | 'US->GB' | 'GB->JP';

/** The nations of a request built in `direction`, and the companies it is put to. */
export interface BuiltRequest {
  id: string;
  direction: Direction;
  fromNation: string;
  toNation: string;
  /** Short names of the companies whose line is live (the shortlist, the rated-order supplier, the committed company). */
  companies: string[];
  /** Short names of the companies whose line closed (a rejected and replaced order, a refusal): their own record stays on their desks. */
  closed: string[];
  /** A shared attachment uploaded by the requesting nation's SOSA officer. */
  sharedAttachmentId: string;
}

export async function act(t: TestApp, user: string, id: string, action: string, fields: Record<string, unknown> = {}) {
  const res = await t.call(await t.login(user), 'POST', `/requests/${id}/transitions`, { action, ...fields });
  assert.equal(res.status, 200, `${user} ${action}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function companyId(t: TestApp, shortName: string): Promise<string> {
  const row = await t.ctx.store.db.selectFrom('organisations').select('id').where('short_name', '=', shortName).executeTakeFirstOrThrow();
  return row.id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const row = await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

/** A request body the given nation's SOSA officer may submit, with overrides. */
export function requestBody(toNation: string, programId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...F414_BLADES, items: F414_BLADES.items.map((i) => ({ ...i })), toNation, programId, ...overrides };
}

const PDF = new TextEncoder().encode('%PDF-1.4\n% test document\n');

/** Uploads a multipart attachment with a bearer token; returns status and parsed body. */
export async function upload(
  t: TestApp,
  token: string | null,
  requestId: string,
  file: { name: string; type: string; content: Uint8Array<ArrayBuffer> | string } = { name: 'spec.pdf', type: 'application/pdf', content: PDF },
  visibility?: string,
  /** Another upload route than the request's (a partner copy's: /partner-copies/{id}/attachments). */
  path = `/requests/${requestId}/attachments`,
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  form.append('file', new File([file.content], file.name, { type: file.type }));
  if (visibility !== undefined) form.append('visibility', visibility);
  const res = await t.app.request(`/api/v1${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body, headers: res.headers };
}

export const TEST_PDF = PDF;

/**
 * A nation pair no demo user belongs to, and a GB officer: US requests to GB follow the Code of
 * Conduct workflow, and GB requests to JP run under a GB–JP arrangement that the US is not party to.
 */
export async function addThirdNations(t: TestApp): Promise<void> {
  const db = t.ctx.store.db;
  await db.insertInto('arrangements').values({ id: 'GB-JP', name: 'GB–JP test arrangement', nation_a: 'GB', nation_b: 'JP', signed: null, signed_on: null, notes: 'test only' }).execute();
  await db
    .insertInto('arrangement_directions')
    .values([
      { arrangement_id: 'US-GB', from_nation: 'US', to_nation: 'GB', workflow_id: 'code_of_conduct' },
      { arrangement_id: 'GB-JP', from_nation: 'GB', to_nation: 'JP', workflow_id: 'code_of_conduct' },
    ])
    .execute();
  const org = randomUUID();
  await db.insertInto('organisations').values({ id: org, nation: 'GB', kind: 'ministry', name: 'MOD Defence Equipment & Support', short_name: 'DE&S', code_of_conduct_since: null }).execute();
  await db.insertInto('programs').values({ id: 'GB-TYPE26', nation: 'GB', name: 'Type 26 frigate', description: '', dpas_program_symbol: 'A3' }).execute();
  await db.insertInto('users').values({ id: randomUUID(), username: 'gb.sosa', display_name: 'UK SOSA officer', password_hash: await hashPassword(TEST_PASSWORD), nation: 'GB', organisation_id: org, roles: ['sosa_officer'] }).execute();
}

const SUBMITTER: Record<Direction, { user: string; to: string; program: string }> = {
  'IN->US': { user: 'in.sosa', to: 'US', program: 'IN-LCA-MK2-ENGINE' },
  'US->IN': { user: 'us.sosa', to: 'IN', program: 'US-SONOBUOY' },
  'US->GB': { user: 'us.sosa', to: 'GB', program: 'US-155MM' },
  'GB->JP': { user: 'gb.sosa', to: 'JP', program: 'GB-TYPE26' },
};

export type Stage = 'submitted' | 'placed' | 'routed' | 'replaced' | 'committed';

/**
 * Submits a request in `direction` and brings it to `stage`:
 * - IN->US 'placed': a DPAS rated order placed with Lynn Turbine (us.supplier);
 * - IN->US 'replaced': Lynn rejected it and the order was placed with Ohio Precision (us.supplier2);
 * - US->IN 'routed': routed to the Code of Conduct companies named in `routeTo` (default BPF, in.supplier's);
 * - US->IN 'committed': routed to BPF and DEA; DEA (in.supplier2) declined, BPF committed;
 * - 'submitted': as submitted.
 * US->GB and GB->JP need addThirdNations first.
 */
export async function buildRequest(t: TestApp, direction: Direction, stage: Stage = 'submitted', routeTo: string[] = ['BPF']): Promise<BuiltRequest> {
  const s = SUBMITTER[direction];
  const created = await t.call(await t.login(s.user), 'POST', '/requests', requestBody(s.to, s.program, { title: `${direction} test request` }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  let companies: string[] = [];
  let closed: string[] = [];
  if (stage === 'placed' || stage === 'replaced') {
    assert.equal(direction, 'IN->US');
    await act(t, 'us.sosa', id, 'acknowledge');
    await act(t, 'us.sosa', id, 'forward_for_determination');
    await act(t, 'us.dod', id, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-1' });
    await act(t, 'us.commerce', id, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-1' });
    await act(t, 'us.sosa', id, 'place_rated_order', { supplier: await companyId(t, 'LYNN-TURB'), order_number: 'PO-1', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
    companies = ['LYNN-TURB'];
    if (stage === 'replaced') {
      await act(t, 'us.supplier', id, 'reject_rated_order', { ground: 'terms_of_sale_not_met', reasons: 'Payment terms.' });
      await act(t, 'us.sosa', id, 'place_rated_order', { supplier: await companyId(t, 'OHIO-CAST'), order_number: 'PO-2', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
      companies = ['OHIO-CAST'];
      closed = ['LYNN-TURB'];
    }
  }
  if (stage === 'committed') {
    assert.equal(direction, 'US->IN');
    await act(t, 'in.sosa', id, 'acknowledge');
    await act(t, 'in.sosa', id, 'route_to_companies', { companies: [await companyId(t, 'BPF'), await companyId(t, 'DEA')] });
    await act(t, 'in.supplier2', id, 'decline', { reason: 'Line full.' });
    await act(t, 'in.supplier', id, 'commit', { promised_delivery_date: '2027-01-20' });
    companies = ['BPF'];
    closed = ['DEA'];
  }
  if (stage === 'routed') {
    assert.equal(direction, 'US->IN');
    await act(t, 'in.sosa', id, 'acknowledge');
    await act(t, 'in.sosa', id, 'route_to_companies', { companies: await Promise.all(routeTo.map((c) => companyId(t, c))) });
    companies = routeTo;
  }
  const attached = await upload(t, await t.login(s.user), id);
  assert.equal(attached.status, 201, JSON.stringify(attached.body));
  return { id, direction, fromNation: s.user.slice(0, 2).toUpperCase(), toNation: s.to, companies, closed, sharedAttachmentId: attached.body.id };
}

export const WRITE_TABLES = ['requests', 'request_items', 'request_events', 'request_assignments', 'deadlines', 'comments', 'attachments', 'audit_events', 'users', 'sessions', 'calendar_holidays'] as const;
export type WriteTable = (typeof WRITE_TABLES)[number];

/** Row counts of the tables a request, a comment or an upload writes to. */
export async function countRows(t: TestApp, tables: readonly WriteTable[] = WRITE_TABLES): Promise<Record<WriteTable, number>> {
  const counts = {} as Record<WriteTable, number>;
  for (const table of tables) {
    if (table === 'audit_events') {
      // Audit events count whether chained or still waiting in the queue, in one statement (one
      // snapshot): the sequencer may move an earlier event from one to the other meanwhile.
      const { rows } = await sql<{ n: number }>`select (select count(*) from audit_events) + (select count(*) from audit_queue) as n`.execute(t.ctx.store.db);
      counts[table] = Number(rows[0]!.n);
      continue;
    }
    const row = await t.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
