// One store: no store.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readDescriptor, fingerprintOf } from '../../domain/federation/read-descriptor.js';
import { sharedArrangements } from '../../domain/federation/descriptor.js';
import { exportDescriptor } from './export-descriptor.js';
import { generateSigningKey, listKeys, rotateSigningKey } from './key-store.js';

const dirs: string[] = [];
async function keyDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sosa-keys-'));
  dirs.push(dir);
  return join(dir, 'keys');
}
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const now = new Date('2026-12-03T10:00:00Z');
const india = { nation: 'IN', baseUrl: 'https://sosa.mod.gov.in', arrangements: ['US-IN'] };

describe('signing keys and peer descriptors (issue #13)', () => {
  it('keeps the private key in a file only the service user reads, outside the database', async () => {
    const dir = await keyDir();
    const key = await generateSigningKey(dir, now);
    const mode = (await stat(join(dir, `${key.kid}.private.jwk`))).mode & 0o777;
    assert.equal(mode, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.match(await readFile(join(dir, `${key.kid}.private.jwk`), 'utf8'), /"d":/);
  });

  it('refuses a second generate: replacing a key is a rotation', async () => {
    const dir = await keyDir();
    await generateSigningKey(dir, now);
    await assert.rejects(generateSigningKey(dir, now), /already holds an active signing key; use `sosa keys rotate`/);
  });

  it('a descriptor exported by one instance is read by its partner, with a fingerprint to compare aloud', async () => {
    const dir = await keyDir();
    const key = await generateSigningKey(dir, now);
    const { jws } = await exportDescriptor({ ...india, keyDir: dir, now });
    const read = await readDescriptor(jws);
    assert.ok(read.ok);
    assert.equal(read.descriptor.nation, 'IN');
    assert.equal(read.descriptor.baseUrl, 'https://sosa.mod.gov.in');
    assert.deepEqual(read.descriptor.keys.map((k) => [k.kid, k.status]), [[key.kid, 'active']]);
    assert.equal(read.fingerprint, fingerprintOf(key.kid));
    assert.doesNotMatch(jws, /"d"/, 'no private part in what is exported');
    assert.equal(JSON.stringify(read.descriptor).includes('"d"'), false);
  });

  it('after a rotation the descriptor lists the new key as active and keeps the old one to verify', async () => {
    const dir = await keyDir();
    const first = await generateSigningKey(dir, now);
    const { active } = await rotateSigningKey(dir, new Date('2026-12-04T10:00:00Z'));
    assert.deepEqual((await listKeys(dir)).map((k) => [k.kid, k.status]), [[first.kid, 'retired'], [active.kid, 'active']]);
    const read = await readDescriptor((await exportDescriptor({ ...india, keyDir: dir, now })).jws);
    assert.ok(read.ok);
    assert.deepEqual(read.descriptor.keys.map((k) => k.status), ['retired', 'active']);
    assert.equal(read.fingerprint, fingerprintOf(active.kid));
  });

  it('refuses a descriptor changed in transit (another base URL) and one naming a key falsely', async () => {
    const dir = await keyDir();
    await generateSigningKey(dir, now);
    const { jws, descriptor } = await exportDescriptor({ ...india, keyDir: dir, now });
    const [header, , signature] = jws.split('.');
    const redirected = Buffer.from(JSON.stringify({ ...descriptor, baseUrl: 'https://attacker.example' })).toString('base64url');
    const moved = await readDescriptor(`${header}.${redirected}.${signature}`);
    assert.equal(moved.ok, false);
    assert.match(!moved.ok ? moved.detail : '', /not signed by its own active key/);

    const other = await keyDir();
    await generateSigningKey(other, now);
    const theirs = await exportDescriptor({ ...india, keyDir: other, now });
    const mislabelled = { ...descriptor, keys: [{ ...descriptor.keys[0]!, jwk: theirs.descriptor.keys[0]!.jwk }] };
    const forged = `${header}.${Buffer.from(JSON.stringify(mislabelled)).toString('base64url')}.${signature}`;
    const read = await readDescriptor(forged);
    assert.match(!read.ok ? read.detail : '', /not the thumbprint of its public key/);
    assert.match(((await readDescriptor('{"nation":"IN"}')) as { detail: string }).detail, /not a signed descriptor/);
  });

  it('refuses to export a descriptor this instance cannot stand behind, naming the field', async () => {
    const dir = await keyDir();
    await generateSigningKey(dir, now);
    await assert.rejects(exportDescriptor({ ...india, arrangements: ['US+IN'], keyDir: dir, now }), (e: { errors: { field: string }[] }) => e.errors[0]!.field === 'arrangements/0');
  });

  it('refuses a base URL in plain http, except for peers on one machine', async () => {
    const dir = await keyDir();
    await generateSigningKey(dir, now);
    await assert.rejects(exportDescriptor({ ...india, baseUrl: 'http://sosa.mod.gov.in', keyDir: dir, now }), (e: { errors: { field: string; message: string }[] }) => e.errors[0]!.field === 'baseUrl' && /https/.test(e.errors[0]!.message));
    const local = await readDescriptor((await exportDescriptor({ ...india, baseUrl: 'http://127.0.0.1:3001', keyDir: dir, now })).jws);
    assert.ok(local.ok);
  });

  it('peers share an arrangement only when it names both nations and both list it', () => {
    assert.deepEqual(sharedArrangements({ nation: 'US', arrangements: ['US-IN', 'US-GB'] }, { nation: 'IN', arrangements: ['IN-US'] }), ['US-IN']);
    assert.deepEqual(sharedArrangements({ nation: 'US', arrangements: ['US-GB'] }, { nation: 'IN', arrangements: ['US-IN'] }), []);
    assert.deepEqual(sharedArrangements({ nation: 'US', arrangements: ['US-IN'] }, { nation: 'GB', arrangements: ['US-IN'] }), []);
  });
});
