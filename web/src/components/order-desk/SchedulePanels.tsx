// The preferential schedule (15 CFR 700.14): projected completion, a timeline per line, equal-priority conflicts.
import { useMemo } from 'react';
import { api } from '../../api/client.js';
import type { BookOrder } from '../../api/types.js';
import { EmptyState } from '../EmptyState.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { OrderTimeline } from '../OrderTimeline.js';
import { Spinner } from '../Spinner.js';
import { datesInWords, formatDate } from '../../format.js';
import { useLoad } from '../../use-load.js';


export function SchedulePanels({ nonce }: { nonce: number }) {
  const schedule = useLoad(() => api.mySchedule(), [nonce]);
  const byLine = useMemo(() => {
    const m = new Map<string, BookOrder[]>();
    for (const o of schedule.data?.orders ?? []) m.set(o.resource.name, [...(m.get(o.resource.name) ?? []), o]);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [schedule.data]);
  const conflicts = schedule.data?.conflicts ?? [];

  return (
    <>
      <section className="panel" aria-labelledby="timeline-h" data-testid="timeline-panel">
        <div className="panel-head">
          <h2 id="timeline-h" className="panel-title">Timeline per line</h2>
          {schedule.data ? (
            <span className="small muted">
              Planned from {formatDate(schedule.data.today)} (today) on the {schedule.data.calendar.nation} working calendar ({schedule.data.calendar.timeZone}); each bar runs from the first day the line works on the order to its completion
            </span>
          ) : null}
        </div>
        <ErrorBanner error={schedule.error} onRetry={schedule.reload} />
        {schedule.loading && !schedule.data ? <Spinner label="Computing the schedule…" /> : null}
        {schedule.data && byLine.length === 0 ? <EmptyState title="Nothing scheduled">The timeline appears once orders are planned on a line.</EmptyState> : null}
        {schedule.data && schedule.data.unscheduled.length > 0 ? (
          <div className="unscheduled" data-testid="unscheduled">
            <p className="small strong">
              {schedule.data.unscheduled.length} open order{schedule.data.unscheduled.length === 1 ? ' is' : 's are'} not on the plan:
            </p>
            <ul className="small">
              {schedule.data.unscheduled.map((u) => (
                <li key={u.id}>
                  <span className="mono">{u.orderNumber}</span> ({u.rating ?? 'unrated'}, required {formatDate(u.requiredDeliveryDate)}): {datesInWords(u.message)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {schedule.data && byLine.length > 0 ? (
          <div className="timelines">
            <p className="timeline-legend small muted" aria-hidden="true">
              <span className="legend-swatch legend-ontime" /> on time
              <span className="legend-swatch legend-late" /> late
              <span className="legend-tick" /> required date
              <span className="legend-today" /> today
            </p>
            {byLine.map(([line, orders]) => (
              <OrderTimeline key={line} resource={line} orders={orders} today={schedule.data!.today} />
            ))}
          </div>
        ) : null}
      </section>
      {schedule.data && conflicts.length > 0 ? (
        <section className="panel" aria-labelledby="conflicts-h" data-testid="conflicts-panel">
          <h2 id="conflicts-h" className="panel-title">Conflicts between equally rated orders</h2>
          <ul className="conflict-list">
            {conflicts.map((c, i) => (
              <li key={i} className="conflict">
                <div>
                  <span className={`badge rating-badge rating-${c.priority}`}>{c.priority}</span> on <span className="strong">{c.resource}</span>: {c.delayed.join(', ')} cannot all be met
                  {c.precedence.length ? <span className="muted"> (order of precedence: {c.precedence.join(' → ')})</span> : null}
                </div>
                <p className="conflict-suggestion">{datesInWords(c.suggestion)}</p>
                {c.rules.length ? <div className="small muted">{c.rules.join(' · ')}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
