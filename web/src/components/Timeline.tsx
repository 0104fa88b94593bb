import type { HistoryEvent } from '../api/types.js';
import { formatDateTime, formatValue, humanise } from '../format.js';
import { InternalTag } from './Badges.js';

export function Timeline({ history, companyName }: { history: HistoryEvent[]; companyName(id: string): string | undefined }) {
  const show = (name: string, v: unknown): string => {
    if ((name === 'supplier' || name === 'company') && typeof v === 'string') return companyName(v) ?? v;
    if (name === 'companies' && Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? companyName(x) ?? x : formatValue(x))).join(', ');
    return formatValue(v);
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
              {entries.length ? (
                <dl className="event-fields">
                  {entries.map(([k, v]) => (
                    <div key={k}>
                      <dt>{humanise(k)}</dt>
                      <dd>{show(k, v)}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
