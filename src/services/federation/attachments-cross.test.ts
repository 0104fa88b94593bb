import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { INLINE_ATTACHMENT_BYTES } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { findMirror } from '../../store/federation-messages.repository.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody, upload } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { auditActions } from '../../testing/audit-actions.js';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { FILE_FETCH_TYPE, type FederationFileFetch } from '../../domain/federation/delivery.js';
import { signPayload, type SigningKey } from '../../domain/federation/signing.js';
import { addPeer, checkPeerDescriptor } from './add-peer.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { exportDescriptor } from './export-descriptor.js';
import { generateSigningKey } from './key-store.js';
import { fetchDueFiles } from './fetch-partner-files.js';
import { instanceSigningKey } from './instance-key.js';
import { catchUpFromPeer, startMessageSender } from './message-sender.js';
import { startFileFetcher } from './file-fetcher.js';
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
      uploader: { displayName: user.display_name, nation: 'US', organisation: user.name }, createdAt: us.ctx.now().toISOString(), transferred: true, state: 'transferred', stateDetail: null, fetchAgain: null,
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
    assert.equal(listed.state, 'fetching', 'fetched from the US by its hash (below), not yet');
    assert.equal(listed.sha256, sha(big));
    assert.equal(listed.size, big.length);
    const token = await india.login('in.sosa');
    const file = await india.call(token, 'GET', `/partner-copies/${requestId}/attachments/${res.body.id}`);
    assert.equal(file.status, 409, JSON.stringify(file.body));
    assert.equal(file.body.transferred, false);
    assert.equal(file.body.state, 'fetching');
    assert.match(file.body.detail, /not transferred yet: .* being fetched from US/);
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

