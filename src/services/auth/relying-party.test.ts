// One store: pure functions of the configuration and the request's address, no database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { relyingParty } from './relying-party.js';

describe('the relying party of passkeys', () => {
  it('configured: the origin of SOSA_PUBLIC_URL and its host as RP ID, whatever the request says', () => {
    const config = loadConfig({ SOSA_PUBLIC_URL: 'https://sosa.defence.example.gov/desk/' });
    assert.deepEqual(relyingParty(config, 'http://evil.example/api/v1/session'), { rpId: 'sosa.defence.example.gov', rpName: 'SOSA Desk', origin: 'https://sosa.defence.example.gov' });
    assert.equal(relyingParty(loadConfig({ SOSA_PUBLIC_URL: 'https://sosa.defence.example.gov', SOSA_WEBAUTHN_RP_ID: 'example.gov' }), 'http://x/')?.rpId, 'example.gov');
  });

  it('not configured: the request origin only on a loopback address, else none (the origin check would check nothing)', () => {
    const config = loadConfig({});
    assert.deepEqual(relyingParty(config, 'http://localhost:3000/api/v1/session'), { rpId: 'localhost', rpName: 'SOSA Desk', origin: 'http://localhost:3000' });
    assert.equal(relyingParty(config, 'https://sosa.example.gov/api/v1/session'), null);
    assert.equal(relyingParty(config, 'http://localhost.evil.example/api/v1/session'), null);
  });

  it('refuses an RP ID the public address does not end with, or one without a public address', () => {
    assert.throws(() => loadConfig({ SOSA_PUBLIC_URL: 'https://sosa.example.gov', SOSA_WEBAUTHN_RP_ID: 'other.gov' }), /SOSA_WEBAUTHN_RP_ID: must be the host/);
    assert.throws(() => loadConfig({ SOSA_PUBLIC_URL: 'https://sosa.example.gov', SOSA_WEBAUTHN_RP_ID: 'ample.gov' }), /SOSA_WEBAUTHN_RP_ID/);
    assert.throws(() => loadConfig({ SOSA_WEBAUTHN_RP_ID: 'example.gov' }), /needs SOSA_PUBLIC_URL/);
    assert.throws(() => loadConfig({ SOSA_PUBLIC_URL: 'https://sosa.example.gov', SOSA_WEBAUTHN_RP_ID: 'https://example.gov' }), /lower-case domain/);
  });
});
