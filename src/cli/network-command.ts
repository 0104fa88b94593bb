// `sosa network list | import | analyse`: an analyst's supply networks through the running server.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import type { MitigationPlan, ScenarioResult } from '../analytics/disruption/index.js';
import type { StructuralReport } from '../analytics/network/structural-report.js';
import { AppError } from '../domain/errors.js';
import { apiTargetFromEnv, typedCall } from './api-client.js';
import { renderTable } from './table.js';
import { countOf, date, days, listCell, money } from './words.js';

const urlOption = ['--url <url>', 'server URL (default SOSA_URL, else the server of your last login, else http://127.0.0.1:3000)'] as const;
const jsonOption = ['--json', 'print the result as JSON'] as const;
/** Rows a table shows before it says how many it left out. */
const SHOWN = 20;

const STATUS_WORDS: Record<string, string> = { queued: 'queued', running: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled' };

export function registerNetworkCommands(program: Command): void {
  const network = program.command('network').description("supply networks of the analyst's nation, through the running server (as the user of `sosa login`, or SOSA_TOKEN)");

  network
    .command('list')
    .description("your nation's supply networks, newest first")
    .option('--search <text>', 'only networks whose name or program contains this')
    .option(...jsonOption)
    .option(...urlOption)
    .action(async (opts: { search?: string; json?: boolean; url?: string }) => {
      const { items } = await typedCall(apiTargetFromEnv(opts.url), (api) => api.GET('/networks', { params: { query: opts.search ? { q: opts.search } : {} } }));
      if (opts.json) {
        console.log(JSON.stringify(items, null, 2));
        return;
      }
      if (items.length === 0) {
        console.log(opts.search ? `No network matches "${opts.search}".` : 'No supply networks yet: import one with `sosa network import FILE`.');
        return;
      }
      console.log(
        renderTable(
          [
            { header: 'Name', cell: (n) => n.name, max: 40 },
            { header: 'Program', cell: (n) => n.program, max: 30 },
            { header: 'Nodes', cell: (n) => n.nodeCount, align: 'right' },
            { header: 'Edges', cell: (n) => n.edgeCount, align: 'right' },
            { header: 'End items', cell: (n) => n.endItemCount, align: 'right' },
            { header: 'Last analysis', cell: (n) => (n.lastAnalysis ? `${n.lastAnalysis.kind} ${STATUS_WORDS[n.lastAnalysis.status] ?? n.lastAnalysis.status}, ${date(n.lastAnalysis.createdAt)}` : 'none') },
            { header: 'Imported', cell: (n) => `${date(n.createdAt)} by ${n.createdBy}` },
            { header: 'ID', cell: (n) => n.id },
          ],
          items,
        ),
      );
      console.log(`${countOf(items.length, 'network')}.`);
    });

  network
    .command('import <file>')
    .description('import a supply network: a JSON model or a Willems (2008) CSV export; all or nothing, each problem named by row and column')
    .addOption(new Option('--format <format>', 'file format (default: willems for .csv, else json)').choices(['json', 'willems']))
    .option('--name <name>', 'network name (default: the file’s own, or the chain number)')
    .option('--program <program>', 'the program the network supports')
    .option('--concern <countries>', 'countries of concern, comma-separated (e.g. CN,RU)')
    .option(...jsonOption)
    .option(...urlOption)
    .action(async (file: string, opts: { format?: 'json' | 'willems'; name?: string; program?: string; concern?: string; json?: boolean; url?: string }) => {
      const format: 'json' | 'willems' = opts.format ?? (/\.csv$/i.test(file) ? 'willems' : 'json');
      const body = {
        format,
        text: readFileSync(file, 'utf8'),
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.program ? { program: opts.program } : {}),
        ...(opts.concern ? { countriesOfConcern: opts.concern.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
      };
      const result = await typedCall(apiTargetFromEnv(opts.url), (api) => api.POST('/networks', { body }));
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      console.log(`Imported "${result.name}" (${countOf(result.nodeCount, 'node')}, ${countOf(result.edgeCount, 'edge')}, ${countOf(result.endItemCount, 'end item')}): ${result.id}`);
    });

  network
    .command('analyse <id>')
    .alias('analyze')
    .description('structural analysis (default), or a scenario run in the background with a progress bar: --scenario peacetime|emergency|armedConflict|FILE.json')
    .option('--scenario <preset-or-file>', 'a preset name, or a JSON file with a scenario')
    .option('--budget <amount>', 'with a scenario: rank mitigations under this budget (in the network currency)', (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number ≥ 0');
      return n;
    })
    .option('--concern <countries>', 'structural: countries of concern, comma-separated (default: the network’s)')
    .option(...jsonOption)
    .option(...urlOption)
    .action(async (id: string, opts: { scenario?: string; budget?: number; concern?: string; json?: boolean; url?: string }) => {
      const target = apiTargetFromEnv(opts.url);
      if (!opts.scenario) {
        const body = { kind: 'structural' as const, ...(opts.concern ? { countriesOfConcern: opts.concern.split(',').map((c) => c.trim()).filter(Boolean) } : {}) };
        const analysis = await typedCall(target, (api) => api.POST('/networks/{id}/analyses', { params: { path: { id } }, body }));
        // The document states a run's result as an open object; a structural run answers its report.
        const report = analysis.result as unknown as StructuralReport;
        if (opts.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        printStructural(report);
        return;
      }
      const presets = ['peacetime', 'emergency', 'armedConflict'];
      // An unknown preset or a file that is not a scenario object is the server's to refuse (its problem document says why).
      const choice = presets.includes(opts.scenario) ? { preset: opts.scenario as 'peacetime' | 'emergency' | 'armedConflict' } : { scenario: JSON.parse(readFileSync(opts.scenario, 'utf8')) as Record<string, unknown> };
      const started = await typedCall(target, (api) =>
        api.POST('/networks/{id}/analyses', { params: { path: { id } }, body: { kind: 'scenario', ...choice, ...(opts.budget !== undefined ? { budget: opts.budget } : {}) } }),
      );
      const path = { params: { path: { id, analysisId: started.id } } };
      const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'Scenario [{bar}] {percentage}% | {status}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
      bar?.start(100, 0, { status: 'queued' });
      // Ctrl-C cancels the run on the server too.
      const onInterrupt = () => {
        void typedCall(target, (api) => api.POST('/networks/{id}/analyses/{analysisId}/cancel', path)).finally(() => process.exit(130));
      };
      process.once('SIGINT', onInterrupt);
      let analysis: { status: string; progress: number; error: string | null; parameters: { currency?: string }; result?: { scenario: ScenarioResult; mitigations: MitigationPlan | null } };
      let lastShown = -1;
      for (;;) {
        // The document states a run's parameters and result as open objects; a scenario run's are these.
        analysis = (await typedCall(target, (api) => api.GET('/networks/{id}/analyses/{analysisId}', path))) as typeof analysis;
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
      // Analyses from before networks carried a currency: their values are in USD, the default.
      printScenario(analysis.result!.scenario, analysis.result!.mitigations, analysis.parameters.currency ?? 'USD');
    });
}

function shownOf(shown: number, total: number, singular: string, plural?: string): string | null {
  return total > shown ? `(${shown.toLocaleString()} of ${countOf(total, singular, plural)} shown.)` : null;
}

function printStructural(r: StructuralReport): void {
  console.log(`${countOf(r.summary.nodes, 'node')}, ${countOf(r.summary.edges, 'edge')}, ${countOf(r.summary.endItems, 'end item')}; programs: ${listCell(r.summary.programs, 10) || 'none'}`);
  console.log(`Single points of failure: ${r.singlePointsOfFailure.total}; sole-source parts: ${r.soleSourceParts.total}; single-country parts (multi-sourced): ${r.singleCountryParts.total}`);
  const spofs = r.singlePointsOfFailure.items.slice(0, SHOWN);
  if (spofs.length) {
    console.log('');
    console.log(
      renderTable(
        [
          { header: 'Node', cell: (s) => s.id, max: 40 },
          { header: 'Country', cell: (s) => s.country ?? 'unknown' },
          { header: 'End items', cell: (s) => s.endItemCount, align: 'right' },
          { header: 'Programs', cell: (s) => listCell(s.programs, 3), max: 60 },
        ],
        spofs,
      ),
    );
    const more = shownOf(spofs.length, r.singlePointsOfFailure.total, 'single point of failure', 'single points of failure');
    if (more) console.log(more);
    console.log('');
  }
  for (const p of r.countryExposure.programs.slice(0, SHOWN)) {
    const without = p.producibleWithout.map((w) => `without ${w.country}: ${w.producible ? 'still producible' : 'production stops'}`).join('; ');
    console.log(`${p.program}: ${countOf(p.criticalCount, 'critical node')}, ${Math.round(p.ofConcern.criticalShare * 100)}% in countries of concern${without ? ` (${without})` : ''}`);
  }
}

const STATUS_TEXT: Record<string, string> = { infeasible: 'no feasible plan', unbounded: 'not bounded', solver_error: 'solver failed', time_limit: 'solver timed out' };

function printScenario(s: ScenarioResult, m: MitigationPlan | null, currency: string): void {
  console.log(`${s.scenario.name}: ${countOf(s.rows.length, 'disruption')}, horizon ${s.horizonDays} days`);
  const rows = [...s.rows].sort((a, b) => b.lostValue - a.lostValue).slice(0, 15);
  if (rows.length) {
    console.log('');
    console.log(
      renderTable(
        [
          { header: 'Disruption', cell: (r) => r.label, max: 48 },
          { header: 'Survives for', cell: (r) => (r.tts !== null ? days(r.tts) : r.ttsAtLeastHorizon ? `≥ ${days(s.horizonDays)}` : (STATUS_TEXT[r.status] ?? r.status)), align: 'right' },
          { header: 'Out for', cell: (r) => days(r.ttr), align: 'right' },
          { header: 'Survives', cell: (r) => (r.status !== 'optimal' ? 'unknown' : r.survives ? 'yes' : 'no') },
          { header: 'Lost value', cell: (r) => money(r.lostValue, currency), align: 'right' },
        ],
        rows,
      ),
    );
    const more = shownOf(rows.length, s.rows.length, 'disruption');
    if (more) console.log(`${more.slice(0, -2)}, the largest losses first.)`);
    console.log('');
  }
  for (const p of s.programs) {
    if (p.worstLostUnits <= 0) console.log(`${p.program}: loses no output in this scenario`);
    else console.log(`${p.program}: worst lost units ${p.worstLostUnits.toFixed(1)} (value ${money(p.worstLostValue, currency)}) when ${p.worstNodeId ?? 'a disruption'} is out`);
  }
  if (m) printMitigations(m, currency);
}

function printMitigations(m: MitigationPlan, currency: string): void {
  console.log('');
  // A candidate that reduces nothing (or less than a unit of money) is no mitigation: not listed.
  const useful = m.ranked.filter((c) => Math.round(c.reduction) > 0 && c.cost <= m.budget);
  if (useful.length === 0) {
    const lost = Math.round(m.baselineLostValue) > 0 ? `the loss of ${money(m.baselineLostValue, currency)} stays` : 'nothing is lost in this scenario';
    console.log(`No mitigation reduces the loss within the budget of ${money(m.budget, currency)}: ${lost}.`);
    return;
  }
  console.log(`Mitigations within the budget of ${money(m.budget, currency)}: the chosen ones cost ${money(m.totalCost, currency)} and cut the lost value from ${money(m.baselineLostValue, currency)} to ${money(m.lostValueAfter, currency)}.`);
  const chosen = new Set(m.chosen.map((c) => c.description));
  const shown = useful.slice(0, 15);
  console.log(
    renderTable(
      [
        { header: 'Mitigation', cell: (c) => c.description, max: 72 },
        { header: 'Cost', cell: (c) => money(c.cost, currency), align: 'right' },
        { header: 'Loss reduced alone', cell: (c) => money(c.reduction, currency), align: 'right' },
        { header: 'Chosen', cell: (c) => (chosen.has(c.description) ? 'yes' : '') },
      ],
      shown,
    ),
  );
  const hidden = m.ranked.length - useful.length;
  const notes = [shownOf(shown.length, useful.length, 'useful mitigation'), hidden > 0 ? `${countOf(hidden, 'candidate')} that ${hidden === 1 ? 'reduces nothing within the budget is' : 'reduce nothing within the budget are'} not listed.` : null].filter(Boolean);
  if (notes.length) console.log(notes.join(' '));
}
