// A program's plan as its detail page shows it: milestones by due date, risks by score.
import type { Milestone, Risk } from '../../api/registers.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { formatDate, humanise } from '../../format.js';

const MILESTONE_TONE: Record<string, string> = { planned: 'new', on_track: 'active', at_risk: 'warn', done: 'done', missed: 'muted' };

export function ProgramMilestones({ milestones }: { milestones: Milestone[] }) {
  return (
    <section className="panel" aria-labelledby="ms-h">
      <h2 id="ms-h" className="panel-title">Milestones</h2>
      {milestones.length === 0 ? <p className="pad muted">No milestones yet.</p> : (
        <ol className="timeline" data-testid="milestones">
          {[...milestones].sort((a, b) => a.dueOn.localeCompare(b.dueOn)).map((m) => (
            <li key={m.id} className="event">
              <div className="event-head"><strong>{m.title}</strong> <span className={`badge tone-${MILESTONE_TONE[m.status]}`}>{humanise(m.status)}</span></div>
              <div className="event-meta muted small">due {formatDate(m.dueOn)}{m.completedOn ? ` · done ${formatDate(m.completedOn)}` : ''}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Scores of 15 and more are high, of 8 and more medium (likelihood × impact, each 1–5). */
const scoreClass = (score: number) => (score >= 15 ? 'risk-score risk-high' : score >= 8 ? 'risk-score risk-medium' : 'risk-score');

const RISK_COLUMNS: Array<Column<Risk>> = [
  { head: 'Risk', cell: (k) => <>{k.title}{k.mitigation ? <div className="muted small">{k.mitigation}</div> : null}</> },
  { head: 'Likelihood', className: 'right', cell: (k) => k.likelihood },
  { head: 'Impact', className: 'right', cell: (k) => k.impact },
  { head: 'Score', className: 'right', cell: (k) => <span className={scoreClass(k.score ?? 0)}>{k.score}</span> },
  { head: 'Owner', cell: (k) => k.owner },
  { head: 'Status', cell: (k) => humanise(k.status) },
];

export function ProgramRisks({ risks }: { risks: Risk[] }) {
  return (
    <section className="panel" aria-labelledby="risk-h">
      <h2 id="risk-h" className="panel-title">Risks</h2>
      {risks.length === 0 ? <p className="pad muted">No risks recorded.</p> : (
        <div className="table-wrap">
          <DataTable rows={[...risks].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))} columns={RISK_COLUMNS} rowKey={(k) => k.id!} testId="risks" />
        </div>
      )}
    </section>
  );
}
