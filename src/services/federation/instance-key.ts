import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SigningKey } from '../../domain/federation/signing.js';
import { loadActiveSigningKey } from './key-store.js';

const cache = new Map<string, { mtimeMs: number; key: SigningKey }>();

/**
 * The instance's active signing key, read from SOSA_KEY_DIR and kept while the keyring file is
 * unchanged: a `sosa keys rotate` while the server runs takes effect on the next message.
 */
export async function instanceSigningKey(keyDir: string): Promise<SigningKey> {
  const { mtimeMs } = await stat(join(keyDir, 'keyring.json')).catch(() => ({ mtimeMs: -1 }));
  const cached = cache.get(keyDir);
  if (cached && cached.mtimeMs === mtimeMs) return cached.key;
  const key = await loadActiveSigningKey(keyDir);
  cache.set(keyDir, { mtimeMs, key });
  return key;
}
