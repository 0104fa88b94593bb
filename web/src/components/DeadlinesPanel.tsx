import type { Deadline } from '../api/types.js';
import { useWorkWeeks } from '../calendars.js';
import { countdown, formatDateTime, humanise, type WorkWeek } from '../format.js';

function period(d: Deadline): string | null {
  if (d.workingDays === 0) return 'same working day';
  if (d.workingDays !== null && d.workingDays !== undefined) return `${d.workingDays} working day${d.workingDays === 1 ? '' : 's'}`;
  if (d.hours !== null && d.hours !== undefined) return `${d.hours} hour${d.hours === 1 ? '' : 's'}`;
  return null;
}

/** The rule's citation, unless the rule already states it ("15 CFR 700.13(d): …"). */
function citation(d: Deadline): string | null {
  const c = typeof d.basis.citation === 'string' ? d.basis.citation : '';
  const r = typeof d.basis.rule === 'string' ? d.basis.rule : '';
  if (!c || c === r) return null;
  const head = (s: string) => s.split(':')[0]?.trim();
  return head(c) === head(r) ? null : c;
}

function DeadlineItem({ d, week }: { d: Deadline; week?: WorkWeek | undefined }) {
  const tz = typeof d.basis.timeZone === 'string' ? d.basis.timeZone : undefined;
  const running = !d.stoppedAt;
  const cd = running ? countdown(d.dueAt, tz, Boolean(d.overdueAt), undefined, week) : null;
  const span = period(d);
  return (
    <li className={`deadline${running ? ' running' : ' stopped'}${d.overdueAt ? ' is-overdue' : ''}`} data-testid={`deadline-${d.kind}`}>
      <div className="deadline-top">
        <span className="deadline-name">{d.label}</span>
        {cd ? (
          <span className={cd.overdue ? 'countdown overdue' : 'countdown'}>{cd.text}</span>
        ) : (
          <span className="countdown done">{d.overdueAt ? 'closed late' : 'met'}</span>
        )}
      </div>
      <div className="deadline-meta">
        <span>
          Due <time dateTime={d.dueAt}>{formatDateTime(d.dueAt, tz)}</time>
        </span>
        {span ? <span className="deadline-span">{span}</span> : null}
        <span className="muted">{d.nation} calendar</span>
      </div>
      {d.escalated ? <div className="deadline-flag">Escalated</div> : null}
      {running && d.provisional ? (
        <div className="deadline-provisional" data-testid="deadline-provisional">
          Provisional: {d.provisional.reason}. The date is recounted when the list is loaded.
        </div>
      ) : null}
      {!running ? (
        <div className="small muted">
          Stopped {formatDateTime(d.stoppedAt, tz)}
          {d.stoppedBy ? ` by ${humanise(d.stoppedBy).toLowerCase()}` : ''}
        </div>
      ) : null}
      {d.basis.rule || d.basis.policy || d.basis.citation ? (
        <div className="small-print">
          {d.basis.rule ? <div>{String(d.basis.rule)}</div> : null}
          {citation(d) ? <div>{citation(d)}</div> : null}
          {d.basis.policy ? <div>{String(d.basis.policy)}</div> : null}
        </div>
      ) : null}
    </li>
  );
}

export function DeadlinesPanel({ deadlines }: { deadlines: Deadline[] }) {
  const running = deadlines.filter((d) => !d.stoppedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const past = deadlines.filter((d) => d.stoppedAt).sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''));
  const thisYear = new Date().getUTCFullYear();
  const years = running.map((d) => new Date(d.dueAt).getUTCFullYear()).filter((y) => y >= thisYear && y <= thisYear + 2);
  const weeks = useWorkWeeks(running.map((d) => d.nation), [thisYear, ...years]);
  return (
    <section className="panel" aria-labelledby="deadlines-h" data-testid="deadlines-panel">
      <h2 id="deadlines-h" className="panel-title">Deadlines</h2>
      {running.length === 0 ? <p className="muted small pad">No deadline is running.</p> : null}
      {running.length ? <ul className="deadline-list">{running.map((d) => <DeadlineItem key={d.id} d={d} week={weeks[d.nation]} />)}</ul> : null}
      {past.length ? (
        <details className="past-deadlines">
          <summary>Earlier deadlines ({past.length})</summary>
          <ul className="deadline-list">{past.map((d) => <DeadlineItem key={d.id} d={d} />)}</ul>
        </details>
      ) : null}
    </section>
  );
}