// A file larger than a message carries is fetched by India from the US by its SHA-256, over a
// request India signs (GET /federation/files/{sha256}, serve-file.ts; fetch-partner-files.ts). Same
// pair of instances, going on from the state the tests above left.
describe('a shared file larger than a message carries is fetched from the sender by its hash (issue #13)', () => {
  const MiB = 1024 * 1024;
  /** A PNG of `size` bytes (its magic, then bytes of every value): binary, so a byte-for-byte comparison means something. */
  const png = (size: number, seed: number) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };
  const row = (id: string) => india.ctx.store.db.selectFrom('partner_attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const listed = async (id: string) => (await copy(requestId)).attachments.find((a: { id: string }) => a.id === id);
  let requestId = '';
  let big = new Uint8Array();
  let bigId = '';

  /** A shared 1 MiB-ish file of the US officer on the request, delivered to India (its content not in the message). */
  async function shareBig(content: Uint8Array, name: string, messages = 1): Promise<string> {
    const res = await upload(us, await us.login('us.sosa'), requestId, { name, type: 'image/png', content: content as Uint8Array<ArrayBuffer> }, 'shared');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: messages, blocked: null });
    return res.body.id;
  }

  it('a 1 MiB file crosses as metadata, is fetched from the US by its hash, and downloads on India byte for byte; both sides audit it', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Request with a large drawing' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    big = png(MiB, 1);
    // The request goes first (request.shared), then the file.
    bigId = await shareBig(big, 'assembly.png', 2);
    assert.deepEqual({ ...(await listed(bigId)), createdAt: undefined, uploader: undefined }, {
      id: bigId, filename: 'assembly.png', contentType: 'image/png', size: MiB, sha256: sha(big), transferred: false, state: 'fetching', stateDetail: null, fetchAgain: null,
      download: `/api/v1/partner-copies/${requestId}/attachments/${bigId}`, createdAt: undefined, uploader: undefined,
    });
    const before = await download(requestId, bigId);
    assert.equal(before.status, 409, 'listed, being fetched: a problem, not a 500 nor an empty file');

    // One round of the sender's fetching: this file, and the one above the inline limit listed earlier in this file.
    assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: net.fetch }), { fetched: 2, failed: 0, refused: 0, unavailable: 0 });
    assert.equal((await listed(bigId)).state, 'transferred');
    assert.equal((await listed(bigId)).transferred, true);
    const file = await download(requestId, bigId);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('x-checksum-sha256'), sha(big));
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.ok(Buffer.from(file.bytes).equals(Buffer.from(big)), 'byte-identical');
    assert.deepEqual(await auditActions(india, 'request.attachment_fetched'), ['request.attachment_fetched', 'request.attachment_fetched']);
    assert.deepEqual(await auditActions(us, 'federation.file_served'), ['federation.file_served', 'federation.file_served']);
    assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: net.fetch }), { fetched: 0, failed: 0, refused: 0, unavailable: 0 }, 'fetched once');
  });

  it("the US serves a file only to the peer it sent it to, over a valid signature: an internal file's hash, an unknown hash, another peer's message, an unsigned, wrongly signed, unpeered or stale request are refused and audited", async () => {
    const messageId = (await row(bigId)).message_id;
    const indiaKey = await instanceSigningKey(india.ctx.config.keyDir);
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const strangerKey: SigningKey = { kid: await calculateJwkThumbprint(await exportJWK(stranger.publicKey)), privateKey: stranger.privateKey };
    const proof = (fields: Partial<FederationFileFetch> = {}, key: SigningKey = indiaKey) =>
      signPayload({ from: 'IN', to: 'US', sha256: sha(big), messageId, issuedAt: us.ctx.now().toISOString(), ...fields }, key, FILE_FETCH_TYPE);
    const ask = async (hash: string, signed: string | null) => {
      const res = await us.app.request(`/api/v1/federation/files/${hash}${signed === null ? '' : `?proof=${encodeURIComponent(signed)}`}`);
      return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer()) };
    };

    // An internal file of the US officer on the same request, its content large too.
    const internal = png(INLINE_ATTACHMENT_BYTES + 10, 2);
    assert.equal((await upload(us, await us.login('us.sosa'), requestId, { name: 'own-notes.png', type: 'image/png', content: internal as Uint8Array<ArrayBuffer> }, 'internal')).status, 201);
    // A message to another peer (GB) listing the same file: not one sent to India.
    const gbDir = mkdtempSync(join(tmpdir(), 'sosa-gb-keys-'));
    await generateSigningKey(join(gbDir, 'keys'), us.ctx.now());
    const gb = await exportDescriptor({ nation: 'GB', baseUrl: 'http://127.0.0.1:47999', arrangements: ['US-GB'], keyDir: join(gbDir, 'keys'), now: us.ctx.now() });
    rmSync(gbDir, { recursive: true, force: true });
    await addPeer({ ctx: us.ctx, checked: await checkPeerDescriptor(gb.jws, 'US') });
    const toIndia = decodeJwt((await us.ctx.store.db.selectFrom('federation_outbox').select('jws').where('id', '=', messageId).executeTakeFirstOrThrow()).jws) as unknown as FederationMessage;
    await us.ctx.store.db.transaction().execute((trx) => enqueueOutbound(us.ctx, trx, { peerNation: 'GB', arrangement: 'US-GB', kind: 'request.attachment', object: { type: 'request', id: requestId, version: 1 }, body: toIndia.body }));
    const toGb = (await us.ctx.store.db.selectFrom('federation_outbox').select('id').where('peer_nation', '=', 'GB').executeTakeFirstOrThrow()).id;

    const refusedBefore = (await auditActions(us, 'federation.file_fetch_refused')).length;
    const servedBefore = (await auditActions(us, 'federation.file_served')).length;
    const cases: Array<[string, string, string, number]> = [
      ["an internal file's hash", sha(internal), await proof({ sha256: sha(internal) }), 404],
      ['an unknown hash', sha('no such file'), await proof({ sha256: sha('no such file') }), 404],
      ['a hash other than the proof names', sha(internal), await proof(), 404],
      ["a message to another peer", sha(big), await proof({ messageId: toGb }), 404],
      ['a message that was never sent', sha(big), await proof({ messageId: randomUUID() }), 404],
      ['an unsigned proof', sha(big), `${Buffer.from(JSON.stringify({ alg: 'none', kid: indiaKey.kid, typ: FILE_FETCH_TYPE })).toString('base64url')}.${Buffer.from(JSON.stringify({ from: 'IN', to: 'US', sha256: sha(big), messageId, issuedAt: us.ctx.now().toISOString() })).toString('base64url')}.`, 403],
      ["a proof signed by another key under India's key id", sha(big), await proof({}, { kid: indiaKey.kid, privateKey: strangerKey.privateKey }), 403],
      ['an unpeered key', sha(big), await proof({}, strangerKey), 403],
      ['a stale proof', sha(big), await proof({ issuedAt: new Date(us.ctx.now().getTime() - 10 * 60_000).toISOString() }), 403],
      ['a proof for another nation', sha(big), await proof({ to: 'GB' }), 403],
    ];
    for (const [what, hash, signed, status] of cases) {
      const res = await ask(hash, signed);
      assert.equal(res.status, status, `${what}: ${res.body instanceof Uint8Array ? `${res.body.byteLength} bytes of content served` : JSON.stringify(res.body)}`);
      assert.ok(!(res.body instanceof Uint8Array), `${what}: a problem document, no content`);
    }
    assert.equal((await auditActions(us, 'federation.file_fetch_refused')).length - refusedBefore, cases.length, 'each refusal is audited');
    // Bad input: a problem document, never a 500 (and nothing served).
    assert.equal((await ask(sha(big), null)).status, 422);
    assert.equal((await ask('not-a-hash', await proof())).status, 422);
    assert.equal((await auditActions(us, 'federation.file_served')).length, servedBefore, 'nothing served');
    const good = await ask(sha(big), await proof());
    assert.equal(good.status, 200, 'the same request, rightly signed, is served');
    assert.ok(Buffer.from(good.body as Uint8Array).equals(Buffer.from(big)));
    // The border is read again when the peer asks, not only when the file was listed: a file made
    // internal since (as an administrator would correct a wrongly shared file) is no longer served.
    await us.ctx.store.db.updateTable('attachments').set({ visibility: 'internal' }).where('id', '=', bigId).execute();
    try {
      const after = await ask(sha(big), await proof());
      assert.equal(after.status, 404, after.body instanceof Uint8Array ? 'a file made internal is served' : JSON.stringify(after.body));
      assert.equal((await auditActions(us, 'federation.file_fetch_refused')).length - refusedBefore, cases.length + 1, 'the refusal is audited');
    } finally {
      await us.ctx.store.db.updateTable('attachments').set({ visibility: 'shared' }).where('id', '=', bigId).execute();
    }
  });

  it('content that is not the size or SHA-256 the signed message states is refused, audited, and not fetched again', async () => {
    const id = await shareBig(png(INLINE_ATTACHMENT_BYTES + 1024, 3), 'tampered.png');
    // A link that changes one byte of every file on the way.
    const tampering: typeof net.fetch = async (url, init) => {
      const res = await net.fetch(url, init);
      if (!url.includes('/federation/files/') || res.status !== 200) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
      return new Response(bytes, { status: 200, headers: res.headers });
    };
    const refusedBefore = (await auditActions(india, 'request.attachment_refused')).length;
    assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: tampering }), { fetched: 0, failed: 0, refused: 1, unavailable: 0 });
    const shown = await listed(id);
    assert.equal(shown.state, 'refused');
    assert.match(shown.stateDetail, /US sent \d+ bytes of SHA-256 [0-9a-f]{64}, not the file its signed message states/);
    const file = await download(requestId, id);
    assert.equal(file.status, 409);
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', `/partner-copies/${requestId}/attachments/${id}`)).body.state, 'refused');
    assert.equal((await auditActions(india, 'request.attachment_refused')).length - refusedBefore, 1, 'audited');
    assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: net.fetch }), { fetched: 0, failed: 0, refused: 0, unavailable: 0 }, 'a refused file is not fetched again');
  });

  it("while the US instance is unreachable India's sender retries the fetch with backoff and the copy shows the file as being fetched; once the US is back, the file arrives", async () => {
    net.down.add('US');
    const content = png(INLINE_ATTACHMENT_BYTES + 1024, 4);
    const id = await shareBig(content, 'later.png');
    const sender = startMessageSender(india.ctx, { fetch: net.fetch, intervalMs: 3_600_000 });
    const fetcher = startFileFetcher(india.ctx, { fetch: net.fetch, intervalMs: 3_600_000 });
    try {
      // The fetcher's first round (at its start) tries the fetch, and fails.
      await until(async () => (await row(id)).fetch_attempts >= 1, 'a first attempt');
      const pending = await row(id);
      assert.equal(pending.fetch_state, 'pending');
      assert.equal(pending.next_fetch_at!.getTime() - india.ctx.now().getTime(), 1_000, 'tried again 1 s later (backoff)');
      const shown = await listed(id);
      assert.equal(shown.state, 'fetching');
      assert.match(shown.stateDetail, /US unreachable/);
      const file = await india.call(await india.login('in.sosa'), 'GET', `/partner-copies/${requestId}/attachments/${id}`);
      assert.equal(file.status, 409);
      assert.match(file.body.detail, /being fetched from US; the last attempt failed \(US unreachable/);

      net.down.delete('US');
      india.clock.set(new Date(india.ctx.now().getTime() + 1_000));
      fetcher.poke();
      await until(async () => (await row(id)).fetch_state === 'fetched', 'the fetch after the outage');
      const got = await download(requestId, id);
      assert.equal(got.status, 200);
      assert.ok(Buffer.from(got.bytes).equals(Buffer.from(content)), 'byte-identical');
      assert.equal((await listed(id)).state, 'transferred');
    } finally {
      net.down.delete('US');
      await sender.stop();
      await fetcher.stop();
    }
  });

  it("a slow file fetch holds back none of India's messages: while a file's fetch from the US hangs, India's posture change is delivered to the US; a stop cuts the fetch off and leaves it due", async () => {
    const id = await shareBig(png(INLINE_ATTACHMENT_BYTES + 1024, 5), 'slow-link.png');
    // A link on which a file's body never comes (until it is cut off); messages pass as usual.
    let asked = 0;
    const slowFiles: typeof net.fetch = (url, init) => {
      if (!url.includes('/federation/files/')) return net.fetch(url, init);
      asked += 1;
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    };
    const sender = startMessageSender(india.ctx, { fetch: slowFiles, intervalMs: 3_600_000 });
    const fetcher = startFileFetcher(india.ctx, { fetch: slowFiles, intervalMs: 3_600_000 });
    let stopped = false;
    try {
      await until(async () => asked >= 1, 'the file fetch to start');
      const set = await india.call(await india.login('in.sosa'), 'PUT', '/postures/US-IN', { posture: 'emergency', note: 'Sent while a file is fetched' });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const sent = async () => (await india.ctx.store.db.selectFrom('federation_outbox').select('state').where('peer_nation', '=', 'US').where('kind', '=', 'posture.set').orderBy('seq', 'desc').executeTakeFirstOrThrow()).state;
      await until(async () => (await sent()) === 'delivered', 'the posture change delivered while the file fetch hangs', 3_000);
      assert.equal((await row(id)).fetch_state, 'pending', 'the file is still being fetched');

      const t0 = Date.now();
      await Promise.all([sender.stop(), fetcher.stop()]);
      stopped = true;
      assert.ok(Date.now() - t0 < 2_000, `the stop cut the fetch off (${Date.now() - t0} ms), not waiting out its time limit`);
      const left = await row(id);
      assert.equal(left.fetch_state, 'pending');
      assert.equal(left.fetch_attempts, 0, 'a fetch cut off by a stop is no failed attempt');
      assert.ok(left.next_fetch_at!.getTime() <= india.ctx.now().getTime(), 'due again at the next start');
      assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: net.fetch }), { fetched: 1, failed: 0, refused: 0, unavailable: 0 });
    } finally {
      if (!stopped) await Promise.all([sender.stop(), fetcher.stop()]);
    }
  });

  it("a file the US did not serve (404) is asked for again by India's officer: queued (202, audited) and fetched; not by an analyst (403) nor a US user (404); twice, or once transferred, is a 409", async () => {
    const content = png(INLINE_ATTACHMENT_BYTES + 1024, 6);
    const id = await shareBig(content, 'restored.png');
    // A 404 from something between the instances (a proxy, a US desk not yet serving files) says
    // nothing of the file: a failed attempt, tried again with the backoff.
    const proxy404: typeof net.fetch = async (url, init) => (url.includes('/federation/files/') ? new Response('<html>Not Found</html>', { status: 404 }) : net.fetch(url, init));
    assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: proxy404, ignoreSchedule: true }), { fetched: 0, failed: 1, refused: 0, unavailable: 0 });
    assert.equal((await listed(id)).state, 'fetching');
    // The US itself answers 404 for the file (say its officials had not restored it yet).
    const notServed: typeof net.fetch = async (url, init) =>
      url.includes('/federation/files/') ? Response.json({ title: 'Not found', status: 404, detail: 'No such file is served to IN.', reason: 'not_sent' }, { status: 404 }) : net.fetch(url, init);
    assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: notServed, ignoreSchedule: true }), { fetched: 0, failed: 0, refused: 0, unavailable: 1 });
    const path = `/partner-copies/${requestId}/attachments/${id}/fetch`;
    const shown = await listed(id);
    assert.equal(shown.state, 'unavailable');
    assert.equal(shown.fetchAgain, `/api/v1${path}`, 'offered to the officer');
    const asAnalyst = await india.call(await india.login('in.analyst'), 'GET', `/partner-copies/${requestId}`);
    assert.equal(asAnalyst.body.attachments.find((a: { id: string }) => a.id === id).fetchAgain, null, 'not offered to an analyst');
    assert.equal((await fetchDueFiles(india.ctx, { fetch: net.fetch })).fetched, 0, 'unavailable stays so until asked for');

    const officer = await india.login('in.sosa');
    assert.equal((await india.call(await india.login('in.analyst'), 'POST', path)).status, 403);
    assert.equal((await india.call(await india.login('us.sosa'), 'POST', path)).status, 404, "another nation's user learns nothing of the copy");
    assert.equal((await india.call(officer, 'POST', `/partner-copies/${requestId}/attachments/${randomUUID()}/fetch`)).status, 404);
    assert.equal((await india.call(officer, 'POST', `/partner-copies/${requestId}/attachments/not-an-id/fetch`)).status, 404);
    const before = (await auditActions(india, 'partner_copy.attachment_fetch_requested')).length;
    const asked = await india.call(officer, 'POST', path);
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    assert.equal(asked.body.state, 'fetching');
    assert.equal(asked.body.fetchAgain, null);
    assert.equal((await auditActions(india, 'partner_copy.attachment_fetch_requested')).length - before, 1, 'audited');
    const again = await india.call(officer, 'POST', path);
    assert.equal(again.status, 409, 'being fetched already');
    assert.match(again.body.detail, /being fetched already/);

    assert.deepEqual(await fetchDueFiles(india.ctx, { fetch: net.fetch }), { fetched: 1, failed: 0, refused: 0, unavailable: 0 });
    const got = await download(requestId, id);
    assert.equal(got.status, 200);
    assert.ok(Buffer.from(got.bytes).equals(Buffer.from(content)), 'byte-identical');
    const transferred = await india.call(officer, 'POST', path);
    assert.equal(transferred.status, 409);
    assert.match(transferred.body.detail, /transferred/);
  });

  it("the copy's message trail names the file each request.attachment carried, so two files' messages do not look alike", async () => {
    const c = await copy(requestId);
    const files = c.trail.filter((m: { kind: string }) => m.kind === 'request.attachment').map((m: { subject: string }) => m.subject);
    assert.deepEqual([...files].sort(), c.attachments.map((a: { filename: string }) => a.filename).sort(), 'one per file, by its name');
    assert.equal(new Set(files).size, files.length);
    assert.equal(c.trail.find((m: { kind: string }) => m.kind === 'request.shared').subject, null);
  });
});

