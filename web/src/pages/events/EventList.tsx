import { useState } from 'react';
import { CONFIDENCE_LABELS, EVENT_KIND_LABELS, eventsApi } from '../../api/events.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Spinner } from '../../components/Spinner.js';
import { formatDate } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href } from '../../router.js';

/** The nation's events, the open ones until the user picks another status; `writer`: the user may record one (the empty list says so). */
export function EventList({ writer }: { writer: boolean }) {
  const [status, setStatus] = useState<'open' | 'closed' | ''>('open');
  const events = useApiQuery(keys.events.list({ status }), () => eventsApi.list(status || undefined));
  const items = events.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="event-list-h" data-testid="event-list">
      <div className="panel-head">
        <h2 id="event-list-h" className="panel-title">Events</h2>
        <div className="inline-filters">
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
            <option value="">All</option>
          </select>
        </div>
      </div>
      <ErrorBanner error={events.error} onRetry={events.reload} />
      {events.loading && !events.data ? <Spinner label="Loading events…" /> : null}
      {events.data && items.length === 0 ? <EmptyState title="No events">{writer ? 'Record one below, or import an alert.' : 'Analysts and SOSA officers of your nation record them.'}</EmptyState> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Disruption events</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Kind</th>
                <th scope="col">Started</th>
                <th scope="col">Expected recovery</th>
                <th scope="col">Confidence</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="event-row">
                  <td><a href={href(`/events/${e.id}`)} className="strong">{e.title}</a>{e.origin !== 'manual' ? <span className="muted small"> · {e.origin === 'cap' ? 'CAP alert' : 'GeoJSON'}</span> : null}</td>
                  <td>{EVENT_KIND_LABELS[e.kind]}</td>
                  <td className="nowrap">{formatDate(e.startedAt)}</td>
                  <td className="nowrap">{e.expectedRecoveryAt ? formatDate(e.expectedRecoveryAt) : <span className="muted">sites' own TTR</span>}</td>
                  <td>{CONFIDENCE_LABELS[e.confidence]}</td>
                  <td className="nowrap">{formatDate(e.recordedAt)} <span className="muted small">by {e.recordedBy}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
