import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { INLINE_ATTACHMENT_BYTES } from '../../domain/federation/bodies.js';
import { FILE_FETCH_TYPE, type FederationFileFetch } from '../../domain/federation/delivery.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { signPayload, type SigningKey } from '../../domain/federation/signing.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody, upload } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { addPeer, checkPeerDescriptor } from './add-peer.js';
import { exportDescriptor } from './export-descriptor.js';
import { fetchDueFiles } from './fetch-partner-files.js';
import { instanceSigningKey } from './instance-key.js';
import { generateSigningKey } from './key-store.js';

// Issue #13, README "Sovereign instances": a file larger than a signed message carries
// (INLINE_ATTACHMENT_BYTES), attached by India's official on India's copy of a request the US
// holds, is listed to the US by name, size and SHA-256; the US fetches the content from India by
// its hash over a request the US signs (the fetch of a holder's large file, the other way round),
// checks it, and keeps it as the Indian official's. India serves it to the US alone.
const { net, us, india } = useUsIndiaPeered();

const MiB = 1024 * 1024;
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const outbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().orderBy('seq').execute();
const fetchRow = (id: string) => us.ctx.store.db.selectFrom('partner_attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** A PNG of `size` bytes (its magic, then bytes of every value): binary, so a byte-for-byte comparison means something. */
const png = (size: number, seed: number) => {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
};

describe("a file larger than a signed message, attached on India's copy, is fetched by the US holder from India (issue #13)", () => {
  let requestId = '';
  let bigId = '';
  let big = new Uint8Array();
  /** The message that listed the tampered file: another file, another hash. */
  let otherMessageId = '';

  const attachOnCopy = async (content: Uint8Array, name: string) =>
    upload(india, await india.login('in.sosa'), requestId, { name, type: 'image/png', content: content as Uint8Array<ArrayBuffer> }, undefined, `/partner-copies/${requestId}/attachments`);
  const contribution = async (id: string) => {
    const res = await india.call(await india.login('in.sosa'), 'GET', `/partner-copies/${requestId}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body.contributions as Array<{ id: string; state: string }>).find((c) => c.id === id);
  };
  const usView = async () => (await us.call(await us.login('us.sosa'), 'GET', `/requests/${requestId}`)).body;
  const usDownload = async (id: string) => {
    const res = await us.app.request(`/api/v1/requests/${requestId}/attachments/${id}`, { headers: { authorization: `Bearer ${await us.login('us.sosa')}` } });
    return { status: res.status, sha256: res.headers.get('x-checksum-sha256'), bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it('a 1 MiB file attached on the copy answers 202 and crosses as name, size and SHA-256; the US fetches it from India and its officials download it byte for byte; both sides audit it and the copy shows it applied', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Request India attaches a large drawing on' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    assert.equal((await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/transitions`, { action: 'acknowledge' })).status, 200);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });

    big = png(MiB, 1);
    const sent = await attachOnCopy(big, 'casting-drawing.png');
    // Before this change: 413, "attach it on the holder's desk".
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.deepEqual([sent.body.state, sent.body.size, sent.body.sha256], ['sent', MiB, sha(big)]);
    bigId = sent.body.id;
    const message = (await outbox(india)).slice(-1)[0]!;
    assert.equal(message.kind, 'request.attachment');
    assert.ok(message.jws.length < 10_000, `the content is not in the message (${message.jws.length} characters)`);
    const listed = (decodeJwt(message.jws) as unknown as FederationMessage).body as { attachment: Record<string, unknown> };
    assert.deepEqual([listed.attachment.size, listed.attachment.sha256, listed.attachment.content], [MiB, sha(big), null]);

    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const pending = await fetchRow(bigId);
    assert.deepEqual([pending.fetch_state, pending.from_copy, pending.content], ['pending', true, null]);
    const before = await usView();
    assert.equal(before.attachments.some((a: { id: string }) => a.id === bigId), false, 'not an attachment of the request before its content is here');
    assert.deepEqual(before.filesFromPartners.map((f: { id: string; state: string; size: number }) => [f.id, f.state, f.size]), [[bigId, 'fetching', MiB]], "the US officer sees it coming from India's desk");
    assert.equal((await usDownload(bigId)).status, 404);
    assert.equal((await contribution(bigId))?.state, 'pending', 'not applied before the US has the content');
    const usBefore = (await outbox(us)).length;

    assert.deepEqual(await fetchDueFiles(us.ctx, { fetch: net.fetch }), { fetched: 1, failed: 0, refused: 0, unavailable: 0 });
    const after = await usView();
    assert.deepEqual(after.filesFromPartners, [], 'held now: among the attachments');
    const shown = after.attachments.find((a: { id: string }) => a.id === bigId);
    assert.deepEqual([shown?.filename, shown?.size, shown?.sha256, shown?.uploadedBy.nation], ['casting-drawing.png', MiB, sha(big), 'IN']);
    const file = await usDownload(bigId);
    assert.equal(file.status, 200);
    assert.equal(file.sha256, sha(big));
    assert.ok(Buffer.from(file.bytes).equals(Buffer.from(big)), 'byte-identical');
    const done = await fetchRow(bigId);
    assert.deepEqual([done.fetch_state, done.content], ['fetched', null], 'the content is kept once, with the request');
    assert.deepEqual(await auditActions(us, 'request.attachment_fetched'), ['request.attachment_fetched']);
    assert.deepEqual(await auditActions(us, 'request.attachment_from_peer'), ['request.attachment_from_peer']);
    assert.deepEqual(await auditActions(india, 'federation.file_served'), ['federation.file_served']);
    // Answered once the file is kept: India's copy shows it applied.
    const answers = (await outbox(us)).slice(usBefore);
    assert.deepEqual(answers.map((r) => [r.kind, r.answers_hash]), [['request.contribution_applied', message.message_hash]]);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await contribution(bigId))?.state, 'applied');
    assert.deepEqual(await fetchDueFiles(us.ctx, { fetch: net.fetch }), { fetched: 0, failed: 0, refused: 0, unavailable: 0 }, 'fetched once');
  });

  it('content that is not the size or SHA-256 the signed message states is refused by the US, kept nowhere, audited, and its state says so; the copy is not told it was applied', async () => {
    const sent = await attachOnCopy(png(INLINE_ATTACHMENT_BYTES + 1024, 2), 'tampered.png');
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    otherMessageId = (await fetchRow(sent.body.id)).message_id;
    const tampering: typeof net.fetch = async (url, init) => {
      const res = await net.fetch(url, init);
      if (!url.includes('/federation/files/') || res.status !== 200) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
      return new Response(bytes, { status: 200, headers: res.headers });
    };
    const usBefore = (await outbox(us)).length;
    assert.deepEqual(await fetchDueFiles(us.ctx, { fetch: tampering }), { fetched: 0, failed: 0, refused: 1, unavailable: 0 });
    const refused = await fetchRow(sent.body.id);
    assert.equal(refused.fetch_state, 'refused');
    assert.match(refused.fetch_error ?? '', /IN sent \d+ bytes of SHA-256 [0-9a-f]{64}, not the file its signed message states/);
    const view = await usView();
    assert.equal(view.attachments.some((a: { id: string }) => a.id === sent.body.id), false);
    const listed = view.filesFromPartners.find((f: { id: string }) => f.id === sent.body.id);
    assert.equal(listed?.state, 'refused', 'the US officer sees it refused');
    assert.match(listed?.stateDetail ?? '', /not the file its signed message states/);
    assert.equal((await usDownload(sent.body.id)).status, 404);
    const audited = await us.ctx.store.db.selectFrom('audit_events').select('data').where('action', '=', 'request.attachment_refused').execute();
    assert.deepEqual(audited.map((a) => (a.data as { reason: string }).reason), ['hash_mismatch']);
    assert.equal((await outbox(us)).length, usBefore, 'no answer to the copy');
    assert.deepEqual(await fetchDueFiles(us.ctx, { fetch: net.fetch }), { fetched: 0, failed: 0, refused: 0, unavailable: 0 }, 'a refused file is not fetched again');
  });

  it('India serves the file to the US alone, over a valid signature: another peer, an unsigned or wrongly signed request, a proof for another message get no content (403/404), each audited', async () => {
    const messageId = (await fetchRow(bigId)).message_id;
    const usKey = await instanceSigningKey(us.ctx.config.keyDir);
    // A UK instance India is peered with (an arrangement of India's with the UK on India's desk).
    const gbDir = mkdtempSync(join(tmpdir(), 'sosa-gb-keys-'));
    let gbKey: SigningKey;
    try {
      await generateSigningKey(join(gbDir, 'keys'), india.ctx.now());
      gbKey = await instanceSigningKey(join(gbDir, 'keys'));
      await india.ctx.store.db.insertInto('arrangements').values({ id: 'IN-GB', name: 'India–UK test arrangement', nation_a: 'IN', nation_b: 'GB', signed: null, signed_on: null, notes: '' }).execute();
      const gb = await exportDescriptor({ nation: 'GB', baseUrl: 'http://127.0.0.1:47998', arrangements: ['IN-GB'], keyDir: join(gbDir, 'keys'), now: india.ctx.now() });
      await addPeer({ ctx: india.ctx, checked: await checkPeerDescriptor(gb.jws, 'IN') });
    } finally {
      rmSync(gbDir, { recursive: true, force: true });
    }
    const proof = (fields: Partial<FederationFileFetch> = {}, key: SigningKey = usKey) =>
      signPayload({ from: 'US', to: 'IN', sha256: sha(big), messageId, issuedAt: india.ctx.now().toISOString(), ...fields }, key, FILE_FETCH_TYPE);
    const ask = async (signed: string | null) => {
      const res = await india.app.request(`/api/v1/federation/files/${sha(big)}`, { headers: signed === null ? {} : { 'sosa-proof': signed } });
      return { status: res.status, json: res.headers.get('content-type')?.includes('json') ?? false, length: (await res.arrayBuffer()).byteLength };
    };
    const refusedBefore = (await auditActions(india, 'federation.file_fetch_refused')).length;
    const cases: Array<[string, string, number]> = [
      ['another peer (the UK), signed by its own key', await proof({ from: 'GB' }, gbKey!), 404],
      ['an unsigned proof', `${Buffer.from(JSON.stringify({ alg: 'none', kid: usKey.kid, typ: FILE_FETCH_TYPE })).toString('base64url')}.${Buffer.from(JSON.stringify({ from: 'US', to: 'IN', sha256: sha(big), messageId, issuedAt: india.ctx.now().toISOString() })).toString('base64url')}.`, 403],
      ["a proof signed by another key under the US key's id", await proof({}, { kid: usKey.kid, privateKey: gbKey!.privateKey }), 403],
      ['the US naming the message that listed another file', await proof({ messageId: otherMessageId }), 404],
      ['the US naming a message India never sent', await proof({ messageId: '00000000-0000-4000-8000-000000000000' }), 404],
      ['a stale proof', await proof({ issuedAt: new Date(india.ctx.now().getTime() - 10 * 60_000).toISOString() }), 403],
    ];
    for (const [what, signed, status] of cases) {
      const res = await ask(signed);
      assert.equal(res.status, status, what);
      assert.ok(res.json && res.length < 2_000, `${what}: a problem document, no content`);
    }
    assert.equal((await auditActions(india, 'federation.file_fetch_refused')).length - refusedBefore, cases.length, 'each refusal is audited');
    assert.equal((await ask(null)).status, 422, 'no proof at all: a problem document');
    const good = await ask(await proof());
    assert.deepEqual([good.status, good.length], [200, MiB], 'the same request, rightly signed by the US, is served');
  });

  it('the bound of an upload holds on the copy (MAX_ATTACHMENT_BYTES: 413, nothing sent), and the US refuses a listed file larger than it takes, before fetching anything', async () => {
    const before = (await outbox(india)).length;
    const tooBig = await attachOnCopy(png(india.ctx.config.maxAttachmentBytes + 1, 4), 'too-big.png');
    assert.equal(tooBig.status, 413, JSON.stringify(tooBig.body));
    assert.match(tooBig.body.detail, /limited to \d+ bytes/);
    assert.equal((await outbox(india)).length, before, 'nothing sent');

    const limit = us.ctx.config.maxAttachmentBytes;
    (us.ctx.config as { maxAttachmentBytes: number }).maxAttachmentBytes = 512 * 1024;
    try {
      const sent = await attachOnCopy(png(MiB, 5), 'larger-than-the-us-takes.png');
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      assert.equal((await net.deliver('IN', 'US')).refused, 1);
      const refused = (await outbox(india)).slice(-1)[0]!;
      assert.equal(refused.refusal_reason, 'invalid_content');
      assert.equal(await us.ctx.store.db.selectFrom('partner_attachments').select('id').where('id', '=', sent.body.id).executeTakeFirst(), undefined, 'not listed for a fetch');
      assert.equal((await contribution(sent.body.id))?.state, 'refused');
    } finally {
      (us.ctx.config as { maxAttachmentBytes: number }).maxAttachmentBytes = limit;
    }
  });
});
