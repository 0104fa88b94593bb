import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { federationMessageSchema, type FederationMessage } from './message.js';
import { hashSigned, signPayload, verifySigned, type PublicKeyEntry, type SigningKey } from './signing.js';

const TYPE = 'sosa-message+jws';

async function newKey(): Promise<{ signing: SigningKey; trusted: PublicKeyEntry }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { signing: { kid, privateKey }, trusted: { kid, jwk } };
}

function message(overrides: Partial<FederationMessage> = {}): FederationMessage {
  return {
    id: randomUUID(),
    arrangement: 'US-IN',
    from: 'IN',
    to: 'US',
    seq: 1,
    kind: 'request.submitted',
    object: { type: 'request', id: 'SOSA-IN-US-2026-0001', version: 1 },
    answers: null,
    sentAt: '2026-12-03T09:30:00.000+05:30',
    body: { title: '155 mm fuzes', quantity: 400 },
    ...overrides,
  };
}

describe('signed messages between instances (issue #13)', () => {
  it('verifies what the sender signed and names it by the hash of the bytes received', async () => {
    const india = await newKey();
    const sent = message();
    const jws = await signPayload(sent, india.signing, TYPE);
    const got = await verifySigned(jws, [india.trusted], TYPE, federationMessageSchema);
    assert.ok(got.ok);
    assert.deepEqual(got.value, sent);
    assert.equal(got.kid, india.signing.kid);
    assert.equal(got.hash, hashSigned(jws));
    assert.match(got.hash, /^[0-9a-f]{64}$/);
  });

  it('signs canonical JSON: the same message with its keys in another order gives the same signature', async () => {
    const india = await newKey();
    const sent = message();
    const reordered = Object.fromEntries(Object.entries(sent).reverse());
    assert.equal(await signPayload(sent, india.signing, TYPE), await signPayload(reordered, india.signing, TYPE));
  });

  it('refuses a message whose content was changed after signing', async () => {
    const india = await newKey();
    const [header, , signature] = (await signPayload(message(), india.signing, TYPE)).split('.');
    const forged = Buffer.from(JSON.stringify(message({ body: { title: '155 mm fuzes', quantity: 4000 } }))).toString('base64url');
    const got = await verifySigned(`${header}.${forged}.${signature}`, [india.trusted], TYPE, federationMessageSchema);
    assert.equal(got.ok, false);
    assert.equal(!got.ok && got.reason, 'bad_signature');
  });

  it('refuses a message signed by a key the peer never listed, even a well-formed one', async () => {
    const india = await newKey();
    const stranger = await newKey();
    const got = await verifySigned(await signPayload(message(), stranger.signing, TYPE), [india.trusted], TYPE, federationMessageSchema);
    assert.equal(!got.ok && got.reason, 'unknown_key');
  });

  it('refuses a key swapped under a listed kid: the signature must match the listed key', async () => {
    const india = await newKey();
    const stranger = await newKey();
    const impostor: SigningKey = { kid: india.signing.kid, privateKey: stranger.signing.privateKey };
    const got = await verifySigned(await signPayload(message(), impostor, TYPE), [india.trusted], TYPE, federationMessageSchema);
    assert.equal(!got.ok && got.reason, 'bad_signature');
  });

  it('refuses a receipt offered as a message, garbage and unsigned JSON as malformed', async () => {
    const india = await newKey();
    const receipt = await signPayload(message(), india.signing, 'sosa-receipt+jws');
    assert.equal((await verifySigned(receipt, [india.trusted], TYPE, federationMessageSchema)).ok, false);
    for (const junk of ['', 'not.a.jws', JSON.stringify(message()), `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`]) {
      const got = await verifySigned(junk, [india.trusted], TYPE, federationMessageSchema);
      assert.equal(!got.ok && got.reason, 'malformed', junk);
    }
  });

  it('refuses a correctly signed message whose content breaks the envelope rules, naming the field', async () => {
    const india = await newKey();
    const bad = { ...message(), seq: 0 };
    const got = await verifySigned(await signPayload(bad, india.signing, TYPE), [india.trusted], TYPE, federationMessageSchema);
    assert.equal(!got.ok && got.reason, 'invalid_content');
    assert.match(!got.ok ? got.detail : '', /^seq:/);
  });
});
