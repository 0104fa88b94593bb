// The dashboard leads with open disruption events (issue #15, "Posture": "the dashboard leads
// with open events"): each of the nation's open events with what it stops — how many programs lose
// output and the first day output stops, once the impact is computed — and the posture of each
// arrangement. Read from GET /events and GET /postures, as the Events and Posture pages do.
import { EVENT_KIND_LABELS, eventsApi, type EventImpactSummary } from '../api/events.js';
import { POSTURE_READER_ROLES, posturesApi } from '../api/postures.js';
import { formatDate, formatDateTime, plural } from '../format.js';
import { href } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { ErrorBanner } from './ErrorBanner.js';
import { PostureBadge } from './PostureBadge.js';
import { Spinner } from './Spinner.js';

/** Who reads events (src/services/events/event-access.ts EVENT_READERS). */
export const EVENT_READER_ROLES = ['analyst', 'sosa_officer', 'auditor'] as const;

/** How often the list asks again while an impact is being computed (as the event page does). */
const POLL_MS = 2000;

const days = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });

function ImpactLine({ impact }: { impact: EventImpactSummary | null }) {
  if (!impact || impact.status === 'computing') {
    return (
      <span className="dash-event-impact muted" data-testid="dash-event-computing" role="status">
        <span className="spinner spinner-small" aria-hidden="true" /> computing the impact…
      </span>
    );
  }
  if (impact.status === 'failed') return <span className="dash-event-impact dash-alert">the analysis failed</span>;
  if (impact.programsStopping === 0) return <span className="dash-event-impact" data-testid="dash-event-impact">no program loses output</span>;
  return (
    <span className="dash-event-impact dash-alert" data-testid="dash-event-impact">
      <span className="strong">{plural(impact.programsStopping, 'program')}</span> {impact.programsStopping === 1 ? 'stops' : 'stop'}
      {impact.firstStopOn !== null && impact.firstStopDays !== null ? (
        <>
          {' '}· output first stops <span className="strong">{formatDate(impact.firstStopOn)}</span> (after {days(impact.firstStopDays)} days)
        </>
      ) : null}
    </span>
  );
}

/** Up to this many arrangements are named one by one; past it, those in peacetime are counted. */
const NAMED_ARRANGEMENTS = 3;

function Postures() {
  const { data, error } = useApiQuery(keys.postures.list(), () => posturesApi.list());
  if (error) return <ErrorBanner error={error} />;
  if (!data) return null;
  // The US is party to some twenty arrangements: name those out of peacetime, count the rest.
  const many = data.items.length > NAMED_ARRANGEMENTS;
  const named = many ? data.items.filter((a) => a.posture !== 'peacetime') : data.items;
  const calm = data.items.length - named.length;
  return (
    <p className="dash-postures small" data-testid="dash-postures">
      <span className="strong">Posture</span>
      {named.map((a) => (
        <span key={a.arrangementId} className="dash-posture" data-testid="dash-posture" data-arrangement={a.arrangementId}>
          <a href={href('/posture')}>{a.name}</a> <PostureBadge posture={a.posture} />
          {a.history[0] ? <span className="muted"> since {formatDateTime(a.history[0].setAt)}</span> : null}
        </span>
      ))}
      {calm > 0 ? (
        <a href={href('/posture')} data-testid="dash-postures-calm">
          {named.length > 0 ? `the other ${plural(calm, 'arrangement')}` : `all ${plural(calm, 'arrangement')}`}: peacetime
        </a>
      ) : null}
    </p>
  );
}

export function DashboardOpenEvents() {
  const { user } = useSession();
  const canRead = EVENT_READER_ROLES.some((r) => hasRole(user, r));
  // Asked again while an event's impact is still being computed.
  const load = useApiQuery(keys.events.list({ status: 'open' }), () => eventsApi.list('open'), {
    enabled: canRead,
    pollEvery: (d) => (d?.items.some((e) => !e.impact || e.impact.status === 'computing') ? POLL_MS : false),
  });
  if (!canRead) return null;
  const events = load.data?.items ?? [];
  return (
    <section className="panel dash-events" aria-labelledby="dash-events-h" data-testid="dash-open-events">
      <div className="panel-head">
        <h2 id="dash-events-h" className="panel-title">Open disruption events</h2>
        <a className="small" href={href('/events')}>All events</a>
      </div>
      {POSTURE_READER_ROLES.some((r) => hasRole(user, r)) ? <Postures /> : null}
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {!load.data && load.loading ? <Spinner label="Loading the open events…" /> : null}
      {load.data && events.length === 0 ? <p className="pad muted" data-testid="dash-no-events">No disruption event is open.</p> : null}
      {events.length > 0 ? (
        <ul className="dash-events-list">
          {events.map((e) => (
            <li key={e.id} data-testid="dash-event">
              <a href={href(`/events/${e.id}`)} className="strong">{e.title}</a>
              <span className="chip">{EVENT_KIND_LABELS[e.kind]}</span>
              <span className="small muted">started {formatDateTime(e.startedAt)}</span>
              <ImpactLine impact={e.impact} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
