import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/errors.js';

const LOCK_FILE = 'sosa-desk.lock';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock between processes: two processes on one data folder silently lose writes.
 * We hold an exclusive lock file for the life of the process. A lock left by a killed process
 * (its pid no longer alive) is taken over, so a crash never locks the data out.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    // The pid is written to a private file first and then linked into place: the lock file never
    // exists without its pid, so another process never mistakes a lock being taken for a stale one.
    const staging = `${path}.${process.pid}`;
    writeFileSync(staging, String(process.pid));
    try {
      linkSync(staging, path);
      rmSync(staging, { force: true });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      rmSync(staging, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new AppError('DATA_DIR_LOCKED', {
          detail: `The data folder ${dataDir} is in use by process ${holder}. Only one process may open an embedded data folder; stop it, or use the running server's API.`,
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { detail: `Could not lock the data folder ${dataDir}.` });
}