/** Waits for a background round's effect, polling (bounded: 10 s unless said). */
async function until(check: () => Promise<boolean>, what: string, withinMs = 10_000): Promise<void> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`timed out waiting for ${what}`);
}

// The other way (issue #13, README "Sovereign instances"): India's officials comment and attach
// files on their copy of a request the US holds, as both nations' officials do on a shared
// deployment. A shared comment or file goes to the US as India's message, the US keeps it as the
// Indian official's (named, no account) and answers; an internal comment stays on India's desk.
// Same pair of instances, going on from the state the tests above left.
describe("India's officials comment and attach files on their copy of a request the US holds (issue #13)", () => {
  const CANARY_IN = 'CANARY-in-internal-copy-comment-7731';
  let requestId = '';
  let commentId = '';
  let fileId = '';
  const PDF_IN = '%PDF-1.4\n% India test report, lot 7\n';
  const contributions = async () => (await copy(requestId)).contributions as Array<{ id: string; kind: string; state: string; visibility: string; refusal: { reason: string; detail: string } | null; file: { download: string } | null; author: { nation: string } }>;
  const uploadToCopy = async (user: string, file: { name: string; type: string; content: string | Uint8Array<ArrayBuffer> }, visibility?: string) =>
    upload(india, await india.login(user), requestId, file, visibility, `/partner-copies/${requestId}/attachments`);

  it('a shared comment and a file sent from the copy answer 202 and show as pending; an internal comment answers 201 and queues nothing', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Request India writes on' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    assert.equal((await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/transitions`, { action: 'acknowledge' })).status, 200);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const before = (await outbox(india)).length;

    const token = await india.login('in.sosa');
    const shared = await india.call(token, 'POST', `/partner-copies/${requestId}/comments`, { body: 'India confirms the casting lot numbers.', visibility: 'shared' });
    assert.equal(shared.status, 202, JSON.stringify(shared.body));
    assert.equal(shared.body.state, 'sent');
    assert.equal(shared.body.heldBy, 'US');
    commentId = shared.body.id;
    const internal = await india.call(token, 'POST', `/partner-copies/${requestId}/comments`, { body: `Our own view: ${CANARY_IN}`, visibility: 'internal' });
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    assert.deepEqual([internal.body.state, internal.body.messageId], ['internal', null]);
    const file = await uploadToCopy('in.sosa', { name: 'lot-7.pdf', type: 'application/pdf', content: PDF_IN });
    assert.equal(file.status, 202, JSON.stringify(file.body));
    assert.equal(file.body.sha256, sha(PDF_IN));
    fileId = file.body.id;

    const sent = (await outbox(india)).slice(before);
    assert.deepEqual(sent.map((r) => r.kind), ['request.comment', 'request.attachment'], 'the internal comment is not sent');
    const official = await india.ctx.store.db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.id', 'users.display_name', 'organisations.name']).where('username', '=', 'in.sosa').executeTakeFirstOrThrow();
    const message = decodeJwt(sent[0]!.jws) as unknown as FederationMessage;
    assert.deepEqual((message.body as { comment: { author: unknown } }).comment.author, { displayName: official.display_name, nation: 'IN', organisation: official.name });
    assert.ok(sent.every((r) => !r.jws.includes(official.id)), 'no account id of the Indian instance');
    // Written at the same instant of the test clock: looked up by id.
    const listed = new Map((await contributions()).map((c) => [c.id, [c.kind, c.visibility, c.state]]));
    assert.deepEqual([listed.get(commentId), listed.get(internal.body.id), listed.get(fileId), listed.size], [['comment', 'shared', 'pending'], ['comment', 'internal', 'internal'], ['attachment', 'shared', 'pending'], 3]);
    // The file sent from here downloads from the copy before the holder took it.
    const got = await download(requestId, fileId);
    assert.equal(got.status, 200);
    assert.equal(new TextDecoder().decode(got.bytes), PDF_IN);
  });

  it("the US keeps the comment and the file as the Indian official's, audited, sends neither on as its own, and answers: the copy shows both applied", async () => {
    const usBefore = (await outbox(us)).length;
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 2, blocked: null });
    const officer = await us.login('us.sosa');
    const view = await us.call(officer, 'GET', `/requests/${requestId}`);
    const comment = view.body.comments.find((c: { id: string }) => c.id === commentId);
    assert.deepEqual([comment.body, comment.nation, comment.author.nation, comment.author.username], ['India confirms the casting lot numbers.', 'IN', 'IN', '']);
    const shown = view.body.attachments.find((a: { id: string }) => a.id === fileId);
    assert.equal(shown?.sha256, sha(PDF_IN));
    // Named as its comment's author is: by the name India's message gave, with its nation (no US account).
    const indian = await india.ctx.store.db.selectFrom('users').select('display_name').where('username', '=', 'in.sosa').executeTakeFirstOrThrow();
    assert.deepEqual(shown.uploadedBy, { displayName: indian.display_name, nation: 'IN' });
    assert.equal(comment.author.displayName, indian.display_name);
    const stored = await us.ctx.store.db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirstOrThrow();
    assert.equal(stored.author_id, null, 'no account of the US instance');
    const file = await us.app.request(`/api/v1/requests/${requestId}/attachments/${fileId}`, { headers: { authorization: `Bearer ${officer}` } });
    assert.equal(file.status, 200);
    assert.equal(await file.text(), PDF_IN);
    assert.deepEqual(await auditActions(us, 'request.comment_from_peer'), ['request.comment_from_peer']);
    assert.deepEqual(await auditActions(us, 'request.attachment_from_peer'), ['request.attachment_from_peer']);
    // Each answered once; no request.comment or request.attachment of the US's carries them back.
    const answers = (await outbox(us)).slice(usBefore);
    assert.deepEqual(answers.map((r) => r.kind), ['request.contribution_applied', 'request.contribution_applied']);
    const sentHashes = (await outbox(india)).slice(-2).map((r) => r.message_hash);
    assert.deepEqual(answers.map((r) => r.answers_hash), sentHashes);

    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const states = new Map((await contributions()).map((c) => [c.id, c.state]));
    assert.deepEqual([states.get(commentId), states.get(fileId), [...states.values()].filter((s) => s === 'internal').length], ['applied', 'applied', 1]);
    const theirs = (await copy(requestId)).comments.find((c: { id: string }) => c.id === commentId);
    assert.equal(theirs.author.nation, 'IN', "the holder's own list shows the comment as India's");
  });

  it('the holder refuses what breaks its rules; the copy shows "refused" with its reason; an internal file or an auditor\'s comment on the copy sends nothing', async () => {
    // The US takes smaller files than India does (its own MAX_ATTACHMENT_BYTES).
    const limit = us.ctx.config.maxAttachmentBytes;
    (us.ctx.config as { maxAttachmentBytes: number }).maxAttachmentBytes = 10;
    let sentId = '';
    try {
      const sent = await uploadToCopy('in.sosa', { name: 'long.txt', type: 'text/plain', content: 'more than ten bytes' });
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      sentId = sent.body.id;
      assert.equal((await net.deliver('IN', 'US')).refused, 1);
    } finally {
      (us.ctx.config as { maxAttachmentBytes: number }).maxAttachmentBytes = limit;
    }
    const refused = (await contributions()).find((c) => c.id === sentId)!;
    assert.equal(refused.state, 'refused');
    assert.equal(refused.refusal?.reason, 'invalid_content');
    assert.match(refused.refusal?.detail ?? '', /limited to 10 bytes/);

    // A file above the inline limit is fetched by the holder from the copy (copy-large-files.test.ts).
    const before = (await outbox(india)).length;
    const internalFile = await uploadToCopy('in.sosa', { name: 'own.txt', type: 'text/plain', content: 'ours' }, 'internal');
    assert.equal(internalFile.status, 422);
    const auditor = await india.call(await india.login('in.auditor'), 'POST', `/partner-copies/${requestId}/comments`, { body: 'an auditor reads', visibility: 'shared' });
    assert.equal(auditor.status, 403);
    assert.equal((await outbox(india)).length, before, 'nothing sent');
  });

  it('the US refuses, applying nothing, a comment or file from India by an official of another nation, on a request it does not hold, or whose content is not its hash', async () => {
    const fromIndia = async (kind: string, body: Record<string, unknown>, objectId = requestId) => {
      await india.ctx.store.db.transaction().execute((trx) => enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind, object: { type: 'request', id: objectId, version: 1 }, body }));
    };
    const ref = { id: requestId, arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' };
    const author = { displayName: 'Col. Priya Raghavan', nation: 'IN', organisation: 'MoD' };
    const comment = (changes: Record<string, unknown> = {}) => ({ id: randomUUID(), author, visibility: 'shared', body: 'hello', createdAt: india.ctx.now().toISOString(), ...changes });
    const file = (changes: Record<string, unknown> = {}) => ({ id: randomUUID(), filename: 'n.txt', contentType: 'text/plain', size: 5, sha256: sha('hello'), uploader: author, visibility: 'shared', createdAt: india.ctx.now().toISOString(), content: Buffer.from('hello').toString('base64'), ...changes });
    const commentsBefore = (await us.ctx.store.db.selectFrom('comments').select('id').execute()).length;
    await fromIndia('request.comment', { request: ref, comment: comment({ author: { ...author, nation: 'US' } }) });
    await fromIndia('request.comment', { request: ref, comment: comment({ body: 'x'.repeat(8001) }) });
    await fromIndia('request.comment', { request: ref, comment: comment({ id: commentId }) });
    await fromIndia('request.attachment', { request: ref, attachment: file({ content: Buffer.from('hellO').toString('base64') }) });
    // Listed without its content (to be fetched from the copy), but larger than the US takes.
    await fromIndia('request.attachment', { request: ref, attachment: file({ content: null, size: us.ctx.config.maxAttachmentBytes + 1 }) });
    await fromIndia('request.attachment', { request: ref, attachment: file({ filename: 'n.exe', contentType: 'application/x-msdownload' }) });
    const delivered = await net.deliver('IN', 'US');
    assert.equal(delivered.refused, 6, JSON.stringify(delivered));
    assert.deepEqual((await outbox(india)).slice(-6).map((r) => r.refusal_reason), ['wrong_nation', 'invalid_content', 'replayed', 'hash_mismatch', 'invalid_content', 'invalid_content']);
    assert.equal((await us.ctx.store.db.selectFrom('comments').select('id').execute()).length, commentsBefore, 'nothing applied');
  });

  it("a comment, file or step from India on a request the US holds with another nation (a hub's) is answered as one the US does not hold: no reference, no nations (review of stop 27, F2)", async () => {
    const submitted = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'To be the UK request of a hub' }));
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const ukId: string = submitted.body.id;
    // What a hub holds: a request between the UK and the US, in which India has no part.
    await us.ctx.store.db.updateTable('requests').set({ from_nation: 'GB', arrangement_id: 'US-GB' }).where('id', '=', ukId).execute();
    const { reference } = await us.ctx.store.db.selectFrom('requests').select('reference').where('id', '=', ukId).executeTakeFirstOrThrow();
    const author = { displayName: 'Col. Priya Raghavan', nation: 'IN', organisation: 'MoD' };
    const at = india.ctx.now().toISOString();
    const bodies = (id: string): Array<[string, Record<string, unknown>]> => {
      const ref = { id, arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' };
      return [
        ['request.comment', { request: ref, comment: { id: randomUUID(), author, visibility: 'shared', body: 'hello', createdAt: at } }],
        ['request.attachment', { request: ref, attachment: { id: randomUUID(), filename: 'n.txt', contentType: 'text/plain', size: 5, sha256: sha('hello'), uploader: author, visibility: 'shared', createdAt: at, content: Buffer.from('hello').toString('base64') } }],
        ['request.step', { request: ref, action: 'withdraw', fields: {}, actor: author, takenAt: at }],
      ];
    };
    const notHeld = randomUUID();
    for (const id of [ukId, notHeld]) {
      for (const [kind, body] of bodies(id)) await india.ctx.store.db.transaction().execute((trx) => enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind, object: { type: 'request', id, version: 1 }, body }));
    }
    assert.equal((await net.deliver('IN', 'US')).refused, 6);
    const answers = async (id: string) => {
      const rows = await us.ctx.store.db.selectFrom('federation_inbox').select('receipt').where('object_id', '=', id).where('sender_nation', '=', 'IN').orderBy('seq').execute();
      return rows.slice(-3).map((r) => (decodeJwt(r.receipt) as { refusal?: { reason: string; detail: string } }).refusal);
    };
    const onUk = await answers(ukId);
    assert.deepEqual(onUk, (await answers(notHeld)).map((r) => r && { ...r, detail: r.detail.replaceAll(notHeld, ukId) }), 'the same answer as for a request not held');
    for (const refusal of onUk) {
      assert.equal(refusal?.reason, 'unknown_object');
      assert.ok(!refusal.detail.includes(reference) && !/\bGB\b/.test(refusal.detail), refusal.detail);
    }
  });

  it("India's internal comment never leaves India: in no message India sent, nor anywhere on the US instance", async () => {
    for (const r of await outbox(india)) assert.ok(!r.jws.includes(CANARY_IN) && !JSON.stringify(decodeJwt(r.jws)).includes(CANARY_IN), `message ${r.seq} (${r.kind}) carries the internal comment`);
    const usComments = await us.ctx.store.db.selectFrom('comments').select('body').execute();
    assert.ok(usComments.every((c) => !c.body.includes(CANARY_IN)));
    const inbox = await us.ctx.store.db.selectFrom('federation_inbox').select('jws').execute();
    assert.ok(inbox.every((m) => !m.jws.includes(CANARY_IN)));
  });
});
