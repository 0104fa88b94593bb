import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapIdentityClaims, oidcConfigFileSchema, oidcProviderSchema } from './oidc-provider-config.js';

const provider = oidcProviderSchema.parse({
  key: 'in-mod',
  label: 'MoD',
  nation: 'IN',
  organisation: 'MoD-DGAcq',
  issuer: 'https://idp.example/realms/mod',
  clientId: 'sosa',
  claims: { username: 'preferred_username', displayName: 'name', groups: 'groups' },
  roleMap: { officers: ['sosa_officer'], audit: ['auditor'], both: ['sosa_officer', 'analyst'] },
});

test('groups map to roles; unknown groups grant nothing; the username is lower-cased', () => {
  const mapped = mapIdentityClaims(provider, { preferred_username: 'P.Raghavan', name: 'Priya', groups: ['officers', 'both', 'canteen'] });
  assert.deepEqual(mapped, { ok: true, identity: { username: 'p.raghavan', displayName: 'Priya', roles: ['sosa_officer', 'analyst'] } });
});

test('no groups claim → no roles; no display name → the username', () => {
  assert.deepEqual(mapIdentityClaims(provider, { preferred_username: 'x' }), { ok: true, identity: { username: 'x', displayName: 'x', roles: [] } });
});

test('a missing or unusable username claim is refused with the reason', () => {
  const missing = mapIdentityClaims(provider, { name: 'Nobody' });
  assert.equal(missing.ok, false);
  assert.equal(mapIdentityClaims(provider, { preferred_username: 'has space' }).ok, false);
});

test('the config file: two providers with one key are refused; defaults are filled in', () => {
  const one = { key: 'a', label: 'A', nation: 'IN', organisation: 'X', issuer: 'https://a.example', clientId: 'c' };
  assert.equal(oidcConfigFileSchema.safeParse({ providers: [one, one] }).success, false);
  const parsed = oidcConfigFileSchema.parse({ providers: [one] });
  assert.equal(parsed.providers[0]!.provisioning, 'must_exist');
  assert.equal(parsed.providers[0]!.claims.username, 'preferred_username');
  assert.equal(oidcProviderSchema.safeParse({ ...one, roleMap: { g: ['emperor'] } }).success, false);
});
