import { useState } from 'react';
import { CONFIDENCE_LABELS, EVENT_KIND_LABELS, eventsApi, type EventSummary } from '../../api/events.js';
import { DataTable } from '../../components/list/DataTable.js';
import { ListBody } from '../../components/list/ListBody.js';
import { formatDate } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href } from '../../router.js';

/** The nation's events, the open ones until the user picks another status; `writer`: the user may record one (the empty list says so). */
export function EventList({ writer }: { writer: boolean }) {
  const [status, setStatus] = useState<'open' | 'closed' | ''>('open');
  const events = useApiQuery(keys.events.list({ status }), () => eventsApi.list(status || undefined));
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
      <ListBody
        query={events}
        loadingLabel="Loading events…"
        empty={{ title: 'No events', body: writer ? 'Record one below, or import an alert.' : 'Analysts and SOSA officers of your nation record them.' }}
      >
        {(items) => (
          <DataTable<EventSummary>
            rows={items}
            rowKey={(e) => e.id}
            rowProps={() => ({ 'data-testid': 'event-row' })}
            caption="Disruption events"
            columns={[
              { head: 'Event', cell: (e) => <><a href={href(`/events/${e.id}`)} className="strong">{e.title}</a>{e.origin !== 'manual' ? <span className="muted small"> · {e.origin === 'cap' ? 'CAP alert' : 'GeoJSON'}</span> : null}</> },
              { head: 'Kind', cell: (e) => EVENT_KIND_LABELS[e.kind] },
              { head: 'Started', cellClass: 'nowrap', cell: (e) => formatDate(e.startedAt) },
              { head: 'Expected recovery', cellClass: 'nowrap', cell: (e) => (e.expectedRecoveryAt ? formatDate(e.expectedRecoveryAt) : <span className="muted">sites' own TTR</span>) },
              { head: 'Confidence', cell: (e) => CONFIDENCE_LABELS[e.confidence] },
              { head: 'Recorded', cellClass: 'nowrap', cell: (e) => <>{formatDate(e.recordedAt)} <span className="muted small">by {e.recordedBy}</span></> },
            ]}
          />
        )}
      </ListBody>
    </section>
  );
}
