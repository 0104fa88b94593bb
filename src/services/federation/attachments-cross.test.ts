import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { INLINE_ATTACHMENT_BYTES } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { findMirror } from '../../store/federation-messages.repository.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody, upload } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { auditActions } from '../../testing/audit-actions.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { catchUpFromPeer } from './message-sender.js';
import { OUTBOX_PAGE_CHARS } from './serve-outbox.js';

// Issue #13: a request's shared attachments cross between two sovereign instances (the US, which
// holds the request, and India, which holds a copy), as `request.attachment` messages: metadata,
// and the content inline when it fits a signed message (INLINE_ATTACHMENT_BYTES). One pair of
// instances serves the whole file; each test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();

const CANARY = 'CANARY-us-internal-file-5519';
const outbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().orderBy('seq').execute();
const held = (t: TestApp) => t.ctx.store.db.selectFrom('partner_attachments').selectAll().execute();
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const PDF = '%PDF-1.4\n% the casting drawing, revision C\n';

async function copy(requestId: string) {
  const res = await india.call(await india.login('in.sosa'), 'GET', `/partner-copies/${requestId}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function download(requestId: string, attachmentId: string) {
  const token = await india.login('in.sosa');
  const res = await india.app.request(`/api/v1/partner-copies/${requestId}/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** A `request.attachment` the US instance queues to India in its own outbox, as its code would (its next number, signed now). */
async function queueFromUs(body: Record<string, unknown>, objectId: string, arrangement = 'US-IN'): Promise<void> {
  await us.ctx.store.db.transaction().execute((trx) => enqueueOutbound(us.ctx, trx, { peerNation: 'IN', arrangement, kind: 'request.attachment', object: { type: 'request', id: objectId, version: 1 }, body }));
}

describe("a request's shared attachments cross to the peer instance (issue #13)", () => {
  let requestId = '';
  let pdfId = '';

  it('a shared file of the US officer crosses with its content, named by name, nation and organisation; an internal one never leaves the US instance', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Request with drawings' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    const officer = await us.login('us.sosa');
    const internal = await upload(us, officer, requestId, { name: `${CANARY}.txt`, type: 'text/plain', content: `Our own assessment: ${CANARY}` }, 'internal');
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    assert.equal((await outbox(us)).length, 0, 'an internal file queues no message');

    const shared = await upload(us, officer, requestId, { name: 'drawing.pdf', type: 'application/pdf', content: PDF }, 'shared');
    assert.equal(shared.status, 201, JSON.stringify(shared.body));
    pdfId = shared.body.id;
    const rows = await outbox(us);
    // No step was sent yet: India first gets the request, then the file, which answers it.
    assert.deepEqual(rows.map((r) => [r.seq, r.kind]), [[1, 'request.shared'], [2, 'request.attachment']]);
    const message = decodeJwt(rows[1]!.jws) as unknown as FederationMessage;
    assert.equal(message.answers, rows[0]!.message_hash);
    const user = await us.ctx.store.db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.id', 'users.display_name', 'organisations.name']).where('username', '=', 'us.sosa').executeTakeFirstOrThrow();
    assert.deepEqual(message.body.attachment, {
      id: pdfId, filename: 'drawing.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha(PDF),
      uploader: { displayName: user.display_name, nation: 'US', organisation: user.name }, visibility: 'shared', createdAt: us.ctx.now().toISOString(),
      content: Buffer.from(PDF).toString('base64'),
    });
    assert.ok(!rows[1]!.jws.includes(user.id) && !JSON.stringify(message).includes(user.id), 'no account id of the US instance');

    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const { attachments } = await copy(requestId);
    assert.deepEqual(attachments, [{
      id: pdfId, filename: 'drawing.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha(PDF),
      uploader: { displayName: user.display_name, nation: 'US', organisation: user.name }, createdAt: us.ctx.now().toISOString(), transferred: true,
      download: `/api/v1/partner-copies/${requestId}/attachments/${pdfId}`,
    }]);
    const file = await download(requestId, pdfId);
    assert.equal(file.status, 200);
    assert.equal(new TextDecoder().decode(file.bytes), PDF);
    assert.equal(file.headers.get('x-checksum-sha256'), sha(PDF));
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(await auditActions(india, 'request.attachment_received'), ['request.attachment_received']);
    assert.deepEqual(await auditActions(india, 'partner_copy.attachment_read'), ['partner_copy.attachment_read']);

    // A step carries the request's projection, which replaces the copy: the files stay listed.
    const ack = await us.call(officer, 'POST', `/requests/${requestId}/transitions`, { action: 'acknowledge' });
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual((await copy(requestId)).attachments.map((a: { id: string }) => a.id), [pdfId]);
  });

  it('a file larger than a signed message carries crosses as metadata, listed as not transferred; its download is a 409 problem, not a 500', async () => {
    const big = 'x'.repeat(INLINE_ATTACHMENT_BYTES + 1);
    const res = await upload(us, await us.login('us.sosa'), requestId, { name: 'test-report.txt', type: 'text/plain', content: big }, 'shared');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const last = (await outbox(us)).slice(-1)[0]!;
    assert.equal(last.kind, 'request.attachment');
    assert.ok(last.jws.length < 100_000, 'the content is not in the message');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const listed = (await copy(requestId)).attachments.find((a: { id: string }) => a.id === res.body.id);
    assert.equal(listed.transferred, false);
    assert.equal(listed.sha256, sha(big));
    assert.equal(listed.size, big.length);
    const token = await india.login('in.sosa');
    const file = await india.call(token, 'GET', `/partner-copies/${requestId}/attachments/${res.body.id}`);
    assert.equal(file.status, 409, JSON.stringify(file.body));
    assert.equal(file.body.transferred, false);
    assert.match(file.body.detail, /not transferred/);
    const unknown = await india.call(token, 'GET', `/partner-copies/${requestId}/attachments/${randomUUID()}`);
    assert.equal(unknown.status, 404);
  });

  it('India refuses, applying nothing, a file on a request it does not hold, of another arrangement, by an official of another nation, or whose content is not its hash', async () => {
    const before = (await held(india)).length;
    const refusedBefore = (await auditActions(india, 'federation.message_refused')).length;
    const attachment = (changes: Record<string, unknown> = {}) => ({
      id: randomUUID(), filename: 'note.txt', contentType: 'text/plain', size: 5, sha256: sha('hello'),
      uploader: { displayName: 'Dana Whitfield', nation: 'US', organisation: 'DoD' }, visibility: 'shared', createdAt: us.ctx.now().toISOString(),
      content: Buffer.from('hello').toString('base64'), ...changes,
    });
    const ref = (id: string, arrangementId = 'US-IN') => ({ id, arrangementId, fromNation: 'IN', toNation: 'US' });
    const unknownId = randomUUID();
    await queueFromUs({ request: ref(unknownId), attachment: attachment() }, unknownId);
    await queueFromUs({ request: ref(requestId, 'US-GB'), attachment: attachment() }, requestId, 'US-GB');
    await queueFromUs({ request: ref(requestId), attachment: attachment({ uploader: { displayName: 'Asha Rao', nation: 'IN', organisation: 'MoD' } }) }, requestId);
    await queueFromUs({ request: ref(requestId), attachment: attachment({ content: Buffer.from('hellO').toString('base64') }) }, requestId);
    await queueFromUs({ request: ref(requestId), attachment: { ...attachment(), accountId: randomUUID() } }, requestId);
    const delivered = await net.deliver('US', 'IN');
    assert.equal(delivered.refused, 5, JSON.stringify(delivered));
    const reasons = (await outbox(us)).slice(-5).map((r) => [r.state, r.refusal_reason]);
    assert.deepEqual(reasons, [['refused', 'unknown_object'], ['refused', 'out_of_arrangement'], ['refused', 'wrong_nation'], ['refused', 'hash_mismatch'], ['refused', 'invalid_content']]);
    assert.equal((await held(india)).length, before, 'nothing applied');
    assert.equal((await auditActions(india, 'federation.message_refused')).length - refusedBefore, 5, 'each refusal is audited');
    assert.deepEqual(await auditActions(india, 'request.attachment_received'), ['request.attachment_received', 'request.attachment_received'], 'no more files received');
  });

  it('India, back after an outage, fetches files carried inline in pages of a bounded size', async () => {
    net.down.add('IN');
    const officer = await us.login('us.sosa');
    const files = Array.from({ length: 7 }, (_, i) => String.fromCharCode(97 + i).repeat(INLINE_ATTACHMENT_BYTES));
    for (const [i, content] of files.entries()) assert.equal((await upload(us, officer, requestId, { name: `lot-${i}.txt`, type: 'text/plain', content }, 'shared')).status, 201);
    assert.match((await net.deliver('US', 'IN')).blocked ?? '', /IN unreachable/);
    net.down.delete('IN');
    const pages: number[] = [];
    const fetch: typeof net.fetch = async (...args) => {
      const res = await net.fetch(...args);
      if (String(args[0]).includes('/outbox?')) pages.push((await res.clone().text()).length);
      return res;
    };
    assert.equal(await catchUpFromPeer(india.ctx, 'US', { fetch }), files.length);
    assert.ok(pages.length >= 2 && pages.every((n) => n <= OUTBOX_PAGE_CHARS + 1000), `pages of ${pages.join(', ')} characters`);
    const listed = (await copy(requestId)).attachments.filter((a: { filename: string }) => a.filename.startsWith('lot-'));
    // Uploaded at the same instant of the test clock: compared as sets.
    assert.deepEqual(listed.map((a: { sha256: string; transferred: boolean }) => `${a.sha256}:${a.transferred}`).sort(), files.map((f) => `${sha(f)}:true`).sort());
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: files.length, blocked: null }, 'the US delivery of what India fetched is answered as duplicates');
  });

  it('no message the US instance sent carries the internal file, by name or content', async () => {
    const rows = await outbox(us);
    assert.ok(rows.length >= 5);
    for (const r of rows) assert.ok(!r.jws.includes(CANARY) && !JSON.stringify(decodeJwt(r.jws)).includes(CANARY), `message ${r.seq} (${r.kind}) carries the internal file`);
    const copyBody = JSON.stringify((await findMirror(india.ctx.store.db, 'US', 'request', requestId))?.body);
    assert.ok(!copyBody.includes(CANARY));
    assert.ok((await held(india)).every((a) => !a.filename.includes(CANARY)));
  });
});
