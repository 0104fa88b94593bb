import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeAt, provisioningUri, secretFromBytes, verifiedStep } from './totp.js';

// RFC 6238 appendix B: the test vectors, 8 digits, T0 = 0, X = 30 s. The seeds are the ASCII
// strings "12345678901234567890" (SHA1), its 32-byte (SHA256) and 64-byte (SHA512) extensions.
const ascii = (s: string) => secretFromBytes(new TextEncoder().encode(s));
const SEEDS = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const VECTORS: Array<[number, string, string, string]> = [
  // time (s), SHA1, SHA256, SHA512
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  for (const [seconds, sha1, sha256, sha512] of VECTORS) {
    it(`appendix B at T=${seconds}`, () => {
      const at = new Date(seconds * 1000);
      for (const [algorithm, code] of [['SHA1', sha1], ['SHA256', sha256], ['SHA512', sha512]] as const) {
        assert.equal(codeAt({ secret: SEEDS[algorithm], algorithm, digits: 8 }, at), code, algorithm);
        // The verification the login uses accepts the vector and names its time step.
        assert.equal(verifiedStep({ secret: SEEDS[algorithm], algorithm, digits: 8 }, code, at), Math.floor(seconds / 30), algorithm);
      }
    });
  }

  it('accepts one step either side, not two; refuses a wrong or malformed code', () => {
    const p = { secret: SEEDS.SHA1, digits: 8 };
    const at = new Date(1111111109_000);
    const step = Math.floor(1111111109 / 30);
    assert.equal(verifiedStep(p, '07081804', new Date(at.getTime() + 30_000)), step, 'a code from the step before');
    assert.equal(verifiedStep(p, '07081804', new Date(at.getTime() - 30_000)), step, 'a code from the step after');
    assert.equal(verifiedStep(p, '07081804', new Date(at.getTime() + 61_000)), null, 'two steps late');
    assert.equal(verifiedStep(p, '07081805', at), null);
    assert.equal(verifiedStep(p, '0708180', at), null);
    assert.equal(verifiedStep(p, 'abcdefgh', at), null);
    assert.equal(verifiedStep(p, '0708 1804', at), step, 'spaces as an app groups the digits');
  });

  it('a provisioning URI an authenticator app reads', () => {
    const uri = new URL(provisioningUri(SEEDS.SHA1, 'in.sosa'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/SOSA Desk:in.sosa');
    assert.equal(uri.searchParams.get('secret'), SEEDS.SHA1);
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
  });
});
