import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, closeSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { openStore, type Store } from './database.js';

// Backup and restore of the whole store (issue #16): PostgreSQL through pg_dump/pg_restore in the
// custom format (a consistent snapshot: every transaction committed before the dump began is in
// it), PGlite through its data-folder tarball. The audit check after a restore is the caller's.

export type BackupKind = 'postgres' | 'pglite';

export interface BackupProgress {
  (line: string): void;
}

/** pg_dump/pg_restore: the newest under /usr/lib/postgresql (a dump needs a pg_dump at least as new as the server), else PATH. */
export function findPgTool(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  throw new AppError('CONFIG_INVALID', { detail: `${name} was not found (looked in /usr/lib/postgresql/*/bin and PATH): install the PostgreSQL client tools.` });
}

/** What a backup file holds, from its first bytes: pg_dump's custom format, or a (gzipped) PGlite tarball. */
export function backupKindOf(file: string): BackupKind {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(512);
  try {
    readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  if ((head[0] === 0x1f && head[1] === 0x8b) || head.subarray(257, 262).toString('latin1') === 'ustar') return 'pglite';
  throw new AppError('VALIDATION_FAILED', { detail: `${file} is neither a pg_dump custom-format file nor a PGlite data-folder tarball.` });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, onProgress: BackupProgress, watch?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // A long dump says how far it is: the file's size every few seconds.
    const timer = watch
      ? setInterval(() => {
          if (existsSync(watch)) onProgress(`  … ${(statSync(watch).size / 1_048_576).toFixed(1)} MB written`);
        }, 3_000)
      : null;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      if (code === 0) resolve();
      else reject(new AppError('CONFIG_INVALID', { detail: `${command.split('/').pop()} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}` }));
    });
  });
}

/** libpq reads the connection from the URL; the password, if any, goes by environment, not argv (ps shows argv). */
function libpqTarget(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return { dbname: url.toString(), env };
}

export async function backupPostgres(databaseUrl: string, out: string, onProgress: BackupProgress): Promise<void> {
  const { dbname, env } = libpqTarget(databaseUrl);
  const partial = `${out}.partial`;
  await run(findPgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${dbname}`], env, onProgress, partial);
  renameSync(partial, out);
}

/**
 * The embedded store's data folder as a gzipped tarball, taken on the store's one connection (no
 * transaction is half-way through it) after a checkpoint: writes wait for the dump.
 */
export async function backupPglite(store: Store, out: string): Promise<void> {
  const pglite = store.pglite;
  if (!pglite) throw new Error('backupPglite needs an embedded store');
  const image = await store.db.connection().execute(async (conn) => {
    await sql`checkpoint`.execute(conn);
    return pglite.dumpDataDir('gzip');
  });
  const partial = `${out}.partial`;
  writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  renameSync(partial, out);
}

/** Whether the store holds any table of ours (an empty database, or a fresh data folder, holds none). */
export async function storeHasTables(store: Store): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(store.db);
  return (rows[0]?.n ?? 0) > 0;
}

function refuseNonEmpty(where: string): never {
  throw new AppError('CONFLICT', { detail: `${where} already holds data: restoring would replace it. Pass --force to replace it.` });
}

/**
 * Restores a pg_dump file into the database at `databaseUrl`. A database holding tables is
 * refused unless `force`. The file is first read whole into SQL (a truncated or foreign file fails
 * here, with the database untouched); then dropping the current schema and loading the backup run
 * in one transaction, so a restore that fails half-way leaves the database as it was.
 */
export async function restorePostgres(databaseUrl: string, file: string, options: { force: boolean }, onProgress: BackupProgress): Promise<void> {
  const target = await openStore({ databaseUrl, poolSize: 1 });
  let replace = false;
  try {
    if (await storeHasTables(target)) {
      if (!options.force) refuseNonEmpty(`The database ${target.location}`);
      replace = true;
    }
  } finally {
    await target.close();
  }
  const { dbname, env } = libpqTarget(databaseUrl);
  const work = mkdtempSync(join(tmpdir(), 'sosa-restore-'));
  try {
    const script = join(work, 'backup.sql');
    onProgress('Reading the backup (pg_restore)…');
    await run(findPgTool('pg_restore'), ['--no-owner', '--no-privileges', `--file=${script}`, file], env, onProgress);
    const drop = join(work, 'replace.sql');
    writeFileSync(drop, replace ? 'drop schema public cascade;\ncreate schema public;\n' : '');
    onProgress(replace ? 'Replacing the current schema with the backup, in one transaction (--force)…' : 'Loading the backup, in one transaction…');
    await run(findPgTool('psql'), ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`, `--file=${drop}`, `--file=${script}`], env, onProgress);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What of a data folder is not PostgreSQL's: left in place by a restore (the signing keys, the lock, the demo password). */
const NOT_DATABASE = new Set(['keys', 'sosa-desk.lock', 'demo-password']);

/**
 * Restores a PGlite tarball into the data folder `dataDir`. A folder holding a database is refused
 * unless `force`, which moves its database files aside (into `<dataDir>.before-restore-<time>`,
 * returned) rather than deleting them. The caller holds the folder's lock.
 */
export async function restorePglite(dataDir: string, file: string, options: { force: boolean }, onProgress: BackupProgress): Promise<{ movedAside: string | null }> {
  mkdirSync(dataDir, { recursive: true });
  let movedAside: string | null = null;
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    const current = await openStore({ dataDir, lock: false });
    let hasTables: boolean;
    try {
      hasTables = await storeHasTables(current);
    } finally {
      await current.close();
    }
    if (hasTables && !options.force) refuseNonEmpty(`The data folder ${dataDir}`);
    movedAside = `${dataDir.replace(/\/+$/, '')}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    mkdirSync(movedAside);
    for (const entry of readdirSync(dataDir)) if (!NOT_DATABASE.has(entry) && !entry.startsWith('sosa-desk.lock')) renameSync(join(dataDir, entry), join(movedAside, entry));
    onProgress(`The data folder's database moved aside to ${movedAside}.`);
  }
  onProgress('Loading the tarball…');
  const store = await openStore({ dataDir, lock: false, loadDataDir: new Blob([readFileSync(file)]) });
  await store.close();
  return { movedAside };
}
