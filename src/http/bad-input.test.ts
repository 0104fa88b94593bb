import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { CODE_OF_CONDUCT_WORKFLOW } from '../domain/workflows/code-of-conduct-workflow.js';
import { DPAS_WORKFLOW } from '../domain/workflows/dpas-workflow.js';
import { act, buildRequest, countRows, requestBody, TEST_PDF, upload, userId, type BuiltRequest } from '../testing/request-builders.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { DPAS_DESK_PATHS } from './orders/dpas-desk.guard.js';
import { ROUTE_CATALOG } from './route.js';

/**
 * Every endpoint rejects malformed input with a 4xx problem document naming the field, never a
 * 500, and writes nothing (DESIGN.md, reliability and security promises).
 */

const MAX_ATTACHMENT = 4096;
let t: TestApp;
let draft: BuiltRequest;

type Res = { status: number; body: any; headers: Headers };

function assertProblem(res: Res, status: number, fields: string[] = [], label = '') {
  assert.equal(res.status, status, `${label} ${JSON.stringify(res.body)}`);
  assert.equal(res.headers.get('content-type'), 'application/problem+json', label);
  assert.equal(res.body.status, status, label);
  assert.equal(typeof res.body.title, 'string', label);
  const named = (res.body.errors ?? []).map((e: { field: string }) => e.field);
  for (const field of fields) assert.ok(named.includes(field), `${label} names "${field}" among ${JSON.stringify(named)}`);
}

/** Runs `call` and asserts it wrote nothing to the request, item and audit tables (and the rest). */
async function writesNothing<T>(call: () => Promise<T>): Promise<T> {
  const before = await countRows(t);
  const result = await call();
  assert.deepEqual(await countRows(t), before, 'nothing written');
  return result;
}

const base = () => requestBody('US', 'IN-LCA-MK2-ENGINE');
const withItem = (patch: Record<string, unknown>) => {
  const body = base();
  body.items = [{ ...(body.items as Array<Record<string, unknown>>)[0], ...patch }];
  return body;
};

async function submit(body: unknown, headers?: Record<string, string>): Promise<Res> {
  return t.call(await t.login('in.sosa'), 'POST', '/requests', body, headers);
}

