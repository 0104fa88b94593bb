import type { Deadline } from '../api/types.js';
import { useWorkWeeks } from '../calendars.js';
import { deadlineSentence, dueWhen, type DeadlineContext } from '../deadline-words.js';
import { countdown, formatDateTime, type WorkWeek } from '../format.js';

interface Words extends DeadlineContext {
  /** The label of the step that stopped a deadline ("Accept rated order"). */
  stepLabel(action: string): string;
}

function DeadlineItem({ d, week, words }: { d: Deadline; week?: WorkWeek | undefined; words: Words }) {
  const tz = typeof d.basis.timeZone === 'string' ? d.basis.timeZone : undefined;
  const running = !d.stoppedAt;
  const cd = running ? countdown(d.dueAt, tz, Boolean(d.overdueAt), undefined, week) : null;
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
      {running && d.provisional ? (
        <div className="deadline-provisional" data-testid="deadline-provisional">
          Provisional: {d.provisional.reason}. The date is recounted when the list is loaded.
        </div>
      ) : null}
      {running ? (
        <p className="deadline-sentence">
          <time dateTime={d.dueAt}>{deadlineSentence(d, words)}</time>
        </p>
      ) : (
        <div className="small muted">
          Was due {dueWhen(d.dueAt, tz)}; stopped {formatDateTime(d.stoppedAt, tz)}
          {d.stoppedBy ? ` by “${words.stepLabel(d.stoppedBy)}”` : ''}.
        </div>
      )}
      {d.escalated ? <div className="deadline-flag">Escalated</div> : null}
    </li>
  );
}

export function DeadlinesPanel({ deadlines, words }: { deadlines: Deadline[]; words: Words }) {
  const running = deadlines.filter((d) => !d.stoppedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const past = deadlines.filter((d) => d.stoppedAt).sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''));
  const thisYear = new Date().getUTCFullYear();
  const years = running.map((d) => new Date(d.dueAt).getUTCFullYear()).filter((y) => y >= thisYear && y <= thisYear + 2);
  const weeks = useWorkWeeks(running.map((d) => d.nation), [thisYear, ...years]);
  return (
    <section className="panel" aria-labelledby="deadlines-h" data-testid="deadlines-panel">
      <h2 id="deadlines-h" className="panel-title">Deadlines</h2>
      {running.length === 0 ? <p className="muted small pad">No deadline is running.</p> : null}
      {running.length ? <ul className="deadline-list">{running.map((d) => <DeadlineItem key={d.id} d={d} week={weeks[d.nation]} words={words} />)}</ul> : null}
      {past.length ? (
        <details className="past-deadlines">
          <summary>Earlier deadlines ({past.length})</summary>
          <ul className="deadline-list">{past.map((d) => <DeadlineItem key={d.id} d={d} words={words} />)}</ul>
        </details>
      ) : null}
    </section>
  );
}
