import { readFileSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import { ROLES, type Role } from '../domain/workflows/workflow-definition.js';
import type { DemoStart } from '../server.js';
import { apiTargetFromEnv, typedCall } from './api-client.js';
import { registerLoginCommands } from './login-command.js';
import { registerNetworkCommands } from './network-command.js';
import { registerFederationCommands } from './federation-command.js';
import { registerBackupCommands } from './backup-command.js';
import { registerWorkerCommand } from './worker-command.js';
import { stopOnSignals } from './stop-on-signals.js';
import { registerDemoCommands } from './demo-command.js';
import { checkpointNation, registerAuditCheckpointCommand, reportPeerCheckpoints } from './audit-checkpoint-command.js';
import { SCHEDULE_COLUMNS } from './schedule-table.js';
import { renderTable } from './table.js';
import { date } from './words.js';

// A command that talks to the server through the API loads the API client only; the server, the
// store and the seeds are imported by the commands that use them (a CLI call starts in a fraction
// of the time it takes to load the whole application).
const loadServer = () => import('../server.js');
const loadStore = () => import('./open-store-for-cli.js');
const loadSeeds = () => import('./seed-modules.js');
const loadAudit = () => import('../store/audit.repository.js');
import { PARTNERSHIP_EXPORTS, registerExportCommand } from './export-command.js';
import { REGISTRY_EXPORTS } from './register-export.js';

/** Where the demo password came from, and the password unless the operator chose it. */
function demoPasswordLine(demo: DemoStart): string {
  if (demo.source === 'env') return 'Demo password: the value of SOSA_DEMO_PASSWORD';
  if (demo.source === 'generated') return `Demo password (generated for this start; set SOSA_DEMO_PASSWORD to keep one): ${demo.password}`;
  return `Demo password (kept in ${demo.file}): ${demo.password}`;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return n;
}

/**
 * A demo password chosen by the operator is the operator's affair (the demo data are invented),
 * but a weak one is said aloud: it is not a password any real account could have.
 */
async function warnWeakDemoPassword(password: string | undefined): Promise<void> {
  const { passwordProblem } = await import('../domain/auth/password-policy.js');
  const weak = password === undefined ? null : passwordProblem(password);
  if (weak) console.warn(`Warning: SOSA_DEMO_PASSWORD ${weak}; the demo accounts accept it, real accounts would not. Never expose such a demo beyond this machine.`);
}

const program = new Command('sosa').description('SOSA Desk — Security of Supply Arrangement operations').showHelpAfterError();
const dataOption = () => new Option('--data <dir>', 'embedded data folder (default ./data, or SOSA_DATA_DIR); ignored when DATABASE_URL is set');

program
  .command('serve')
  .description('start the web UI and API')
  .addOption(dataOption())
  .option('--demo', 'seed demo organisations and users (password SOSA_DEMO_PASSWORD, else generated and printed)')
  .option('--no-demo-life', 'with --demo: the demo users and reference data only, without the month of demo life (requests, orders, notifications)')
  .option('--demo-own-nation', "with --demo on a sovereign instance (SOSA_NATION): seed only the shared records this nation keeps, and send them to its peers on the first start (as `sosa demo federation` does)")
  .option('--port <n>', 'port (default PORT or 3000)', port)
  .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
  .action(async (opts: { data?: string; demo?: boolean; demoLife: boolean; demoOwnNation?: boolean; port?: number; host?: string }) => {
    const config = loadConfig();
    if (opts.demo) await warnWeakDemoPassword(config.demoPassword);
    const { startServer } = await loadServer();
    const { DEMO_USERNAMES } = await loadSeeds();
    if (opts.demo && opts.demoLife) console.log('Seeding demo data (the first start of a data folder adds a month of demo life)…');
    const server = await startServer({
      demo: Boolean(opts.demo),
      demoLife: Boolean(opts.demo) && opts.demoLife,
      demoOwnNation: Boolean(opts.demo && opts.demoOwnNation),
      onDemoProgress: (line) => console.log(line),
      ...(config.databaseUrl ? {} : { dataDir: opts.data ?? config.dataDir }),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.host ? { host: opts.host } : {}),
    });
    const where = server.ctx.store.kind === 'postgres' ? `PostgreSQL ${server.ctx.store.location}` : `embedded PGlite in ${server.ctx.store.location}`;
    console.log(`SOSA Desk is running at ${server.url} (${where}).`);
    if (server.ctx.store.kind === 'pglite') console.log('Embedded PGlite survives a process crash but not a power loss (no fsync): use PostgreSQL (DATABASE_URL) in production.');
    if (server.demo) {
      console.log(`Demo users: ${DEMO_USERNAMES.join(', ')}`);
      console.log(demoPasswordLine(server.demo));
    }
    // A signal stops the server gracefully (in-flight requests finish, the audit queue is chained,
    // the store closes) and exits 0; a second signal meanwhile exits at once (1).
    stopOnSignals({ name: 'SOSA Desk', stopping: `shutting down (requests in flight may take up to ${config.shutdownGraceSeconds} s)`, stop: () => server.close() });
  });

