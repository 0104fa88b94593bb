import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { CompactSign, decodeJwt } from 'jose';
import { FETCH_TYPE } from '../../domain/federation/delivery.js';
import { MESSAGE_TYPE } from '../../domain/federation/descriptor.js';
import { signPayload } from '../../domain/federation/signing.js';
import { metricsFor } from '../../http/metrics.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { useUsIndiaAcknowledgedRequest } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';
import { ANONYMOUS_REFUSAL_WINDOW_MS } from './anonymous-refusals.js';
import { loadActiveSigningKey } from './key-store.js';

// The inbox and the signed fetches answer anyone on the network, and every refusal was an audit
// event in an append-only log: anyone could grow it without bound by posting garbage. A refusal
// anyone could have caused (not signed by a peer's key) is now audited once a minute of its kind,
// the next event counting those left out; what a peer signed is still audited one by one.
const { us, india } = useUsIndiaAcknowledgedRequest('Refusals anyone could cause', { deliveredToIndia: true });

async function refusals(t: TestApp, action: string): Promise<Array<Record<string, unknown>>> {
  await sequencePendingAudit(t.ctx.store.db);
  const rows = await t.ctx.store.db.selectFrom('audit_events').select('data').where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>);
}

async function refusalsCounted(t: TestApp, action: string, reason: string): Promise<number> {
  const text = (await metricsFor(t.ctx).scrape()).body;
  const line = text.split('\n').find((l) => l.startsWith(`sosa_federation_refusals_total{action="${action}",reason="${reason}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('refusals anyone could cause are audited once a minute of a kind (issue #13 follow-up: the audit log is append-only)', () => {
  it('fifty unsigned messages are each refused, audited once; the next after the minute says how many were left out; the metrics count every one', async () => {
    const before = (await refusals(india, 'federation.message_refused')).filter((d) => d.reason === 'malformed').length;
    for (let i = 0; i < 50; i++) {
      const res = await india.call(null, 'POST', '/federation/inbox', { message: `garbage-${i}.not.signed` });
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.reason, 'malformed');
    }
    const malformed = async () => (await refusals(india, 'federation.message_refused')).filter((d) => d.reason === 'malformed');
    assert.equal((await malformed()).length - before, 1, 'one event for the minute, not fifty');

    india.clock.advanceHours(ANONYMOUS_REFUSAL_WINDOW_MS / 3_600_000);
    assert.equal((await india.call(null, 'POST', '/federation/inbox', { message: 'one.more.garbage' })).status, 403);
    const events = await malformed();
    assert.equal(events.length - before, 2);
    assert.equal(events.at(-1)!.similarLeftOut, 49, 'the event after the minute counts the 49 left out');
    assert.equal(await refusalsCounted(india, 'federation.message_refused', 'malformed'), 51);
  });

  it('bad proofs asking for the outbox: likewise, and each kind (reason) has its own minute', async () => {
    const before = (await refusals(india, 'federation.fetch_refused')).length;
    for (let i = 0; i < 10; i++) {
      const res = await india.call(null, 'GET', `/federation/outbox?after=0&proof=${encodeURIComponent(`not-a-proof-${i}`)}`);
      assert.equal(res.status, 403, JSON.stringify(res.body));
    }
    // Signed by a key no peer lists: another kind of refusal, audited on its own.
    const stranger = { alg: 'EdDSA', kid: 'stranger-key', typ: 'sosa-fetch+jws' };
    const unknownKey = `${Buffer.from(JSON.stringify(stranger)).toString('base64url')}.${Buffer.from('{}').toString('base64url')}.c2ln`;
    assert.equal((await india.call(null, 'GET', `/federation/outbox?after=0&proof=${unknownKey}`)).status, 403);
    const events = (await refusals(india, 'federation.fetch_refused')).slice(before);
    assert.deepEqual(events.map((d) => d.reason), ['malformed', 'unknown_key']);
    assert.equal(await refusalsCounted(india, 'federation.fetch_refused', 'malformed'), 10);
  });

  it('a refusal of what a peer signed (a number it already used, for other content) is audited every time', async () => {
    const sent = await us.ctx.store.db.selectFrom('federation_outbox').select('jws').where('peer_nation', '=', 'IN').orderBy('seq').executeTakeFirstOrThrow();
    const key = await loadActiveSigningKey(us.ctx.config.keyDir);
    const before = (await refusals(india, 'federation.message_refused')).filter((d) => d.reason === 'replayed').length;
    for (let i = 0; i < 3; i++) {
      // The US's key, its first number again, another message id: authentic, and refused.
      const reused = await signPayload({ ...decodeJwt(sent.jws), id: randomUUID() }, key, MESSAGE_TYPE);
      const res = await india.call(null, 'POST', '/federation/inbox', { message: reused });
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.reason, 'replayed');
    }
    assert.equal((await refusals(india, 'federation.message_refused')).filter((d) => d.reason === 'replayed').length - before, 3);
  });

  it("a peer's real proof, stale, sent again by whoever saw it (a proxy's log): audited once a minute, as anyone's (review of stop 28)", async () => {
    const proof = await signPayload({ from: 'US', to: 'IN', after: 0, issuedAt: india.ctx.now().toISOString() }, await loadActiveSigningKey(us.ctx.config.keyDir), FETCH_TYPE);
    india.clock.advanceHours(1);
    const before = (await refusals(india, 'federation.fetch_refused')).filter((d) => d.reason === 'stale').length;
    for (let i = 0; i < 20; i++) {
      const res = await india.call(null, 'GET', '/federation/outbox?after=0', undefined, { 'sosa-proof': proof });
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.reason, 'stale');
    }
    assert.equal((await refusals(india, 'federation.fetch_refused')).filter((d) => d.reason === 'stale').length - before, 1, 'one event, not twenty');
    assert.equal(await refusalsCounted(india, 'federation.fetch_refused', 'stale'), 20);
  });

  it("a forgery naming the US's key cannot hide a message the US really signed: past the signature, unreadable content is the US's, audited every time (review of stop 28)", async () => {
    const key = await loadActiveSigningKey(us.ctx.config.keyDir);
    const before = (await refusals(india, 'federation.message_refused')).length;
    // Anyone: the US's public key id, a wrong type, no valid signature. Counted with the anonymous ones.
    const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: key.kid, typ: 'x' })).toString('base64url');
    const forged = await india.call(null, 'POST', '/federation/inbox', { message: `${header}.${Buffer.from('{}').toString('base64url')}.c2ln` });
    assert.equal(forged.body.reason, 'malformed');
    // The US: a payload that is not JSON, under its valid signature, twice.
    for (let i = 0; i < 2; i++) {
      const signed = await new CompactSign(new TextEncoder().encode(`not json ${i}`)).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: MESSAGE_TYPE }).sign(key.privateKey);
      const res = await india.call(null, 'POST', '/federation/inbox', { message: signed });
      assert.equal(res.body.reason, 'invalid_content', JSON.stringify(res.body));
    }
    const added = (await refusals(india, 'federation.message_refused')).slice(before);
    assert.deepEqual(added.map((d) => [d.reason, d.detail]), [
      ['malformed', 'type x is not sosa-message+jws'],
      ['invalid_content', 'the payload is not JSON'],
      ['invalid_content', 'the payload is not JSON'],
    ]);
  });
});