describe('bad input is refused with a problem document and writes nothing', () => {
  before(async () => {
    // Monday 2026-11-23, 19:30 in New Delhi: "today" for an Indian officer is 2026-11-23.
    t = await createTestApp({ now: '2026-11-23T14:00:00Z', config: { maxAttachmentBytes: MAX_ATTACHMENT } });
    draft = await buildRequest(t, 'IN->US');
    // Log in up front: a login writes a session row, and the tests count rows around each call.
    for (const user of ['in.sosa', 'in.supplier', 'in.admin', 'in.auditor', 'us.sosa', 'us.supplier', 'us.dod', 'us.commerce']) await t.login(user);
  });
  after(() => t.close());

  it('a valid request is accepted (the baseline the bad ones are mutations of)', async () => {
    assert.equal((await submit(base())).status, 201);
  });

  describe('POST /requests', () => {
    it('malformed JSON → 400', async () => {
      const res = await writesNothing(() => submit('{"toNation": "US",'));
      assertProblem(res, 400, ['(body)']);
    });

    it('wrong or missing content type → 415', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
        const res = await writesNothing(() => submit(JSON.stringify(base()), { 'content-type': type }));
        assertProblem(res, 415, [], type);
      }
      const bare = await writesNothing(async () => {
        const r = await t.app.request('/api/v1/requests', { method: 'POST', headers: { authorization: `Bearer ${await t.login('in.sosa')}` }, body: JSON.stringify(base()) });
        return { status: r.status, body: await r.json(), headers: r.headers };
      });
      assertProblem(bare, 415);
    });

    it('not an object → 422 on the body', async () => {
      for (const body of ['[]', 'null', '"a request"', '42', 'true']) assertProblem(await writesNothing(() => submit(body)), 422, ['(body)'], body);
    });

    it('unknown fields → 422 naming each, at any depth (and "__proto__")', async () => {
      assertProblem(await writesNothing(() => submit({ ...base(), colour: 'red', priority: 1 })), 422, ['colour', 'priority']);
      assertProblem(await writesNothing(() => submit(withItem({ colour: 'red' }))), 422, ['items/0/colour']);
      assertProblem(await writesNothing(() => submit(JSON.stringify(base()).replace(/^\{/, '{"__proto__":{"admin":true},'))), 422, ['__proto__']);
    });

    it('wrong types → 422 naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...base(), title: 42 }, 'title'],
        [{ ...base(), urgency: 'panic' }, 'urgency'],
        [{ ...base(), classification: 'TOP SECRET' }, 'classification'],
        [{ ...base(), items: 'forty blades' }, 'items'],
        [{ ...base(), items: [null] }, 'items/0'],
        [{ ...base(), requiredBy: 20270331 }, 'requiredBy'],
        [{ ...base(), toNation: ['US'] }, 'toNation'],
        [withItem({ quantity: '40' }), 'items/0/quantity'],
        [withItem({ nsn: '2840-01-234' }), 'items/0/nsn'],
      ];
      for (const [body, field] of cases) assertProblem(await writesNothing(() => submit(body)), 422, [field], field);
    });

    it('empty and blank strings, NUL characters and unpaired surrogates → 422', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...base(), title: '' }, 'title'],
        [{ ...base(), title: '   ' }, 'title'],
        [{ ...base(), justification: '\n\t' }, 'justification'],
        [{ ...base(), programId: '' }, 'programId'],
        [withItem({ unit: '' }), 'items/0/unit'],
        [withItem({ partNumber: ' ' }), 'items/0/partNumber'],
        // PostgreSQL text cannot hold U+0000: refused at the boundary, not a 500 in the store.
        [{ ...base(), title: 'turbine\u0000blades' }, 'title'],
        [withItem({ description: 'blade \ud800' }), 'items/0/description'],
      ];
      for (const [body, field] of cases) assertProblem(await writesNothing(() => submit(body)), 422, [field], field);
    });

    it('zero, negative, too precise or too large quantities → 422', async () => {
      for (const quantity of [0, -5, -0.001, 1.2345, 1e10]) assertProblem(await writesNothing(() => submit(withItem({ quantity }))), 422, ['items/0/quantity'], String(quantity));
    });

    it('dates that do not exist → 422', async () => {
      for (const date of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '31/03/2027', '2027-3-31', 'ASAP']) {
        assertProblem(await writesNothing(() => submit({ ...base(), requiredBy: date })), 422, ['requiredBy'], date);
        assertProblem(await writesNothing(() => submit(withItem({ requiredDeliveryDate: date }))), 422, ['items/0/requiredDeliveryDate'], date);
      }
    });

    it('dates beyond the domain bounds (2000–2100) → 422 naming the field (issue #10)', async () => {
      for (const date of ['2101-01-01', '9999-12-31']) {
        const res = await writesNothing(() => submit({ ...withItem({ requiredDeliveryDate: date }), requiredBy: date }));
        assertProblem(res, 422, ['requiredBy', 'items/0/requiredDeliveryDate'], date);
        assert.match(JSON.stringify(res.body), /between 2000-01-01 and 2100-12-31/);
      }
    });

    it('dates in the past (in the requesting nation’s calendar) → 422', async () => {
      assertProblem(await writesNothing(() => submit({ ...base(), requiredBy: '2020-01-01' })), 422, ['requiredBy']);
      assertProblem(await writesNothing(() => submit(withItem({ requiredDeliveryDate: '2026-11-22' }))), 422, ['items/0/requiredDeliveryDate']);
    });

    it('an unknown program, or one of a nation not party to the request → 422 on programId', async () => {
      assertProblem(await writesNothing(() => submit({ ...base(), programId: 'NO-SUCH-PROGRAM' })), 422, ['programId']);
    });

    it('an unknown nation, or one without an arrangement in this direction → 422 on toNation', async () => {
      for (const toNation of ['ZZ', 'us', 'USA', 'GB', 'IN', '']) assertProblem(await writesNothing(() => submit({ ...base(), toNation })), 422, ['toNation'], toNation);
    });

    it('too many line items, or none → 422 on items', async () => {
      const item = (base().items as unknown[])[0];
      assertProblem(await writesNothing(() => submit({ ...base(), items: Array.from({ length: 201 }, () => item) })), 422, ['items']);
      assertProblem(await writesNothing(() => submit({ ...base(), items: [] })), 422, ['items']);
    });

    it('names every bad field at once', async () => {
      const res = await writesNothing(() => submit({ ...withItem({ quantity: 0 }), title: '', urgency: 'soon' }));
      assertProblem(res, 422, ['title', 'urgency', 'items/0/quantity']);
    });

    it('an oversized body → 413', async () => {
      const res = await writesNothing(() => submit({ ...base(), justification: 'x'.repeat(1_100_000) }));
      assertProblem(res, 413);
    });
  });

  describe('POST /requests/{id}/transitions', () => {
    const transition = async (body: unknown, user = 'us.sosa', id = draft.id, headers?: Record<string, string>) => t.call(await t.login(user), 'POST', `/requests/${id}/transitions`, body, headers);

    it('an unknown workflow action → 409 naming "action"', async () => {
      for (const action of ['teleport', 'constructor', 'approve']) assertProblem(await writesNothing(() => transition({ action })), 409, ['action'], action);
    });

    it('a missing or malformed action → 422 on "action"', async () => {
      for (const body of [{}, { action: '' }, { action: 'Acknowledge!' }, { action: 42 }, { action: 'a'.repeat(61) }]) assertProblem(await writesNothing(() => transition(body)), 422, ['action'], JSON.stringify(body));
    });

    it('malformed JSON → 400, wrong content type → 415', async () => {
      assertProblem(await writesNothing(() => transition('{"action":')), 400, ['(body)']);
      assertProblem(await writesNothing(() => transition(JSON.stringify({ action: 'acknowledge' }), 'us.sosa', draft.id, { 'content-type': 'text/plain' })), 415);
    });

    it('unknown, mistyped, blank or unstorable fields of a step → 422 naming them', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ action: 'acknowledge', colour: 'red' }, 'colour'],
        [{ action: 'acknowledge', note: 42 }, 'note'],
        [{ action: 'acknowledge', note: 'x'.repeat(2001) }, 'note'],
        [{ action: 'acknowledge', note: 'a\u0000b' }, 'note'],
        [{ action: 'return_for_information', question: '   ' }, 'question'],
        [{ action: 'return_for_information' }, 'question'],
        [{ action: 'deny', reason: ['no'] }, 'reason'],
      ];
      for (const [body, field] of cases) assertProblem(await writesNothing(() => transition(body)), 422, [field], JSON.stringify(body).slice(0, 80));
      assertProblem(await writesNothing(() => transition('{"action":"acknowledge","__proto__":{"note":"x"}}')), 422, ['__proto__']);
    });

    it('a date that does not exist, or a supplier that is not a company of the supplying nation → 422', async () => {
      const placed = await buildRequest(t, 'IN->US', 'placed');
      for (const date of ['2027-02-29', '2026-02-30', 'next week']) {
        assertProblem(await writesNothing(() => transition({ action: 'accept_rated_order', promised_delivery_date: date }, 'us.supplier', placed.id)), 422, ['promised_delivery_date'], date);
      }
      const authorized = await buildRequest(t, 'IN->US');
      await act(t, 'us.sosa', authorized.id, 'acknowledge');
      await act(t, 'us.sosa', authorized.id, 'forward_for_determination');
      await act(t, 'us.dod', authorized.id, 'determine_program', { approved_program: 'F414', determination_reference: 'PD-1' });
      await act(t, 'us.commerce', authorized.id, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-1' });
      const order = { action: 'place_rated_order', order_number: 'PO-9', required_delivery_date: '2027-03-31', signed_by: 'Dana', certified: true };
      const indianCompany = (await t.call(await t.login('in.sosa'), 'GET', '/reference')).body.companies[0].id;
      for (const supplier of [indianCompany, '00000000-0000-4000-8000-000000000000', 'Lynn Turbine']) {
        assertProblem(await writesNothing(() => transition({ ...order, supplier }, 'us.sosa', authorized.id)), 422, ['supplier'], supplier);
      }
      const lynn = (await t.call(await t.login('us.sosa'), 'GET', '/reference')).body.companies.find((c: { shortName: string }) => c.shortName === 'LYNN-TURB').id;
      // 15 CFR 700.12(a)(2): a delivery date before the order's receipt is no date.
      assertProblem(await writesNothing(() => transition({ ...order, supplier: lynn, required_delivery_date: '2026-11-01' }, 'us.sosa', authorized.id)), 422, ['required_delivery_date']);
    });

    it('a request id that is not a UUID → 404', async () => {
      for (const id of ['not-a-uuid', '1', '%00', "1'%20or%20'1'='1"]) assertProblem(await writesNothing(() => transition({ action: 'acknowledge' }, 'us.sosa', id)), 404, [], id);
    });
  });

  describe('POST /requests/{id}/comments and the query strings', () => {
    it('a blank, oversized, unstorable or mis-scoped comment → 422 naming the field', async () => {
      const token = await t.login('in.sosa');
      const cases: Array<[unknown, string]> = [
        [{ body: '' }, 'body'],
        [{ body: '  ' }, 'body'],
        [{ body: 'x'.repeat(8001) }, 'body'],
        [{ body: 'a\u0000' }, 'body'],
        [{ body: 'ok', visibility: 'secret' }, 'visibility'],
        [{ body: 'ok', author: 'us.sosa' }, 'author'],
        [{}, 'body'],
      ];
      for (const [body, field] of cases) assertProblem(await writesNothing(() => t.call(token, 'POST', `/requests/${draft.id}/comments`, body)), 422, [field], field);
    });

    it('bad query parameters → 422 naming them', async () => {
      const token = await t.login('in.sosa');
      const cases: Array<[string, string]> = [
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['limit=201', 'limit'],
        ['offset=-1', 'offset'],
        ['offset=1e400', 'offset'],
        ['urgency=panic', 'urgency'],
        ['direction=sideways', 'direction'],
        ['overdue=yes', 'overdue'],
        ['colour=red', 'colour'],
        ['q=%00', 'q'],
      ];
      for (const [query, field] of cases) assertProblem(await t.call(token, 'GET', `/requests?${query}`), 422, [field], query);
      assertProblem(await t.call(await t.login('in.auditor'), 'GET', '/audit?afterSeq=-1'), 422, ['afterSeq']);
      assertProblem(await t.call(await t.login('in.auditor'), 'GET', '/audit?afterSeq=1e20'), 422, ['afterSeq']);
    });
  });

  describe('POST /requests/{id}/attachments', () => {
    const send = async (file: { name: string; type: string; content: Uint8Array<ArrayBuffer> | string }, visibility?: string) =>
      writesNothing(async () => upload(t, await t.login('in.sosa'), draft.id, file, visibility));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

    it('a PDF named .pdf whose content is a PNG → 415', async () => {
      assertProblem(await send({ name: 'drawing.pdf', type: 'application/pdf', content: png }), 415, ['file']);
    });

    it('a type that is not allowed → 415; a name that does not match the type → 422', async () => {
      assertProblem(await send({ name: 'payload.exe', type: 'application/x-msdownload', content: 'MZ' }), 415, ['file']);
      assertProblem(await send({ name: 'page.html', type: 'text/html', content: '<script>alert(1)</script>' }), 415, ['file']);
      assertProblem(await send({ name: 'notes.txt', type: '', content: 'x' }), 415, ['file']);
      assertProblem(await send({ name: 'drawing.png', type: 'application/pdf', content: TEST_PDF }), 422, ['file']);
      assertProblem(await send({ name: 'notes.txt', type: 'text/plain', content: new Uint8Array([0x61, 0, 0x62]) }), 415, ['file']);
    });

    it('an empty file, no file part, or an unknown visibility → 422', async () => {
      assertProblem(await send({ name: 'empty.pdf', type: 'application/pdf', content: '' }), 422, ['file']);
      assertProblem(await send({ name: 'spec.pdf', type: 'application/pdf', content: TEST_PDF }, 'secret'), 422, ['visibility']);
      const noFile = await writesNothing(async () => {
        const form = new FormData();
        form.append('visibility', 'shared');
        const r = await t.app.request(`/api/v1/requests/${draft.id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await t.login('in.sosa')}` }, body: form });
        return { status: r.status, body: await r.json(), headers: r.headers };
      });
      assertProblem(noFile, 422, ['file']);
    });

    it('an oversized attachment → 413 naming the file; a body far over the limit → 413', async () => {
      const big = new Uint8Array(MAX_ATTACHMENT + 1).fill(0x41);
      assertProblem(await send({ name: 'big.txt', type: 'text/plain', content: big }), 413, ['file']);
      assertProblem(await send({ name: 'huge.txt', type: 'text/plain', content: new Uint8Array(MAX_ATTACHMENT + 200_000).fill(0x41) }), 413);
    });

    it('a JSON body or a broken multipart body → 415 / 422', async () => {
      const token = await t.login('in.sosa');
      assertProblem(await writesNothing(() => t.call(token, 'POST', `/requests/${draft.id}/attachments`, { file: 'x' })), 415);
      const broken = await writesNothing(async () => {
        const r = await t.app.request(`/api/v1/requests/${draft.id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n' });
        return { status: r.status, body: await r.json(), headers: r.headers };
      });
      assertProblem(broken, 422, ['file']);
    });
  });

  describe('ids in a path that look like UUIDs but are not (36 dashes, 36 hex digits) → 404 or 422, never a 500 (review of stop 27, F6)', () => {
    const NOT_UUIDS = ['-'.repeat(36), 'a'.repeat(36), `${'0'.repeat(8)}-${'0'.repeat(4)}-${'0'.repeat(4)}-${'0'.repeat(4)}-${'0'.repeat(11)}-`];

    it("users, second factors, passkeys and a request's attachments", async () => {
      const cases: Array<[string, string, (id: string) => string, unknown]> = [
        ['in.admin', 'PATCH', (id) => `/users/${id}`, { active: true }],
        ['in.admin', 'PUT', (id) => `/users/${id}/sso-link`, { issuer: 'https://idp.example', subject: 'someone' }],
        ['in.admin', 'DELETE', (id) => `/users/${id}/second-factor`, undefined],
        ['in.admin', 'PUT', (id) => `/organisations/${id}/second-factor-required`, { required: true }],
        ['in.sosa', 'POST', (id) => `/me/second-factor/passkeys/${id}/remove`, { password: 'test-password-123' }],
        ['in.sosa', 'GET', (id) => `/requests/${draft.id}/attachments/${id}`, undefined],
      ];
      for (const [user, method, path, body] of cases) {
        const token = await t.login(user);
        for (const id of NOT_UUIDS) {
          const res = await writesNothing(() => t.call(token, method, path(id), body));
          assert.ok([404, 422].includes(res.status), `${method} ${path(id)}: ${res.status} ${JSON.stringify(res.body)}`);
          assertProblem(res, res.status, [], `${method} ${path(id)}`);
        }
      }
    });

    it('the attachments of a partner copy, on a sovereign instance', async () => {
      // The copy's upload is held to MAX_ATTACHMENT_BYTES, as a request's is (the holder fetches a file above a message's size).
    const india = await createTestApp({ now: '2026-11-23T14:00:00Z', config: { nation: 'IN', maxAttachmentBytes: 1_000_000 } });
      try {
        // A copy of a US request, as a message from the US instance leaves it.
        const requestId = crypto.randomUUID();
        await india.ctx.store.db.insertInto('federation_mirrors').values({ peer_nation: 'US', object_type: 'request', object_id: requestId, object_version: 1, body: JSON.stringify({ request: { id: requestId, arrangementId: 'US-IN', fromNation: 'US', toNation: 'IN' } }), message_id: crypto.randomUUID(), updated_at: india.ctx.now() }).execute();
        const token = await india.login('in.sosa');
        for (const id of NOT_UUIDS) {
          for (const [method, path] of [['GET', `/partner-copies/${requestId}/attachments/${id}`], ['POST', `/partner-copies/${requestId}/attachments/${id}/fetch`], ['GET', `/partner-copies/${id}/attachments/${requestId}`], ['POST', `/partner-copies/${id}/attachments/${requestId}/fetch`], ['POST', `/partner-copies/${id}/comments`]] as const) {
            const res = await india.call(token, method, path, method === 'POST' && path.endsWith('comments') ? { body: 'hello', visibility: 'shared' } : undefined);
            assertProblem(res, 404, [], `${method} ${path}`);
          }
        }
      } finally {
        await india.close();
      }
    });
  });

  it("a body far over a partner copy's upload limit (MAX_ATTACHMENT_BYTES) → 413 from the body limit, refused as it streams in, not read whole first (review of stop 27, F7)", async () => {
    // The copy's upload is held to MAX_ATTACHMENT_BYTES, as a request's is (the holder fetches a file above a message's size).
    const india = await createTestApp({ now: '2026-11-23T14:00:00Z', config: { nation: 'IN', maxAttachmentBytes: 1_000_000 } });
    try {
      const requestId = crypto.randomUUID();
      await india.ctx.store.db.insertInto('federation_mirrors').values({ peer_nation: 'US', object_type: 'request', object_id: requestId, object_version: 1, body: JSON.stringify({ request: { id: requestId, arrangementId: 'US-IN', fromNation: 'US', toNation: 'IN' } }), message_id: crypto.randomUUID(), updated_at: india.ctx.now() }).execute();
      const token = await india.login('in.sosa');
      // 4 MB: four times what a file on a copy may have here.
      const res = await upload(india, token, requestId, { name: 'huge.txt', type: 'text/plain', content: new Uint8Array(4_000_000).fill(0x41) }, 'shared', `/partner-copies/${requestId}/attachments`);
      assertProblem(res, 413, [], 'huge upload on a copy');
      assert.equal(res.body.type, 'https://sosa-desk.dev/problems/payload-too-large');
      assert.equal(res.body.detail, 'The body is larger than the server accepts.', "the body limit's answer, not the route's (which reads the whole body first)");
    } finally {
      await india.close();
    }
  });

  it('every route that takes a JSON body refuses malformed JSON (400), a wrong type (415) and a non-object (422), writing nothing', async () => {
    const analyst = await userId(t, 'in.analyst');
    const userFor = (access: (typeof ROUTE_CATALOG)[number]['access']) =>
      access === 'public' ? null : access === 'authenticated' ? 'in.sosa' : access.includes('sosa_officer') ? 'in.sosa' : access.includes('admin') ? 'in.admin' : access.includes('supplier') ? 'in.supplier' : access.includes('analyst') ? 'in.analyst' : 'in.auditor';
    const routes = ROUTE_CATALOG.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && !r.path.endsWith('/attachments'));
    assert.ok(routes.length >= 6, routes.map((r) => r.path).join(', '));
    for (const route of routes) {
      const path = route.path.replace('{id}', route.path.startsWith('/users') ? analyst : draft.id).replace('{nation}', 'IN').replace('{date}', '2027-01-05');
      // The DPAS order desk is a US company's (an Indian company gets 403 before its body is read).
      const onDpasDesk = DPAS_DESK_PATHS.some((p) => (p.endsWith('/*') ? route.path.startsWith(p.slice(0, -1)) : route.path === p));
      const user = onDpasDesk && route.access !== 'public' && route.access !== 'authenticated' && route.access.includes('supplier') ? 'us.supplier' : userFor(route.access);
      const token = user ? await t.login(user) : null;
      const label = `${route.method} ${route.path}`;
      await writesNothing(async () => {
        assertProblem(await t.call(token, route.method, path, '{"a":'), 400, ['(body)'], label);
        assertProblem(await t.call(token, route.method, path, '{}', { 'content-type': 'text/plain' }), 415, [], label);
        assertProblem(await t.call(token, route.method, path, '[1,2]'), 422, [], label);
        // Network imports have their own, larger limit (NETWORK_MAX_BYTES).
        const limit = route.path === '/networks' ? t.ctx.config.maxNetworkBytes : 1_048_576;
        assertProblem(await t.call(token, route.method, path, JSON.stringify({ x: 'y'.repeat(limit + 50_000) })), 413, [], label);
      });
    }
  });

  describe('property: random JSON never causes a 5xx, and a refusal writes nothing', () => {
    const seed = Number(process.env.SOSA_FUZZ_SEED ?? Date.now() % 2 ** 31);
    const options = { seed, numRuns: 150, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false };
    const transitions = [...DPAS_WORKFLOW.transitions, ...CODE_OF_CONDUCT_WORKFLOW.transitions];
    const fieldNames = [...new Set(transitions.flatMap((x) => x.fields.map((f) => f.name)))];
    const actionNames = [...new Set(transitions.map((x) => x.action))];
    // Strings rich in what breaks stores and parsers (NUL, unpaired surrogates, quotes, controls),
    // ASCII and arbitrary UTF-16; shallow enough to stay quick.
    const nasty = fc.constantFrom('\u0000', '\ud800', '\udfff', '😀', 'é', '"', '\\', '\n', ' ', 'a', '1', '-', '%', "'");
    const json = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3, stringUnit: nasty }), fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }));
    const requestKeys = Object.keys(base());
    const itemKeys = Object.keys((base().items as object[])[0]!);

    async function check(res: Res, before: Record<string, number>, ok: number, label: string) {
      assert.ok(res.status < 500, `${label}: ${res.status} ${JSON.stringify(res.body)}`);
      if (res.status !== ok) {
        assert.ok(res.status >= 400, `${label}: ${res.status}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json', label);
        assert.deepEqual(await countRows(t), before, `${label}: a refused call wrote nothing`);
      }
    }

    it(`POST /requests (seed ${seed})`, async (ctx) => {
      ctx.diagnostic(`fast-check seed ${seed}; rerun with SOSA_FUZZ_SEED=${seed}`);
      const value = fc.oneof(json, fc.string({ unit: nasty, maxLength: 8 }));
      const body = fc.oneof(
        { arbitrary: json, weight: 1 },
        // Near misses: one field of a valid request, or of its line item, replaced by anything.
        { arbitrary: fc.tuple(fc.constantFrom(...requestKeys, 'extra'), value).map(([key, v]) => ({ ...base(), [key]: v })), weight: 3 },
        { arbitrary: fc.tuple(fc.constantFrom(...itemKeys, 'extra'), value).map(([key, v]) => withItem({ [key]: v })), weight: 2 },
      );
      const raw = fc.oneof({ arbitrary: body.map((b) => JSON.stringify(b) ?? 'null'), weight: 4 }, { arbitrary: fc.string({ unit: 'binary' }), weight: 1 });
      await fc.assert(
        fc.asyncProperty(raw, async (text) => {
          const before = await countRows(t);
          await check(await submit(text), before, 201, text.slice(0, 120));
        }),
        options,
      );
    });

    it(`POST /requests/{id}/transitions (seed ${seed})`, async (ctx) => {
      ctx.diagnostic(`fast-check seed ${seed}; rerun with SOSA_FUZZ_SEED=${seed}`);
      const fuzzed = await buildRequest(t, 'US->IN');
      const placed = await buildRequest(t, 'IN->US', 'placed');
      const users = ['in.sosa', 'in.supplier', 'in.auditor', 'us.sosa', 'us.supplier', 'us.dod', 'us.commerce'];
      const value = fc.oneof(json, fc.string({ unit: nasty, maxLength: 8 }));
      const fields = fc.dictionary(fc.oneof({ arbitrary: fc.constantFrom(...fieldNames), weight: 4 }, { arbitrary: fc.string(), weight: 1 }), value, { maxKeys: 4 });
      // Steps of the real workflows with some of their own fields, each filled with anything.
      const step = fc.constantFrom(...transitions).chain((x) =>
        fc.record(Object.fromEntries(x.fields.map((f) => [f.name, value])), { requiredKeys: [] }).map((f) => ({ ...f, action: x.action })),
      );
      const body = fc.oneof(
        { arbitrary: json, weight: 1 },
        { arbitrary: fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...actionNames), weight: 4 }, { arbitrary: value, weight: 1 }), fields).map(([action, f]) => ({ ...f, action })), weight: 2 },
        { arbitrary: step, weight: 4 },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...users), fc.constantFrom(fuzzed.id, placed.id, draft.id), body, async (user, id, input) => {
          const text = JSON.stringify(input) ?? 'null';
          const before = await countRows(t);
          const res = await t.call(await t.login(user), 'POST', `/requests/${id}/transitions`, text);
          await check(res, before, 200, `${user} ${text.slice(0, 120)}`);
        }),
        options,
      );
    });
  });
});