program
  .command('migrate')
  .description('apply database migrations and reference data')
  .addOption(dataOption())
  .action(async (opts: { data?: string }) => {
    const [{ withCliStore }, { migrateToLatest }, { seedReferenceData }] = await Promise.all([loadStore(), import('../store/migrate.js'), loadSeeds()]);
    await withCliStore({ data: opts.data, migrate: false }, async (store) => {
      const applied = await migrateToLatest(store.db);
      await seedReferenceData(store.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    });
  });

program
  .command('seed')
  .description('seed demo organisations, users and programs')
  .addOption(dataOption())
  .requiredOption('--demo', 'the demo data set')
  .action(async (opts: { data?: string }) => {
    await warnWeakDemoPassword(process.env.SOSA_DEMO_PASSWORD);
    const [{ withCliStore }, { seedReferenceData, resolveDemoPassword, seedDemoData, seedDemoOrderBook, seedPartnershipDemoData, DEMO_USERNAMES }] = await Promise.all([loadStore(), loadSeeds()]);
    await withCliStore({ data: opts.data }, async (store) => {
      await seedReferenceData(store.db);
      const password = resolveDemoPassword({ chosen: process.env.SOSA_DEMO_PASSWORD, dataDir: store.kind === 'pglite' ? store.location : undefined });
      const result = { ...(await seedDemoData(store.db, password.password)), source: password.source, file: password.file };
      await seedDemoOrderBook(store.db, new Date());
      await seedPartnershipDemoData(store.db, new Date());
      console.log(`Demo users: ${DEMO_USERNAMES.join(', ')}`);
      console.log(demoPasswordLine(result));
    });
  });

const admin = program.command('admin').description('administration');
admin
  .command('create')
  .description('create a user (the first admin of a nation, without demo data); the password is read from SOSA_ADMIN_PASSWORD or standard input')
  .addOption(dataOption())
  .requiredOption('--username <name>')
  .requiredOption('--nation <code>', 'two-letter nation code, e.g. US or IN')
  .requiredOption('--organisation <name>', 'organisation name (created when it does not exist)')
  .addOption(new Option('--kind <kind>', 'organisation kind when created').choices(['ministry', 'agency', 'company']).default('ministry'))
  .option('--display-name <name>')
  .option('--roles <roles>', `comma-separated, of: ${ROLES.join(', ')}`, 'admin')
  .option('--json', 'print the user created as JSON')
  .action(async (opts: { data?: string; username: string; nation: string; organisation: string; kind: 'ministry' | 'agency' | 'company'; displayName?: string; roles: string; json?: boolean }) => {
    const roles = opts.roles.split(',').map((r) => r.trim());
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', { detail: `Unknown roles: ${unknown.join(', ')}` });
    const password = process.env.SOSA_ADMIN_PASSWORD ?? readFileSync(0, 'utf8').trim();
    // The rules of users created through the API (POST /users): the same service creates both.
    const passwordDetail = 'The password (SOSA_ADMIN_PASSWORD or standard input) cannot be used.';
    const [{ checkNewUser, createUser }, { withCliStore }, { seedReferenceData }, { sequencePendingAudit }] = await Promise.all([import('../services/users/users.js'), loadStore(), loadSeeds(), loadAudit()]);
    const newUser = { username: opts.username.toLowerCase(), displayName: opts.displayName ?? opts.username, password, roles: roles as Role[] };
    checkNewUser({ ...newUser, username: opts.username }, passwordDetail);
    await withCliStore({ data: opts.data }, async (store) => {
      await seedReferenceData(store.db);
      const nation = opts.nation.toUpperCase();
      const { id } = await createUser(store.db, { kind: 'operator' }, { ...newUser, organisation: { nation, name: opts.organisation, kind: opts.kind } }, { passwordDetail });
      // No server may be running to sequence it: the command chains its own event before it ends.
      await sequencePendingAudit(store.db);
      if (opts.json) console.log(JSON.stringify({ id, username: opts.username.toLowerCase(), nation, organisation: opts.organisation, roles }, null, 2));
      else console.log(`Created ${opts.username} (${roles.join(', ')}) in ${opts.organisation}, ${nation}.`);
    });
  });

const orders = program.command('orders').description("a supplier's DPAS order book, through the running server (as the supplier user of `sosa login`, or SOSA_TOKEN)");
orders
  .command('import <file>')
  .description('import a CSV order book: all rows or none; each bad row is named')
  .option('--url <url>', 'server URL (default SOSA_URL or http://127.0.0.1:3000)')
  .option('--json', "print the server's answer (the orders created, with their ids) as JSON")
  .action(async (file: string, opts: { url?: string; json?: boolean }) => {
    const target = apiTargetFromEnv(opts.url);
    const result = await typedCall(target, (api) => api.POST('/rated-orders/import', { body: { csv: readFileSync(file, 'utf8') } }));
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else console.log(`Imported ${result.imported} orders from ${file}.`);
  });

program
  .command('schedule')
  .description("the preferential schedule (15 CFR 700.14) of the supplier's order book: late orders and why")
  .option('--url <url>', 'server URL (default SOSA_URL or http://127.0.0.1:3000)')
  .option('--json', 'print the schedule as JSON')
  .option('--supplier <id>', "the supplier company's id: only your own (the API serves a supplier its own company's schedule)")
  .action(async (opts: { url?: string; json?: boolean; supplier?: string }) => {
    const target = apiTargetFromEnv(opts.url);
    if (opts.supplier !== undefined) {
      // The API has no schedule of another company (GET /schedules/mine only): a supplier names
      // its own company; an auditor's read of any company's schedule needs an API route first.
      const me = await typedCall(target, (api) => api.GET('/me'));
      if (me.organisation.id !== opts.supplier) {
        throw new AppError('VALIDATION_FAILED', { detail: `--supplier ${opts.supplier} is not your company (${me.organisation.name}, ${me.organisation.id}): the schedule is served only for your own company.` });
      }
    }
    const schedule = await typedCall(target, (api) => api.GET('/schedules/mine'));
    if (opts.json) {
      console.log(JSON.stringify(schedule, null, 2));
      return;
    }
    console.log(`Schedule from ${date(schedule.today)} (${schedule.calendar.nation} working days, ${schedule.calendar.timeZone}):`);
    if (schedule.orders.length === 0) console.log('No orders on a production line to schedule.');
    else console.log(renderTable(SCHEDULE_COLUMNS, schedule.orders));
    for (const o of schedule.orders.filter((x) => x.delay)) console.log(`${o.orderNumber}: ${o.delay!.text}`);
    for (const c of schedule.conflicts) console.log(`Conflict on ${c.resource} among ${c.priority} orders: precedence ${c.precedence.join(", ")}; delayed ${c.delayed.join(", ")}. ${c.suggestion}`);
    // Open orders the plan leaves out (a SOSA rated order not yet on a line, a row out of range): never silently.
    if (schedule.unscheduled.length) console.log(`Not on the plan (${schedule.unscheduled.length}):`);
    for (const u of schedule.unscheduled) console.log(`  ${u.orderNumber} (${u.rating ?? 'unrated'}, ${u.quantity} units, required ${u.requiredDeliveryDate}): ${u.message}`);
  });

registerExportCommand(program, { ...PARTNERSHIP_EXPORTS, ...REGISTRY_EXPORTS });
registerLoginCommands(program);
registerNetworkCommands(program);
registerFederationCommands(program);
registerBackupCommands(program);
registerWorkerCommand(program);
registerDemoCommands(program);

const audit = program.command('audit').description('the hash-chained audit log');
/** What a verification says on the terminal: success and a fresh checkpoint on stdout, a failure on stderr only. */
function reportVerification(v: { ok: boolean; count: number; checkpoint: string | null; firstBadSeq: number | null; problem: string | null; expected: string | null; checkpointMatched: boolean | null }, json = false): void {
  if (json) {
    console.log(JSON.stringify(v, null, 2));
    if (!v.ok) process.exitCode = 1;
    return;
  }
  if (!v.ok) {
    if (v.checkpointMatched === false) {
      console.error(`Audit log NOT verified: ${v.problem}. The kept checkpoint ${v.expected} does not hold; keep your old checkpoint and investigate.`);
    } else {
      console.error(`Audit log BROKEN at event ${v.firstBadSeq}: ${v.problem}. ${v.count} events before it verified.`);
    }
    process.exitCode = 1;
    return;
  }
  console.log(`Audit log verified: ${v.count} events, chain intact.`);
  if (v.expected) console.log(`Checkpoint ${v.expected.split(':')[0]} matched.`);
  if (v.checkpoint) console.log(`Checkpoint (keep it outside this database; pass it to a later verify with --expect): ${v.checkpoint}`);
}

audit
  .command('verify')
  .description('check every link of the audit chain; exits 1 naming the first bad event. With --url, through the running server (as the auditor of `sosa login`, or SOSA_TOKEN), without stopping it')
  .addOption(dataOption())
  .option('--expect <seq:hash>', 'a checkpoint printed by an earlier verify: that event must still be there, unchanged (catches truncation and re-hashing)')
  .option('--peer-checkpoints', "also check the signed checkpoints exchanged with the peers (issue #13): each one this instance sent must still be in its chain, with the peer's signed receipt; those held from each peer must be consistent")
  .option('--url [url]', 'verify through the running server at this URL (default SOSA_URL or http://127.0.0.1:3000), as the auditor of `sosa login` or SOSA_TOKEN')
  .option('--json', 'print the verdict as JSON (the exit code is the same)')
  .action(async (opts: { data?: string; expect?: string; peerCheckpoints?: boolean; url?: string | true; json?: boolean }) => {
    const { checkCheckpoint, parseCheckpoint, verifyAuditLog } = await loadAudit();
    const checkpoint = opts.expect === undefined ? null : parseCheckpoint(opts.expect);
    if (opts.expect !== undefined && !checkpoint) throw new AppError('VALIDATION_FAILED', { detail: '--expect takes SEQ:HASH, as printed by an earlier verify.' });
    if (opts.url !== undefined) {
      const target = apiTargetFromEnv(opts.url === true ? undefined : opts.url);
      const chain = await typedCall(target, (api) => api.POST('/audit/verify', { body: opts.expect !== undefined ? { expect: opts.expect } : {} }));
      const peers = opts.peerCheckpoints ? await typedCall(target, (api) => api.GET('/audit/peer-checkpoints')) : null;
      if (opts.json && peers) {
        console.log(JSON.stringify({ ...chain, ok: chain.ok && peers.ok, peerCheckpoints: peers }, null, 2));
        if (!chain.ok || !peers.ok) process.exitCode = 1;
        return;
      }
      reportVerification(chain, opts.json);
      if (peers) reportPeerCheckpoints(peers);
      return;
    }
    const nation = opts.peerCheckpoints ? checkpointNation() : null;
    // Verification only reads: no migration runs first.
    const { openStoreForCli } = await loadStore();
    let store: Awaited<ReturnType<typeof openStoreForCli>>;
    try {
      store = await openStoreForCli({ data: opts.data, migrate: false });
    } catch (error) {
      if (error instanceof AppError && error.code === 'DATA_DIR_LOCKED') {
        throw new AppError('DATA_DIR_LOCKED', { detail: `${error.detail} To verify while the server runs: sosa audit verify --url http://HOST:PORT with SOSA_TOKEN of an auditor (the server verifies online).` });
      }
      throw error;
    }
    const bar = process.stderr.isTTY && !opts.json ? new cliProgress.SingleBar({ format: 'Verifying audit log [{bar}] {value}/{total} events' }, cliProgress.Presets.shades_classic) : null;
    try {
      let started = false;
      const verdict = await verifyAuditLog(store.db, (checked, total) => {
        if (bar && !started) {
          bar.start(total, 0);
          started = true;
        }
        bar?.update(checked);
      });
      bar?.stop();
      const expected = checkpoint ? `${checkpoint.seq}:${checkpoint.hash}` : null;
      // The kept checkpoint is checked before anything is printed: a failed one prints no success.
      const anchored = verdict.ok && checkpoint ? await checkCheckpoint(store.db, checkpoint) : null;
      const report = !verdict.ok
        ? { ok: false, count: verdict.count, checkpoint: null, firstBadSeq: verdict.firstBadSeq, problem: verdict.problem, expected, checkpointMatched: null }
        : anchored && !anchored.ok
          ? { ok: false, count: verdict.count, checkpoint: null, firstBadSeq: checkpoint!.seq, problem: anchored.problem, expected, checkpointMatched: false }
          : { ok: true, count: verdict.count, checkpoint: verdict.count > 0 ? `${verdict.count}:${verdict.lastHash}` : null, firstBadSeq: null, problem: null, expected, checkpointMatched: anchored ? true : null };
      // The peers' checkpoints are checked whatever the chain says: a broken chain and a rewritten one are both worth naming.
      const peers = nation ? await (await import('../services/audit/verify-peer-checkpoints.js')).verifyPeerCheckpoints(store.db, nation) : null;
      if (opts.json) {
        console.log(JSON.stringify({ ...report, ok: report.ok && (peers?.ok ?? true), ...(peers ? { peerCheckpoints: peers } : {}) }, null, 2));
        if (!report.ok || (peers && !peers.ok)) process.exitCode = 1;
        return;
      }
      reportVerification(report);
      if (peers) reportPeerCheckpoints(peers);
    } finally {
      await store.close();
    }
  });
registerAuditCheckpointCommand(audit);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`sosa: ${error.detail ?? error.code}`);
    for (const e of error.errors) console.error(`  ${e.field}: ${e.message}`);
  } else {
    console.error(`sosa: ${(error as Error).message}`);
  }
  process.exitCode = 2;
});
