import { statSync } from 'node:fs';
import { AppError } from '../../domain/errors.js';
import { verifyAuditLog } from '../../store/audit.repository.js';
import { backupKindOf, backupPglite, backupPostgres, restorePglite, restorePostgres, type BackupProgress } from '../../store/backup.js';
import { acquireDataDirLock } from '../../store/data-dir-lock.js';
import { openStore, type Store } from '../../store/database.js';
import { migrationState } from '../../store/migrate.js';

// `sosa backup` and `sosa restore` (issue #16). A restore is only done when the audit chain of what
// was restored verifies: its checkpoint (head position and hash) is printed to be kept.

export type StoreTarget = { databaseUrl: string } | { dataDir: string };

/**
 * Writes a backup of the store to `out`. PostgreSQL: pg_dump of the database at the URL, while the
 * server runs. PGlite: the open `store` (the caller holds its folder's lock), or the folder itself.
 */
export async function backupTo(source: StoreTarget | { store: Store }, out: string, onProgress: BackupProgress = () => {}): Promise<{ kind: 'postgres' | 'pglite'; bytes: number }> {
  if ('databaseUrl' in source) {
    onProgress('Dumping the PostgreSQL database with pg_dump (custom format)…');
    await backupPostgres(source.databaseUrl, out, onProgress);
    return { kind: 'postgres', bytes: statSync(out).size };
  }
  onProgress('Dumping the embedded data folder…');
  if ('store' in source) {
    await backupPglite(source.store, out);
  } else {
    const store = await openStore({ dataDir: source.dataDir, lock: true });
    try {
      await backupPglite(store, out);
    } finally {
      await store.close();
    }
  }
  return { kind: 'pglite', bytes: statSync(out).size };
}

export interface RestoreResult {
  ok: boolean;
  /** Events in the restored chain. */
  count: number;
  /** `seq:hash` of the restored chain's head (null for an empty chain, or a broken one). */
  checkpoint: string | null;
  problem: string | null;
  /** Migrations this release has that the backup had not: the server applies them at start. */
  pendingMigrations: string[];
  movedAside: string | null;
}

/** Restores `file` into the target store (refusing one that holds data unless `force`), then verifies the audit chain. */
export async function restoreFrom(file: string, target: StoreTarget, options: { force: boolean }, onProgress: BackupProgress = () => {}): Promise<RestoreResult> {
  const kind = backupKindOf(file);
  if (kind === 'postgres' && !('databaseUrl' in target)) throw new AppError('VALIDATION_FAILED', { detail: `${file} is a PostgreSQL dump: set DATABASE_URL to the database to restore it into.` });
  if (kind === 'pglite' && !('dataDir' in target)) throw new AppError('VALIDATION_FAILED', { detail: `${file} is an embedded (PGlite) data-folder backup: unset DATABASE_URL and name the data folder (--data).` });
  // The data folder is held for the whole restore: no server may open it half-restored.
  const release = 'dataDir' in target ? acquireDataDirLock(target.dataDir) : () => {};
  try {
    let movedAside: string | null = null;
    if ('databaseUrl' in target) await restorePostgres(target.databaseUrl, file, options, onProgress);
    else movedAside = (await restorePglite(target.dataDir, file, options, onProgress)).movedAside;
    const store = await openStore('databaseUrl' in target ? { databaseUrl: target.databaseUrl, poolSize: 2 } : { dataDir: target.dataDir, lock: false });
    try {
      onProgress('Verifying the audit chain…');
      let reported = 0;
      const verdict = await verifyAuditLog(store.db, (checked, total) => {
        if (checked - reported >= 50_000 || checked === total) {
          reported = checked;
          onProgress(`  … ${checked}/${total} events checked`);
        }
      });
      const { pending } = await migrationState(store.db);
      if (!verdict.ok) return { ok: false, count: verdict.count, checkpoint: null, problem: `event ${verdict.firstBadSeq}: ${verdict.problem}`, pendingMigrations: pending, movedAside };
      return { ok: true, count: verdict.count, checkpoint: verdict.count > 0 ? `${verdict.count}:${verdict.lastHash}` : null, problem: null, pendingMigrations: pending, movedAside };
    } finally {
      await store.close();
    }
  } finally {
    release();
  }
}
