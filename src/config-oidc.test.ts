import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from './config.js';

// SOSA_OIDC_CONFIG (issue #16): a bad provider file stops the start, naming every bad field.

test('a provider file with bad fields is refused, each field named; a good one is read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sosa-oidc-config-'));
  const bad = join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ providers: [{ key: 'In MoD', label: 'x', nation: 'India', organisation: 'MoD', issuer: 'not a url', clientId: 'c', roleMap: { g: ['emperor'] } }] }));
  assert.throws(
    () => loadConfig({ SOSA_OIDC_CONFIG: bad }),
    (e: Error & { errors?: Array<{ field: string }> }) => {
      const fields = (e.errors ?? []).map((f) => f.field);
      for (const f of ['key', 'nation', 'issuer', 'roleMap.g.0']) assert.ok(fields.includes(`SOSA_OIDC_CONFIG.providers.0.${f}`), `${f} named in ${fields.join(', ')}`);
      return true;
    },
  );
  const missing = join(dir, 'missing.json');
  assert.throws(() => loadConfig({ SOSA_OIDC_CONFIG: missing }), /cannot read/);
  const good = join(dir, 'good.json');
  await writeFile(good, JSON.stringify({ providers: [{ key: 'in-mod', label: 'MoD India', nation: 'IN', organisation: 'MoD-DGAcq', issuer: 'https://idp.example/realms/mod', clientId: 'sosa' }] }));
  const config = loadConfig({ SOSA_OIDC_CONFIG: good });
  assert.deepEqual(config.oidcProviders.map((p) => [p.key, p.provisioning]), [['in-mod', 'must_exist']]);
  assert.deepEqual(loadConfig({}).oidcProviders, []);
});
