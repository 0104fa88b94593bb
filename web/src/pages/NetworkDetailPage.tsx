// One supply network: its drawing (critical nodes outlined), country exposure, single points of
// failure, and scenario runs with time-to-survive, lost output and mitigations.
import { useEffect, useMemo, useRef, useState } from 'react';
import { networksApi, type Analysis, type StructuralReport } from '../api/networks.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { CountryExposureChart } from '../components/network/CountryExposureChart.js';
import { NetworkGraph } from '../components/network/NetworkGraph.js';
import { ScenarioRunner } from '../components/network/ScenarioRunner.js';
import { SpofTable } from '../components/network/SpofTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate } from '../format.js';
import { href, navigate } from '../router.js';
import { toApiError, useLoad } from '../use-load.js';

interface Loaded {
  structural: Analysis<StructuralReport> | null;
  latestScenario: Analysis | null;
}

export function NetworkDetailPage({ id }: { id: string }) {
  const network = useLoad(() => networksApi.get(id), [id]);
  const canAnalyse = network.data?.actions.includes('analyse') ?? false;
  const analyses = useLoad<Loaded>(async () => {
    const list = (await networksApi.analyses(id)).items;
    const done = list.find((a) => a.kind === 'structural' && a.status === 'done');
    const structural = done ? await networksApi.analysis<StructuralReport>(id, done.id) : null;
    return { structural, latestScenario: list.find((a) => a.kind === 'scenario') ?? null };
  }, [id]);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<unknown>();
  const started = useRef(false);

  // An analyst opening a network without a structural analysis gets one at once (it is fast).
  useEffect(() => {
    if (!canAnalyse || !analyses.data || analyses.data.structural || started.current) return;
    started.current = true;
    setRunning(true);
    networksApi.structural(id).then(
      (a) => {
        analyses.setData({ ...analyses.data!, structural: a });
        setRunning(false);
      },
      (e: unknown) => {
        setRunError(e);
        setRunning(false);
      },
    );
  }, [canAnalyse, analyses.data, id]);

  const report = analyses.data?.structural?.result ?? null;
  const criticalIds = useMemo(() => new Set(report?.criticalNodeIds ?? []), [report]);
  const criticalFor = useMemo(() => new Map((report?.singlePointsOfFailure.items ?? []).map((s) => [s.id, s.endItems])), [report]);
  const [focus, setFocus] = useState<{ id: string; seq: number } | null>(null);

  if (network.loading && !network.data) return <Spinner label="Loading the network…" />;
  if (network.error || !network.data) return <ErrorBanner error={network.error} onRetry={network.reload} />;
  const n = network.data;

  const remove = async () => {
    if (!window.confirm(`Delete “${n.name}” and all its analyses?`)) return;
    try {
      await networksApi.remove(n.id);
      navigate('/networks');
    } catch (e) {
      setRunError(e);
    }
  };

  return (
    <div className="page network-detail">
      <PageHeader
        title={n.name}
        subtitle={
          <>
            <a href={href('/networks')}>Networks</a> · {n.program || 'no program'} · {n.sourceFormat === 'willems' ? 'Willems CSV' : 'JSON model'} · imported {formatDate(n.createdAt)} by {n.createdBy}
            {n.countriesOfConcern.length ? ` · countries of concern: ${n.countriesOfConcern.join(', ')}` : ''}
          </>
        }
        actions={n.actions.includes('delete') ? <button type="button" className="btn btn-small btn-danger-outline" onClick={() => void remove()}>Delete</button> : undefined}
      />
      {n.description ? <p className="page-note">{n.description}</p> : null}
      <ErrorBanner error={runError ? toApiError(runError) : undefined} />
      <section className="panel" aria-labelledby="net-graph-h">
        <h2 id="net-graph-h" className="panel-title">Network</h2>
        <NetworkGraph network={n.model} countriesOfConcern={n.countriesOfConcern} criticalIds={criticalIds} criticalFor={criticalFor} focus={focus} />
      </section>
      <div className="grid-2 net-panels">
        <section className="panel" aria-labelledby="net-exp-h">
          <h2 id="net-exp-h" className="panel-title">Country exposure</h2>
          <ErrorBanner error={analyses.error} onRetry={analyses.reload} />
          {running || (analyses.loading && !analyses.data) ? <Spinner label="Analysing the structure…" /> : null}
          {report ? <CountryExposureChart report={report} /> : !running && analyses.data ? <p className="muted pad">No structural analysis yet.</p> : null}
        </section>
        <section className="panel" aria-labelledby="net-spof-h">
          <h2 id="net-spof-h" className="panel-title">Single points of failure</h2>
          {report ? <SpofTable report={report} onShow={(x) => setFocus((f) => ({ id: x, seq: (f?.seq ?? 0) + 1 }))} /> : null}
        </section>
      </div>
      <section className="panel" aria-labelledby="net-scn-h">
        <h2 id="net-scn-h" className="panel-title">Disruption scenarios</h2>
        {analyses.data ? <ScenarioRunner networkId={n.id} canRun={canAnalyse} latest={analyses.data.latestScenario} /> : null}
      </section>
    </div>
  );
}
