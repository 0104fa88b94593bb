import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';
import type { DescriptorKey } from '../../domain/federation/descriptor.js';
import { SIGNING_ALGORITHM, type SigningKey } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';

/**
 * The instance's signing keys, kept in a folder outside the database (issue #13): a database
 * backup, a replica or its administrator never holds them. One private JWK per file, readable by
 * the service's user only; `keyring.json` lists which key is active and which are retired (kept,
 * so that what they signed can still be shown to verify).
 */
const keyringSchema = z.object({
  keys: z.array(z.object({ kid: z.string(), status: z.enum(['active', 'retired']), createdAt: z.string(), retiredAt: z.string().optional() })),
});
type Keyring = z.infer<typeof keyringSchema>;

export type KeyInfo = Keyring['keys'][number];

const KEYRING = 'keyring.json';
const privateFile = (kid: string) => `${kid}.private.jwk`;

async function readKeyring(dir: string): Promise<Keyring> {
  let text: string;
  try {
    text = await readFile(join(dir, KEYRING), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [] };
    throw error;
  }
  return keyringSchema.parse(JSON.parse(text));
}

/** Write-then-rename: a crash leaves the old file or the new one, never half of either. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

async function createKey(dir: string): Promise<{ kid: string; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  const privateJwk = { ...(await exportJWK(privateKey)), kid };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await writeAtomically(join(dir, privateFile(kid)), JSON.stringify(privateJwk));
  return { kid, privateJwk };
}

export async function listKeys(dir: string): Promise<KeyInfo[]> {
  return (await readKeyring(dir)).keys;
}

/** The first key of an instance. A second `generate` is refused: replacing a key is a rotation. */
export async function generateSigningKey(dir: string, now: Date): Promise<KeyInfo> {
  const keyring = await readKeyring(dir);
  if (keyring.keys.some((k) => k.status === 'active')) {
    throw new AppError('CONFLICT', { detail: `${dir} already holds an active signing key; use \`sosa keys rotate\` to replace it` });
  }
  const { kid } = await createKey(dir);
  const info: KeyInfo = { kid, status: 'active', createdAt: now.toISOString() };
  await writeAtomically(join(dir, KEYRING), JSON.stringify({ keys: [...keyring.keys, info] }, null, 2));
  return info;
}

/**
 * A new active key; the old one is retired, not deleted: peers keep verifying messages it signed
 * until they take the new descriptor, and evidence signed with it stays checkable.
 */
export async function rotateSigningKey(dir: string, now: Date): Promise<{ active: KeyInfo; retired: KeyInfo }> {
  const keyring = await readKeyring(dir);
  const previous = keyring.keys.find((k) => k.status === 'active');
  if (!previous) throw new AppError('CONFLICT', { detail: `${dir} holds no active signing key; use \`sosa keys generate\` first` });
  const { kid } = await createKey(dir);
  const active: KeyInfo = { kid, status: 'active', createdAt: now.toISOString() };
  const retired: KeyInfo = { ...previous, status: 'retired', retiredAt: now.toISOString() };
  await writeAtomically(join(dir, KEYRING), JSON.stringify({ keys: [...keyring.keys.map((k) => (k.kid === previous.kid ? retired : k)), active] }, null, 2));
  return { active, retired };
}

/**
 * Removes a retired key (`sosa keys remove`): after a key is lost or leaked, or its overlap with
 * the partners is over. The next descriptor no longer lists it, and a partner that takes that
 * descriptor refuses whatever the key signs from then on. The private half is deleted. The active
 * key cannot be removed (rotate first). Remove a key only when the outbox holds no pending
 * message it signed: such a message would then be refused by the partner.
 */
export async function removeRetiredKey(dir: string, kid: string): Promise<KeyInfo> {
  const keyring = await readKeyring(dir);
  const key = keyring.keys.find((k) => k.kid === kid);
  if (!key) throw new AppError('NOT_FOUND', { detail: `${dir} holds no key ${kid}` });
  if (key.status === 'active') throw new AppError('CONFLICT', { detail: `key ${kid} is the active key: rotate first (\`sosa keys rotate\`), then remove the old one` });
  await writeAtomically(join(dir, KEYRING), JSON.stringify({ keys: keyring.keys.filter((k) => k.kid !== kid) }, null, 2));
  await rm(join(dir, privateFile(kid)), { force: true });
  return key;
}

async function readPrivateJwk(dir: string, kid: string): Promise<JWK> {
  return JSON.parse(await readFile(join(dir, privateFile(kid)), 'utf8')) as JWK;
}

export async function loadActiveSigningKey(dir: string): Promise<SigningKey> {
  const active = (await readKeyring(dir)).keys.find((k) => k.status === 'active');
  if (!active) throw new AppError('CONFIG_INVALID', { detail: `no active signing key in ${dir}: run \`sosa keys generate\`` });
  const privateKey = (await importJWK(await readPrivateJwk(dir, active.kid), SIGNING_ALGORITHM)) as CryptoKey;
  return { kid: active.kid, privateKey };
}

/** The public halves, as the peer descriptor lists them. */
export async function publicKeys(dir: string): Promise<DescriptorKey[]> {
  const keyring = await readKeyring(dir);
  return Promise.all(
    keyring.keys.map(async (k) => {
      const { x } = await readPrivateJwk(dir, k.kid);
      return { kid: k.kid, jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(x) }, status: k.status, createdAt: k.createdAt };
    }),
  );
}
