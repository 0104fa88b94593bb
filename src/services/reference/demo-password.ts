import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../domain/errors.js';

/** The file in an embedded data folder that keeps the generated demo password. */
export const DEMO_PASSWORD_FILE = 'demo-password';

export interface DemoPassword {
  password: string;
  /** env: SOSA_DEMO_PASSWORD (or the caller's choice); kept: read from the data folder; new: generated and kept there; generated: for this start only (no data folder). */
  source: 'env' | 'kept' | 'new' | 'generated';
  /** The file it is kept in, for kept and new. */
  file: string | null;
}

const MIN_LENGTH = 8;

/**
 * The demo password of a data folder stays the same across restarts (issue #11 item 16): a chosen
 * one (SOSA_DEMO_PASSWORD) wins; else the one kept in the folder; else a new one, written there
 * readable by its owner only (0600). Without a data folder (PostgreSQL) there is nowhere of its own
 * to keep it, so it is made for this start — set SOSA_DEMO_PASSWORD there.
 */
export function resolveDemoPassword({ chosen, dataDir }: { chosen: string | undefined; dataDir: string | undefined }): DemoPassword {
  if (chosen !== undefined) return { password: chosen, source: 'env', file: null };
  const fresh = () => randomBytes(18).toString('base64url');
  if (!dataDir) return { password: fresh(), source: 'generated', file: null };
  const file = join(dataDir, DEMO_PASSWORD_FILE);
  if (existsSync(file)) {
    // Tighten a copy restored with looser permissions.
    chmodSync(file, 0o600);
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length < MIN_LENGTH) {
      throw new AppError('CONFIG_INVALID', { detail: `${file} holds a demo password shorter than ${MIN_LENGTH} characters: put a longer one there, or delete the file to have one generated.` });
    }
    return { password: kept, source: 'kept', file };
  }
  const password = fresh();
  // 'wx': never overwrite a file another start wrote in the meantime.
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return { password, source: 'new', file };
}
