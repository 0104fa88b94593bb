import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import { ROLES, type Role } from '../domain/workflows/workflow-definition.js';
import { startServer } from '../server.js';
import { hashPassword } from '../services/auth/passwords.js';
import { seedDemoOrderBook } from '../services/reference/seed-demo-orders.js';
import { seedDemoData, DEMO_USERNAMES } from '../services/reference/seed-demo-data.js';
import { seedPartnershipDemoData } from '../services/reference/seed-partnership-demo.js';
import { seedReferenceData } from '../services/reference/seed-reference-data.js';
import { appendAudit, checkCheckpoint, parseCheckpoint, verifyAuditLog } from '../store/audit.repository.js';
import { migrateToLatest } from '../store/migrate.js';
import type { CompanySchedule } from '../services/orders/compute-schedule.js';
import type { StructuralReport } from '../analytics/network/structural-report.js';
import type { MitigationPlan, ScenarioResult } from '../analytics/disruption/index.js';
import { apiTargetFromEnv, callApi } from './api-client.js';
import { PARTNERSHIP_EXPORTS, registerExportCommand } from './export-command.js';
import { openStoreForCli } from './open-store-for-cli.js';
import { REGISTRY_EXPORTS } from './register-export.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return n;
}

const program = new Command('sosa').description('SOSA Desk — Security of Supply Arrangement operations').showHelpAfterError();
const dataOption = () => new Option('--data <dir>', 'embedded data folder (default ./data, or SOSA_DATA_DIR); ignored when DATABASE_URL is set');

