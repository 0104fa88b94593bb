// One co-production program: milestones, risks, the requests made under it and its facts.
import { partnershipApi } from '../../api/registers.js';
import { StateBadge } from '../../components/Badges.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Spinner } from '../../components/Spinner.js';
import { formatDate, humanise } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href } from '../../router.js';
import { hasRole, useSession } from '../../session.js';
import { useState } from 'react';
import { ProgramBadge } from './ProgramBadge.js';
import { ProgramDialog } from './ProgramDialog.js';
import { ProgramMilestones, ProgramRisks } from './ProgramPlan.js';

export function ProgramDetail({ id }: { id: string }) {
  const { user } = useSession();
  const load = useApiQuery(keys.programs.detail(id), () => partnershipApi.getProgram(id));
  const [editing, setEditing] = useState(false);
  const p = load.data;
  return (
    <div className="page">
      <a className="back-link" href={href('/programs')}>← Co-production programs</a>
      <PageHeader
        title={p ? p.name : 'Program'}
        subtitle={p ? <><span className="mono">{p.id}</span> · led by {p.leadNation}{p.partnerNations.length ? ` with ${p.partnerNations.join(', ')}` : ''} · <ProgramBadge status={p.status} /></> : undefined}
        actions={p && hasRole(user, 'sosa_officer') ? <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing(true)}>Edit</button> : null}
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !p ? <Spinner /> : null}
      {p ? (
        <div className="detail-grid">
          <div className="detail-main">
            {p.description ? <section className="panel"><p className="pad">{p.description}</p></section> : null}
            <ProgramMilestones milestones={p.milestones} />
            <ProgramRisks risks={p.risks} />
            <section className="panel" aria-labelledby="req-h">
              <h2 id="req-h" className="panel-title">Priority requests under this program</h2>
              {(p.requests ?? []).length === 0 ? <p className="pad muted">No requests your nation is party to cite this program.</p> : (
                <ul className="line-list" data-testid="program-requests">
                  {p.requests!.map((r) => (
                    <li key={r.id}>
                      <a className="strong" href={href(`/requests/${r.id}`)}>{r.reference}</a> {r.title}
                      <span className="muted small">{r.fromNation} → {r.toNation} · required by {formatDate(r.requiredBy)}</span>
                      <StateBadge state={r.state} label={humanise(r.state)} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <aside className="detail-side">
            <section className="panel">
              <h2 className="panel-title">Facts</h2>
              <dl className="facts">
                <dt>Started</dt><dd>{formatDate(p.startDate)}</dd>
                <dt>DPAS program symbol</dt><dd>{p.dpasProgramSymbol ?? '—'}</dd>
                <dt>Supply network</dt><dd className="mono small">{p.networkId ?? '—'}</dd>
                <dt>Working group</dt><dd className="mono small">{p.workingGroupId ?? '—'}</dd>
              </dl>
            </section>
          </aside>
        </div>
      ) : null}
      {p && editing ? <ProgramDialog existing={p} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
    </div>
  );
}
