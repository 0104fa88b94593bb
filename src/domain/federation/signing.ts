import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { CompactSign, compactVerify, decodeProtectedHeader, errors, type CryptoKey, type JWK, importJWK } from 'jose';
import type { z } from 'zod';

/**
 * Signed envelopes between instances: a JWS in compact form, EdDSA over Ed25519, with the
 * payload in RFC 8785 canonical JSON. JWS rather than RFC 9421 HTTP message signatures because
 * the signature must outlive the HTTP exchange: each side keeps the other's messages and receipts
 * as evidence and verifies them again later (`sosa audit verify --peer-checkpoints`), whatever
 * proxies did to the headers on the way.
 */
export const SIGNING_ALGORITHM = 'EdDSA';

// canonicalize ships CommonJS with an ESM-style `export default` declaration: at run time the
// default import is the function itself, which its types do not say under NodeNext resolution.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export interface SigningKey {
  /** The RFC 7638 thumbprint of the public key: what the peer's descriptor lists. */
  kid: string;
  privateKey: CryptoKey;
}

/** A peer's public key as its descriptor lists it. */
export interface PublicKeyEntry {
  kid: string;
  jwk: JWK;
}

export type SignatureRefusal =
  | { reason: 'malformed'; detail: string }
  | { reason: 'unknown_key'; detail: string }
  | { reason: 'bad_signature'; detail: string }
  | { reason: 'invalid_content'; detail: string };

export type Verified<T> = { ok: true; value: T; kid: string; hash: string } | ({ ok: false } & SignatureRefusal);

/** The digest by which a signed message is named in receipts and answers. */
export function hashSigned(jws: string): string {
  return createHash('sha256').update(jws, 'utf8').digest('hex');
}

export async function signPayload(payload: unknown, key: SigningKey, type: string): Promise<string> {
  const canonical = canonicalize(payload);
  if (canonical === undefined) throw new TypeError('payload is not JSON');
  return new CompactSign(new TextEncoder().encode(canonical))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: type })
    .sign(key.privateKey);
}

/**
 * Imported public keys by key id and key: a catch-up verifies thousands of messages under one
 * key, and importing it each time was a tenth of a millisecond a message. Keyed by the public key
 * too, so a key id never answers for another key; bounded by the keys the descriptors list.
 */
const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();
function publicKey(entry: PublicKeyEntry): Promise<CryptoKey | Uint8Array> {
  const id = `${entry.kid} ${JSON.stringify(entry.jwk)}`;
  let key = imported.get(id);
  if (!key) {
    if (imported.size >= 1_000) imported.clear();
    key = importJWK(entry.jwk, SIGNING_ALGORITHM);
    // A key that failed to import is not kept: the next message tries again.
    key.catch(() => imported.delete(id));
    imported.set(id, key);
  }
  return key;
}

/**
 * Checks a compact JWS against the keys the receiver trusts for its sender, then its content
 * against `schema`. Every way to fail is a refusal with a reason (never an exception), so the
 * inbox can answer and audit each one.
 */
export async function verifySigned<S extends z.ZodType>(
  jws: string,
  trustedKeys: readonly PublicKeyEntry[],
  type: string,
  schema: S,
): Promise<Verified<z.infer<S>>> {
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { ok: false, reason: 'malformed', detail: 'not a compact JWS' };
  }
  if (header.alg !== SIGNING_ALGORITHM) return { ok: false, reason: 'malformed', detail: `algorithm ${String(header.alg)} is not ${SIGNING_ALGORITHM}` };
  if (header.typ !== type) return { ok: false, reason: 'malformed', detail: `type ${String(header.typ)} is not ${type}` };
  const entry = trustedKeys.find((k) => k.kid === header.kid);
  if (!entry) return { ok: false, reason: 'unknown_key', detail: `key ${String(header.kid)} is not one the peer's descriptor lists` };
  let payload: Uint8Array;
  try {
    const key = await publicKey(entry);
    ({ payload } = await compactVerify(jws, key, { algorithms: [SIGNING_ALGORITHM] }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad_signature', detail: 'the signature does not match the content' };
    return { ok: false, reason: 'malformed', detail: error instanceof Error ? error.message : 'unreadable JWS' };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    // Past the signature: the key's holder signed this, so it is their content refused, not an
    // anonymous sender's (anonymous-refusals.ts would only count a `malformed`, and anyone could
    // then hide a peer's real refusal behind a forged one of that peer's key id).
    return { ok: false, reason: 'invalid_content', detail: 'the payload is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: 'invalid_content', detail: `${first?.path.join('/') || '(root)'}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data, kid: entry.kid, hash: hashSigned(jws) };
}
