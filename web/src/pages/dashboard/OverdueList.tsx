import type { DashboardOverdue } from '../../api/dashboard.js';
import { formatDate, formatDateTime } from '../../format.js';

const KIND_LABEL: Record<DashboardOverdue['kind'], string> = { deadline: 'Request deadline', action_item: 'Action item', settlement: 'Settlement' };

export function OverdueList({ items }: { items: DashboardOverdue[] }) {
  return (
    <section className="panel" aria-labelledby="dash-overdue-h" data-testid="overdue-panel">
      <div className="panel-head">
        <h2 id="dash-overdue-h" className="panel-title">Overdue</h2>
        <span className="small muted">deadlines, action items and settlements past due, oldest first</span>
      </div>
      {items.length === 0 ? (
        <p className="pad muted">Nothing is overdue.</p>
      ) : (
        <ul className="dash-overdue">
          {items.map((o) => (
            <li key={`${o.kind}-${o.link}-${o.reference}-${o.title}`} data-testid="overdue-item">
              <span className={`chip dash-kind-${o.kind}`}>{KIND_LABEL[o.kind]}</span>
              <a href={o.link} className="strong">{o.reference ? `${o.reference} — ` : ''}{o.title}</a>
              <span className="small muted">{o.detail}</span>
              <span className="small dash-alert">due {o.kind === 'settlement' ? formatDate(o.dueAt) : formatDateTime(o.dueAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
