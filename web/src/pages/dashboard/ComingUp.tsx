import type { Dashboard } from '../../api/dashboard.js';
import { formatDate, humanise } from '../../format.js';

/** Next program milestones and liaison postings ending soon; nothing when there are none. */
export function ComingUp({ d }: { d: Dashboard }) {
  const milestones = d.programs?.nextMilestones ?? [];
  const ending = d.liaison?.endingSoon ?? [];
  if (milestones.length === 0 && ending.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="dash-next-h">
      <div className="panel-head"><h2 id="dash-next-h" className="panel-title">Coming up</h2></div>
      <div className="dash-next">
        {milestones.length ? (
          <div>
            <h3 className="small strong">Next program milestones</h3>
            <ul className="dash-list">
              {milestones.map((m) => (
                <li key={m.programId}>
                  <a href={`#/programs/${encodeURIComponent(m.programId)}`}>{m.program}</a>: {m.title} <span className="small muted">— {formatDate(m.dueOn)}, {humanise(m.status).toLowerCase()}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {ending.length ? (
          <div>
            <h3 className="small strong">Liaison postings ending soon</h3>
            <ul className="dash-list">
              {ending.map((p) => (
                <li key={p.id}>
                  <a href="#/liaison-officers">{p.officer}</a>, {p.hostCommand} <span className="small muted">— ends {formatDate(p.endDate)}{p.daysToEnd !== null ? ` (${p.daysToEnd} days)` : ''}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
