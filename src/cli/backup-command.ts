import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import type { backupTo } from '../services/operations/backup-restore.js';

// The store code loads when a backup or restore runs, not with every CLI call (see main.ts).
const operations = () => import('../services/operations/backup-restore.js');

const dataOption = () => new Option('--data <dir>', 'embedded data folder (default ./data, or SOSA_DATA_DIR); ignored when DATABASE_URL is set');
const progress = (line: string) => console.error(line);

/** `sosa backup` and `sosa restore` (issue #16). Progress goes to stderr; the result to stdout. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write a backup of the store: PostgreSQL (DATABASE_URL) with pg_dump while the server runs; the embedded data folder while no server runs')
    .requiredOption('--out <file>', 'the backup file to write')
    .addOption(dataOption())
    .action(async (opts: { out: string; data?: string }) => {
      const config = loadConfig();
      const out = resolve(opts.out);
      let result: Awaited<ReturnType<typeof backupTo>>;
      try {
        const { backupTo } = await operations();
        result = await backupTo(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: opts.data ?? config.dataDir }, out, progress);
      } catch (error) {
        if (error instanceof AppError && error.code === 'DATA_DIR_LOCKED') {
          throw new AppError('DATA_DIR_LOCKED', { detail: `${error.detail} An embedded data folder is backed up while no server runs (stop it first); PostgreSQL is backed up online.` });
        }
        throw error;
      }
      console.log(`Backup written: ${out} (${result.kind === 'postgres' ? 'pg_dump custom format' : 'PGlite data-folder tarball'}, ${(result.bytes / 1_048_576).toFixed(1)} MB).`);
    });

  program
    .command('restore <file>')
    .description('restore a backup into DATABASE_URL or the data folder, then verify the audit chain and print its checkpoint; refuses a store that holds data unless --force')
    .option('--force', 'replace a store that already holds data (PostgreSQL: its schema is dropped; a data folder: its database is moved aside)')
    .addOption(dataOption())
    .action(async (file: string, opts: { force?: boolean; data?: string }) => {
      const config = loadConfig();
      const { restoreFrom } = await operations();
      const result = await restoreFrom(resolve(file), config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: opts.data ?? config.dataDir }, { force: Boolean(opts.force) }, progress);
      // PGlite leaves an armed interval timer after a store loaded from a tarball is closed: the
      // command ends its process when it is done rather than wait on it for ever.
      setTimeout(() => process.exit(), 1000).unref();
      if (result.movedAside) console.log(`The replaced database is kept in ${result.movedAside}.`);
      if (!result.ok) {
        console.error(`Restored, but the audit log is BROKEN at ${result.problem}. ${result.count} events before it verified. Do not serve this store before investigating.`);
        process.exitCode = 1;
        return;
      }
      console.log(`Restored. Audit log verified: ${result.count} events, chain intact.`);
      if (result.checkpoint) console.log(`Checkpoint (head position:hash; compare it with one kept from before, keep it outside the database): ${result.checkpoint}`);
      if (result.pendingMigrations.length) console.log(`The backup predates ${result.pendingMigrations.length} migration(s) of this release: \`sosa migrate\` or the next \`sosa serve\` applies them.`);
    });
}
