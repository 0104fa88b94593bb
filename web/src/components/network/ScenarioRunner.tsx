// §4–§6 scenario runs: choose a preset or a saved scenario (and a budget for mitigations), run it
// in the background with a progress bar and a cancel button, then see time-to-survive against
// time-to-recover per disruption, lost output per program and the ranked mitigations.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError } from '../../api/client.js';
import { networksApi, type Analysis, type MitigationPlan, type ScenarioResult, type ScenarioRunResult } from '../../api/networks.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { toApiError, useLoad } from '../../use-load.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { Spinner } from '../Spinner.js';

type ScenarioAnalysis = Analysis<ScenarioRunResult>;

/** An amount in the network's currency (ISO 4217 code, as the analysis recorded it). */
const money = (n: number, currency: string) => `${currency}\u00a0${Math.round(n).toLocaleString('en-US')}`;
const ratio = (n: number) => n.toLocaleString('en-US', { maximumSignificantDigits: 3 });
const shorten = (label: string) => (label.length > 30 ? `${label.slice(0, 29)}…` : label);

export function TtsChart({ result }: { result: ScenarioResult }) {
  const rows = [...result.rows].sort((a, b) => b.lostValue - a.lostValue || (a.tts ?? Infinity) - (b.tts ?? Infinity)).slice(0, 40);
  const data = rows.map((r) => ({ label: shorten(r.nodeIds.length === 1 && r.nodeId === r.nodeIds[0] ? r.nodeId : r.label), tts: r.tts ?? result.horizonDays, ttr: r.ttr, survives: r.survives }));
  return (
    <div className="chart-box" data-testid="tts-chart">
      <p className="small muted">
        Time to survive (how long demand is still met with the node out, capped at the {result.horizonDays}-day horizon) against time to recover, per disruption; a node whose survive bar is shorter than its recover bar loses output.
        {result.rows.length > rows.length ? ` The ${rows.length} worst of ${result.rows.length} disruptions.` : ''}
      </p>
      <ResponsiveContainer width="100%" height={Math.max(240, data.length * 22 + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 12 }} label={{ value: 'days', position: 'insideBottomRight', offset: -4, fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip itemStyle={{ color: '#1c2430' }} />
          <Legend />
          <Bar dataKey="tts" name="Time to survive (days)" fill="#3a9a5b" />
          <Bar dataKey="ttr" name="Time to recover (days)" fill="#d9534f" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function ProgramLosses({ result, currency }: { result: ScenarioResult; currency: string }) {
  return (
    <div className="table-wrap" data-testid="program-losses">
      <table className="table">
        <caption className="sr-only">Lost output per program</caption>
        <thead>
          <tr>
            <th scope="col">Program</th>
            <th scope="col" className="num">Worst lost units</th>
            <th scope="col" className="num">Worst lost value</th>
            <th scope="col">When out</th>
            <th scope="col" className="num">Disruptions with loss</th>
          </tr>
        </thead>
        <tbody>
          {result.programs.map((p) => (
            <tr key={p.program}>
              <td>{p.program}</td>
              <td className="num">{p.worstLostUnits.toLocaleString('en-US', { maximumFractionDigits: 1 })}</td>
              <td className="num">{money(p.worstLostValue, currency)}</td>
              <td>{p.worstNodeId ?? '—'}</td>
              <td className="num">{p.rowsWithLoss}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MitigationTable({ plan, currency }: { plan: MitigationPlan; currency: string }) {
  const chosen = new Set(plan.chosen.map((c) => c.description));
  // A candidate that reduces nothing (or costs more than the budget) is no mitigation: not listed.
  const useful = plan.ranked.filter((m) => Math.round(m.reduction) > 0 && m.cost <= plan.budget);
  const hidden = plan.ranked.length - useful.length;
  return (
    <div data-testid="mitigation-table">
      {useful.length === 0 ? (
        <p className="small">
          No mitigation reduces the loss within the budget of {money(plan.budget, currency)}
          {Math.round(plan.baselineLostValue) > 0 ? `: the loss of ${money(plan.baselineLostValue, currency)} stays.` : ': nothing is lost in this scenario.'}
        </p>
      ) : (
        <>
          <p className="small">
            Budget {money(plan.budget, currency)}: the chosen set costs {money(plan.totalCost, currency)} and cuts the summed lost value from {money(plan.baselineLostValue, currency)} to {money(plan.lostValueAfter, currency)}.
          </p>
          <div className="table-wrap table-scroll">
            <table className="table">
              <caption className="sr-only">Mitigations ranked by reduction of lost value per unit cost</caption>
              <thead>
                <tr>
                  <th scope="col">Mitigation</th>
                  <th scope="col" className="num">Cost</th>
                  <th scope="col" className="num">Loss reduced alone</th>
                  <th scope="col" className="num">Reduced per {currency} spent</th>
                  <th scope="col">In the plan</th>
                </tr>
              </thead>
              <tbody>
                {useful.slice(0, 50).map((m, i) => (
                  <tr key={i} data-testid="mitigation-row" className={chosen.has(m.description) ? 'is-chosen' : undefined}>
                    <td>{m.description}</td>
                    <td className="num">{money(m.cost, currency)}</td>
                    <td className="num">{money(m.reduction, currency)}</td>
                    <td className="num">{ratio(m.score)}</td>
                    <td>{chosen.has(m.description) ? <span className="chip chip-ok">chosen</span> : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {hidden > 0 && useful.length > 0 ? <p className="muted small">{hidden} {hidden === 1 ? 'candidate reduces' : 'candidates reduce'} nothing within the budget and {hidden === 1 ? 'is' : 'are'} not listed.</p> : null}
    </div>
  );
}

export function ScenarioResultView({ analysis }: { analysis: ScenarioAnalysis }) {
  const result = analysis.result;
  if (!result) return null;
  // Analyses from before networks carried a currency: their values are in USD, the default.
  const currency = typeof analysis.parameters.currency === 'string' ? analysis.parameters.currency : 'USD';
  const s = result.scenario;
  const lost = s.rows.filter((r) => !r.survives).length;
  return (
    <div className="scenario-result" data-testid="scenario-result">
      <h3 className="subhead">{s.scenario.name}</h3>
      <p className="small">
        {s.rows.length} disruption{s.rows.length === 1 ? '' : 's'} evaluated; <span className={lost ? 'late-text' : 'on-time'}>{lost} lose output</span>.
        {s.baseTts !== null ? ` Under the scenario’s base conditions demand is met for ${s.baseTts.toFixed(1)} days.` : ''}
      </p>
      {s.warnings.length ? <ul className="small muted">{s.warnings.slice(0, 5).map((w, i) => <li key={i}>{w}</li>)}</ul> : null}
      <TtsChart result={s} />
      <h4 className="subhead">Lost output per program</h4>
      <ProgramLosses result={s} currency={currency} />
      {result.mitigations ? (
        <>
          <h4 className="subhead">Mitigations</h4>
          <MitigationTable plan={result.mitigations} currency={currency} />
        </>
      ) : null}
    </div>
  );
}

const BAD_BUDGET = new ApiError(0, { title: 'Budget', detail: 'Enter a budget of 0 or more, or leave it empty for no mitigations.' });
const isLive = (a: ScenarioAnalysis | null | undefined) => a?.status === 'queued' || a?.status === 'running';

export function ScenarioRunner({ networkId, canRun, latest }: { networkId: string; canRun: boolean; latest: Analysis | null }) {
  const scenarios = useLoad(() => networksApi.scenarios(), []);
  const [choice, setChoice] = useState('preset:peacetime');
  const [budget, setBudget] = useState('');
  // The run on screen: the one started here, or else the network's latest.
  const [started, setStarted] = useState<{ networkId: string; id: string } | null>(null);
  const runId = started?.networkId === networkId ? started.id : (latest?.id ?? null);
  const client = useQueryClient();
  const analysisKey = (id: string | null) => keys.analyses.detail(`${networkId}/${id ?? ''}`);
  const shown = useQuery({
    queryKey: analysisKey(runId),
    queryFn: async () => (await networksApi.analysis<ScenarioAnalysis['result']>(networkId, runId!)) as ScenarioAnalysis,
    enabled: runId !== null,
    // A queued or running analysis is asked again every half second until it ends.
    refetchInterval: (q) => (isLive(q.state.data) ? 500 : false),
  });
  const keep = (a: ScenarioAnalysis) => client.setQueryData(analysisKey(a.id), a);
  const start = useApiMutation(
    (vars: { scenario: { preset: 'peacetime' } | { scenarioId: string }; budget: number | undefined }) =>
      networksApi.runScenario(networkId, vars.scenario, vars.budget) as Promise<ScenarioAnalysis>,
    {
      onSaved: (a) => {
        keep(a);
        setStarted({ networkId, id: a.id });
      },
    },
  );
  const stop = useApiMutation((id: string) => networksApi.cancel(networkId, id) as Promise<ScenarioAnalysis>, { onSaved: keep });
  const [badBudget, setBadBudget] = useState(false);
  const current = shown.data ?? null;
  const error = badBudget ? BAD_BUDGET : (start.error ?? stop.error ?? (shown.error ? toApiError(shown.error) : undefined));
  const busy = start.busy;

  const run = (e: FormEvent) => {
    e.preventDefault();
    const b = budget.trim() === '' ? undefined : Number(budget);
    setBadBudget(b !== undefined && (!Number.isFinite(b) || b < 0));
    if (b !== undefined && (!Number.isFinite(b) || b < 0)) return;
    const [type, value] = choice.split(':', 2) as ['preset' | 'saved', string];
    void start.run({ scenario: type === 'preset' ? { preset: value as 'peacetime' } : { scenarioId: value }, budget: b });
  };
  const cancel = () => {
    if (current) void stop.run(current.id);
  };

  const live = isLive(current);
  return (
    <div data-testid="scenario-runner">
      {canRun ? (
        <form className="form scenario-form" onSubmit={run} aria-label="Run a scenario">
          <div className="field">
            <label htmlFor="scn-choice" className="field-label">Scenario</label>
            <select id="scn-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <optgroup label="Presets">
                {(scenarios.data?.presets ?? [{ key: 'peacetime', scenario: { kind: 'peacetime', name: 'Peacetime' } }]).map((p) => (
                  <option key={p.key} value={`preset:${p.key}`}>{p.scenario?.name ?? p.key}</option>
                ))}
              </optgroup>
              {scenarios.data?.saved.length ? (
                <optgroup label="Saved">
                  {scenarios.data.saved.map((s) => (
                    <option key={s.id} value={`saved:${s.id}`}>{s.name}</option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </div>
          <div className="field">
            <label htmlFor="scn-budget" className="field-label">Mitigation budget</label>
            <input id="scn-budget" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} placeholder="empty: no mitigations" />
          </div>
          <div className="form-foot">
            <button type="submit" className="btn btn-primary btn-small" disabled={busy || Boolean(live)}>{busy ? 'Starting…' : 'Run scenario'}</button>
          </div>
        </form>
      ) : (
        <p className="muted small">Analysts of your nation run scenarios; the latest run is shown here.</p>
      )}
      <ErrorBanner error={error} />
      {current ? (
        <div className="scenario-status" data-testid="scenario-status" data-status={current.status}>
          {live ? (
            <div className="progress-row">
              <Spinner label={current.status === 'queued' ? 'Queued…' : `Running… ${Math.round(current.progress * 100)}%`} />
              <progress max={1} value={current.progress} aria-label="Scenario progress" />
              {current.actions.includes('cancel') ? <button type="button" className="btn btn-small btn-danger-outline" onClick={cancel}>Cancel</button> : null}
            </div>
          ) : current.status === 'failed' ? (
            <div className="banner banner-error" role="alert">The run failed: {current.error}</div>
          ) : current.status === 'cancelled' ? (
            <div className="banner banner-info" role="status">The run was cancelled.</div>
          ) : null}
          {current.status === 'done' ? <ScenarioResultView analysis={current} /> : null}
        </div>
      ) : (
        <p className="muted small pad">No scenario run yet.</p>
      )}
    </div>
  );
}