program
  .command('serve')
  .description('start the web UI and API')
  .addOption(dataOption())
  .option('--demo', 'seed demo organisations and users (password SOSA_DEMO_PASSWORD, else generated and printed)')
  .option('--port <n>', 'port (default PORT or 3000)', port)
  .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
  .action(async (opts: { data?: string; demo?: boolean; port?: number; host?: string }) => {
    const config = loadConfig();
    const server = await startServer({
      demo: Boolean(opts.demo),
      ...(config.databaseUrl ? {} : { dataDir: opts.data ?? config.dataDir }),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.host ? { host: opts.host } : {}),
    });
    const where = server.ctx.store.kind === 'postgres' ? `PostgreSQL ${server.ctx.store.location}` : `embedded PGlite in ${server.ctx.store.location}`;
    console.log(`SOSA Desk is running at ${server.url} (${where}).`);
    if (server.ctx.store.kind === 'pglite') console.log('Embedded PGlite survives a process crash but not a power loss (no fsync): use PostgreSQL (DATABASE_URL) in production.');
    if (server.demo) {
      console.log(`Demo users: ${DEMO_USERNAMES.join(', ')}`);
      console.log(server.demo.generated ? `Demo password (generated for this start): ${server.demo.password}` : 'Demo password: the value of SOSA_DEMO_PASSWORD');
    }
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('apply database migrations and reference data')
  .addOption(dataOption())
  .action(async (opts: { data?: string }) => {
    const store = await openStoreForCli({ data: opts.data, migrate: false });
    try {
      const applied = await migrateToLatest(store.db);
      await seedReferenceData(store.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } finally {
      await store.close();
    }
  });

program
  .command('seed')
  .description('seed demo organisations, users and programs')
  .addOption(dataOption())
  .requiredOption('--demo', 'the demo data set')
  .action(async (opts: { data?: string }) => {
    const store = await openStoreForCli({ data: opts.data });
    try {
      await seedReferenceData(store.db);
      const result = await seedDemoData(store.db, process.env.SOSA_DEMO_PASSWORD);
      await seedDemoOrderBook(store.db, new Date());
      await seedPartnershipDemoData(store.db, new Date());
      console.log(`Demo users: ${DEMO_USERNAMES.join(', ')}`);
      if (result.generated) console.log(`Demo password: ${result.password}`);
    } finally {
      await store.close();
    }
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
  .action(async (opts: { data?: string; username: string; nation: string; organisation: string; kind: 'ministry' | 'agency' | 'company'; displayName?: string; roles: string }) => {
    const roles = opts.roles.split(',').map((r) => r.trim());
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', { detail: `Unknown roles: ${unknown.join(', ')}` });
    const password = process.env.SOSA_ADMIN_PASSWORD ?? readFileSync(0, 'utf8').trim();
    if (password.length < 12) throw new AppError('VALIDATION_FAILED', { detail: 'The password must be at least 12 characters (SOSA_ADMIN_PASSWORD or standard input).' });
    const store = await openStoreForCli({ data: opts.data });
    try {
      await seedReferenceData(store.db);
      const nation = opts.nation.toUpperCase();
      const id = randomUUID();
      await store.db.transaction().execute(async (trx) => {
        if (!(await trx.selectFrom('nations').select('code').where('code', '=', nation).executeTakeFirst())) {
          throw new AppError('VALIDATION_FAILED', { detail: `Unknown nation ${nation}.` });
        }
        let org = await trx.selectFrom('organisations').select('id').where('nation', '=', nation).where('name', '=', opts.organisation).executeTakeFirst();
        if (!org) {
          org = { id: randomUUID() };
          await trx.insertInto('organisations').values({ id: org.id, nation, kind: opts.kind, name: opts.organisation, short_name: opts.organisation.slice(0, 40), code_of_conduct_since: null }).execute();
        }
        await trx.insertInto('users').values({ id, username: opts.username.toLowerCase(), display_name: opts.displayName ?? opts.username, password_hash: await hashPassword(password), nation, organisation_id: org.id, roles: roles as Role[] }).execute();
        await appendAudit(trx, { actorId: null, actor: 'cli', nation, action: 'user.create', entityType: 'user', entityId: id, data: { username: opts.username, roles } });
      });
      console.log(`Created ${opts.username} (${roles.join(', ')}) in ${opts.organisation}, ${nation}.`);
    } finally {
      await store.close();
    }
  });

const orders = program.command('orders').description("a supplier's DPAS order book, through the running server (SOSA_TOKEN of a supplier user)");
orders
  .command('import <file>')
  .description('import a CSV order book: all rows or none; each bad row is named')
  .option('--url <url>', 'server URL (default SOSA_URL or http://127.0.0.1:3000)')
  .action(async (file: string, opts: { url?: string }) => {
    const target = apiTargetFromEnv(opts.url);
    const result = await callApi<{ imported: number }>(target, 'POST', '/rated-orders/import', { csv: readFileSync(file, 'utf8') });
    console.log(`Imported ${result.imported} orders from ${file}.`);
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
      const me = await callApi<{ organisation: { id: string; kind: string; name: string } }>(target, 'GET', '/me');
      if (me.organisation.id !== opts.supplier) {
        throw new AppError('VALIDATION_FAILED', { detail: `--supplier ${opts.supplier} is not your company (${me.organisation.name}, ${me.organisation.id}): the schedule is served only for your own company.` });
      }
    }
    const schedule = await callApi<CompanySchedule>(target, 'GET', '/schedules/mine');
    if (opts.json) {
      console.log(JSON.stringify(schedule, null, 2));
      return;
    }
    console.log(`Schedule from ${schedule.today} (${schedule.calendar.nation} working days, ${schedule.calendar.timeZone}):`);
    console.table(
      schedule.orders.map((o) => ({ order: o.orderNumber, rating: o.rating ?? 'unrated', resource: o.resource.name, qty: o.quantity, due: o.requiredDeliveryDate, done: o.projectedCompletionDate, late: o.daysLate })),
    );
    for (const o of schedule.orders.filter((x) => x.delay)) console.log(`${o.orderNumber}: ${o.delay!.text}`);
    for (const c of schedule.conflicts) console.log(`Conflict on ${c.resource} among ${c.priority} orders: precedence ${c.precedence.join(", ")}; delayed ${c.delayed.join(", ")}. ${c.suggestion}`);
    // Open orders the plan leaves out (a SOSA rated order not yet on a line, a row out of range): never silently.
    if (schedule.unscheduled.length) console.log(`Not on the plan (${schedule.unscheduled.length}):`);
    for (const u of schedule.unscheduled) console.log(`  ${u.orderNumber} (${u.rating ?? 'unrated'}, ${u.quantity} units, required ${u.requiredDeliveryDate}): ${u.message}`);
  });

registerExportCommand(program, { ...PARTNERSHIP_EXPORTS, ...REGISTRY_EXPORTS });
const network = program.command('network').description("supply networks of the analyst's nation, through the running server (SOSA_TOKEN of an analyst)");
network
  .command('import <file>')
  .description('import a supply network: a JSON model or a Willems (2008) CSV export; all or nothing, each problem named by row and column')
  .addOption(new Option('--format <format>', 'file format (default: willems for .csv, else json)').choices(['json', 'willems']))
  .option('--name <name>', 'network name (default: the file’s own, or the chain number)')
  .option('--program <program>', 'the program the network supports')
  .option('--concern <countries>', 'countries of concern, comma-separated (e.g. CN,RU)')
  .option('--url <url>', 'server URL (default SOSA_URL or http://127.0.0.1:3000)')
  .action(async (file: string, opts: { format?: 'json' | 'willems'; name?: string; program?: string; concern?: string; url?: string }) => {
    const format = opts.format ?? (/\.csv$/i.test(file) ? 'willems' : 'json');
    const body = {
      format,
      text: readFileSync(file, 'utf8'),
      ...(opts.name ? { name: opts.name } : {}),
      ...(opts.program ? { program: opts.program } : {}),
      ...(opts.concern ? { countriesOfConcern: opts.concern.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
    };
    const result = await callApi<{ id: string; name: string; nodeCount: number; edgeCount: number; endItemCount: number }>(apiTargetFromEnv(opts.url), 'POST', '/networks', body);
    console.log(`Imported "${result.name}" (${result.nodeCount} nodes, ${result.edgeCount} edges, ${result.endItemCount} end items): ${result.id}`);
  });
network
  .command('analyse <id>')
  .alias('analyze')
  .description('structural analysis (default), or a scenario run in the background with a progress bar: --scenario peacetime|emergency|armedConflict|FILE.json')
  .option('--scenario <preset-or-file>', 'a preset name, or a JSON file with a scenario')
  .option('--budget <amount>', 'with a scenario: rank mitigations under this budget', (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number ≥ 0');
    return n;
  })
  .option('--concern <countries>', 'structural: countries of concern, comma-separated (default: the network’s)')
  .option('--json', 'print the result as JSON')
  .option('--url <url>', 'server URL (default SOSA_URL or http://127.0.0.1:3000)')
  .action(async (id: string, opts: { scenario?: string; budget?: number; concern?: string; json?: boolean; url?: string }) => {
    const target = apiTargetFromEnv(opts.url);
    const base = `/networks/${encodeURIComponent(id)}/analyses`;
    if (!opts.scenario) {
      const body = { kind: 'structural', ...(opts.concern ? { countriesOfConcern: opts.concern.split(',').map((c) => c.trim()).filter(Boolean) } : {}) };
      const analysis = await callApi<{ result: StructuralReport }>(target, 'POST', base, body);
      if (opts.json) {
        console.log(JSON.stringify(analysis.result, null, 2));
        return;
      }
      printStructural(analysis.result);
      return;
    }
    const presets = ['peacetime', 'emergency', 'armedConflict'];
    const choice = presets.includes(opts.scenario) ? { preset: opts.scenario } : { scenario: JSON.parse(readFileSync(opts.scenario, 'utf8')) as unknown };
    const started = await callApi<{ id: string }>(target, 'POST', base, { kind: 'scenario', ...choice, ...(opts.budget !== undefined ? { budget: opts.budget } : {}) });
    const path = `${base}/${started.id}`;
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'Scenario [{bar}] {percentage}% | {status}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
    bar?.start(100, 0, { status: 'queued' });
    // Ctrl-C cancels the run on the server too.
    const onInterrupt = () => {
      void callApi(target, 'POST', `${path}/cancel`).finally(() => process.exit(130));
    };
    process.once('SIGINT', onInterrupt);
    let analysis: { status: string; progress: number; error: string | null; result?: { scenario: ScenarioResult; mitigations: MitigationPlan | null } };
    let lastShown = -1;
    for (;;) {
      analysis = await callApi(target, 'GET', path);
      const percent = Math.round(analysis.progress * 100);
      bar?.update(percent, { status: analysis.status });
      if (!bar && !opts.json && percent !== lastShown && analysis.status === 'running') console.error(`progress ${percent}%`);
      lastShown = percent;
      if (!['queued', 'running'].includes(analysis.status)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    process.removeListener('SIGINT', onInterrupt);
    bar?.stop();
    if (analysis.status !== 'done') {
      throw new AppError('CONFLICT', { detail: `The analysis ${analysis.status}${analysis.error ? `: ${analysis.error}` : ''}.` });
    }
    if (opts.json) {
      console.log(JSON.stringify(analysis.result, null, 2));
      return;
    }
    printScenario(analysis.result!.scenario, analysis.result!.mitigations);
  });

function printStructural(r: StructuralReport): void {
  console.log(`${r.summary.nodes} nodes, ${r.summary.edges} edges, ${r.summary.endItems} end items, programs: ${r.summary.programs.slice(0, 10).join(', ')}${r.summary.programs.length > 10 ? ', …' : ''}`);
  console.log(`Single points of failure: ${r.singlePointsOfFailure.total}; sole-source parts: ${r.soleSourceParts.total}; single-country parts (multi-sourced): ${r.singleCountryParts.total}`);
  console.table(r.singlePointsOfFailure.items.slice(0, 20).map((s) => ({ node: s.id, country: s.country ?? '', endItems: s.endItemCount, programs: s.programs.slice(0, 3).join(', ') })));
  for (const p of r.countryExposure.programs.slice(0, 20)) {
    const without = p.producibleWithout.map((w) => `${w.country}: ${w.producible ? 'still producible' : 'STOPS'}`).join('; ');
    console.log(`${p.program}: ${p.criticalCount} critical nodes, ${Math.round(p.ofConcern.criticalShare * 100)}% in countries of concern${without ? ` (${without})` : ''}`);
  }
}

function printScenario(s: ScenarioResult, m: MitigationPlan | null): void {
  console.log(`${s.scenario.name}: ${s.rows.length} disruptions, horizon ${s.horizonDays} days`);
  console.table(
    [...s.rows]
      .sort((a, b) => b.lostValue - a.lostValue)
      .slice(0, 15)
      .map((r) => ({ disruption: r.label, tts: r.tts ?? (r.ttsAtLeastHorizon ? '≥ horizon' : r.status), ttr: r.ttr, survives: r.survives, lostValue: Math.round(r.lostValue) })),
  );
  for (const p of s.programs) console.log(`${p.program}: worst lost units ${p.worstLostUnits.toFixed(1)} (value ${Math.round(p.worstLostValue)}) when ${p.worstNodeId ?? '—'} is out`);
  if (m) {
    console.log(`Mitigations within ${m.budget}: cost ${Math.round(m.totalCost)}, lost value ${Math.round(m.baselineLostValue)} → ${Math.round(m.lostValueAfter)}`);
    for (const c of m.chosen) console.log(`  ${c.description} (cost ${Math.round(c.cost)})`);
  }
}

const audit = program.command('audit').description('the hash-chained audit log');
audit
  .command('verify')
  .description('check every link of the audit chain; exits 1 naming the first bad event')
  .addOption(dataOption())
  .option('--expect <seq:hash>', 'a checkpoint printed by an earlier verify: that event must still be there, unchanged (catches truncation and re-hashing)')
  .action(async (opts: { data?: string; expect?: string }) => {
    const checkpoint = opts.expect === undefined ? null : parseCheckpoint(opts.expect);
    if (opts.expect !== undefined && !checkpoint) throw new AppError('VALIDATION_FAILED', { detail: '--expect takes SEQ:HASH, as printed by an earlier verify.' });
    // Verification only reads: no migration runs first.
    const store = await openStoreForCli({ data: opts.data, migrate: false });
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'Verifying audit log [{bar}] {value}/{total} events' }, cliProgress.Presets.shades_classic) : null;
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
      if (verdict.ok) {
        console.log(`Audit log verified: ${verdict.count} events, chain intact.`);
        if (verdict.count > 0) console.log(`Checkpoint (keep it outside this database; pass it to a later verify with --expect): ${verdict.count}:${verdict.lastHash}`);
        const anchored = checkpoint ? await checkCheckpoint(store.db, checkpoint) : null;
        if (anchored && !anchored.ok) {
          console.error(`Audit log BROKEN: ${anchored.problem}.`);
          process.exitCode = 1;
        } else if (anchored) {
          console.log(`Checkpoint ${checkpoint!.seq} matched.`);
        }
      } else {
        console.error(`Audit log BROKEN at event ${verdict.firstBadSeq}: ${verdict.problem}. ${verdict.count} events before it verified.`);
        process.exitCode = 1;
      }
    } finally {
      await store.close();
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`sosa: ${error.detail ?? error.code}`);
    for (const e of error.errors) console.error(`  ${e.field}: ${e.message}`);
  } else {
    console.error(`sosa: ${(error as Error).message}`);
  }
  process.exitCode = 2;
});
