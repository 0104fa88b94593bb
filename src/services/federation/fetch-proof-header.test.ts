import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FETCH_TYPE } from '../../domain/federation/delivery.js';
import { signPayload } from '../../domain/federation/signing.js';
import { useUsIndiaAcknowledgedRequest } from '../../testing/federated-apps.js';
import { act, requestBody } from '../../testing/request-builders.js';
import { loadActiveSigningKey } from './key-store.js';
import { catchUpFromPeer, type PeerFetch } from './message-sender.js';

// A peer's signed GETs (the outbox's catch-up, a file's content) carried their proof in the URL,
// and a reverse proxy writes URLs in its access log: whoever reads the log could fetch the same
// page again while the proof is fresh (5 minutes). The proof now travels in the Sosa-Proof header;
// the query parameter of peers not yet upgraded is still read.
const { net, us, india } = useUsIndiaAcknowledgedRequest('Proof in a header');

describe('the proof of a signed fetch travels in a header, not the URL', () => {
  it("India's catch-up from the US outbox sends its proof as Sosa-Proof and never in the URL, and applies what it lacked", async () => {
    const asked: Array<{ url: string; proof: string | null }> = [];
    const watching: PeerFetch = async (target, init) => {
      asked.push({ url: String(target), proof: new Headers(init?.headers).get('sosa-proof') });
      return net.fetch(target, init);
    };
    assert.ok((await catchUpFromPeer(india.ctx, 'US', { fetch: watching })) >= 1);
    const outbox = asked.filter((a) => a.url.includes('/federation/outbox'));
    assert.ok(outbox.length >= 1);
    for (const a of outbox) {
      assert.doesNotMatch(a.url, /proof=/, 'no proof in the URL');
      assert.match(a.proof ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a compact JWS in the header');
    }
  });

  it('a fetch without a proof is a 422 naming the header; a proof in the query, as older peers send it, is still taken', async () => {
    const none = await us.call(null, 'GET', '/federation/outbox?after=0');
    assert.equal(none.status, 422, JSON.stringify(none.body));
    assert.equal(none.body.errors[0].field, 'sosa-proof');
    const proof = await signPayload({ from: 'IN', to: 'US', after: 0, issuedAt: us.ctx.now().toISOString() }, await loadActiveSigningKey(india.ctx.config.keyDir), FETCH_TYPE);
    const byQuery = await us.call(null, 'GET', `/federation/outbox?after=0&proof=${encodeURIComponent(proof)}`);
    assert.equal(byQuery.status, 200, JSON.stringify(byQuery.body));
    const byHeader = await us.call(null, 'GET', '/federation/outbox?after=0', undefined, { 'sosa-proof': proof });
    assert.equal(byHeader.status, 200, JSON.stringify(byHeader.body));
    assert.deepEqual(byHeader.body.messages, byQuery.body.messages);
  });

  it('a proof longer than 4,000 characters is a 422 naming where it came from, the header or the query, before any signature is checked', async () => {
    const long = 'a'.repeat(4_001);
    const byHeader = await us.call(null, 'GET', '/federation/outbox?after=0', undefined, { 'sosa-proof': long });
    assert.equal(byHeader.status, 422, JSON.stringify(byHeader.body));
    assert.deepEqual(byHeader.body.errors.map((e: { field: string }) => e.field), ['sosa-proof']);
    const byQuery = await us.call(null, 'GET', `/federation/outbox?after=0&proof=${long}`);
    assert.equal(byQuery.status, 422, JSON.stringify(byQuery.body));
    assert.deepEqual(byQuery.body.errors.map((e: { field: string }) => e.field), ['proof']);
  });

  it('a peer not yet upgraded, which reads the proof only from the query and answers 422 naming it, is asked once more the way it knows: the catch-up goes on (review of stop 28)', async () => {
    // The US as before the header: its query schema required `proof` (a 422 naming the field).
    const asked: string[] = [];
    const older: PeerFetch = async (target, init) => {
      asked.push(String(target));
      const url = new URL(String(target));
      if (!url.searchParams.has('proof')) {
        return Response.json({ status: 422, code: 'VALIDATION_FAILED', errors: [{ field: 'proof', message: 'Required' }] }, { status: 422 });
      }
      const headers = new Headers(init.headers);
      headers.delete('sosa-proof');
      return net.fetch(String(target), { ...init, headers });
    };
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Caught up from an older peer' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await act(us, 'us.sosa', created.body.id, 'acknowledge');
    assert.ok((await catchUpFromPeer(india.ctx, 'US', { fetch: older })) >= 1, 'applied what it lacked from the older peer');
    assert.equal(asked.filter((u) => !u.includes('proof=')).length, asked.filter((u) => u.includes('proof=')).length, 'each page asked once with the header, once with the query');
  });
});
