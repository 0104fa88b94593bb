import type { ReactNode } from 'react';
import type { HistoryEvent } from '../api/types.js';
import { formatDateTime, formatValue, humanise } from '../format.js';
import { describeItemsChange, isItemsChange, type StepWords } from '../step-words.js';
import { InternalTag } from './Badges.js';
import { StepFieldList } from './StepFieldList.js';

export function Timeline({ history, companyName, words }: { history: HistoryEvent[]; companyName(id: string): string | undefined; words?: StepWords }) {
  const show = (name: string, v: unknown, action: string): ReactNode => {
    if ((name === 'supplier' || name === 'company') && typeof v === 'string') return companyName(v) ?? v;
    if (name === 'companies' && Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? companyName(x) ?? x : formatValue(x))).join(', ');
    // Corrected line items of a resubmission: what changed, line by line.
    if (isItemsChange(v)) {
      const changes = describeItemsChange(v.before, v.after);
      return changes.length === 1 ? changes[0] : <ul className="item-changes">{changes.map((c) => <li key={c}>{c}</li>)}</ul>;
    }
    return words ? words.value(name, v, action) : formatValue(v);
  };
  return (
    <section className="panel" aria-labelledby="history-h">
      <h2 id="history-h" className="panel-title">History</h2>
      {history.length === 0 ? <p className="muted small pad">Nothing has happened yet.</p> : null}
      <ol className="timeline">
        {history.map((e) => {
          const entries = Object.entries(e.fields ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
          return (
            <li key={e.id} className={e.visibility === 'internal' ? 'event internal' : 'event'} data-testid="history-event">
              <span className="event-dot" aria-hidden="true" />
              <div className="event-head">
                <span className="event-what">{e.actionLabel}</span>
                {e.fromState && e.fromState !== e.toState && e.toStateLabel !== e.actionLabel ? <span className="muted"> → {e.toStateLabel}</span> : null}
                {e.visibility === 'internal' ? <InternalTag /> : null}
              </div>
              <div className="event-meta">
                {e.actor.displayName} <span className="nation-code">{e.actor.nation}</span> ·{' '}
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </div>
              <StepFieldList entries={entries} action={e.action} label={(k, action) => (words ? words.fieldLabel(k, action) : humanise(k))} value={show} className="event-fields" />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
