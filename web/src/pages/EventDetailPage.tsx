// One disruption event (issue #15): what, where, when, and its impact on the nation's networks —
// per program and end item: survives or not, days until output stops, lost output, and the parts
// and suppliers that cause it — with a map of the struck sites (offline world atlas).
import { CONFIDENCE_LABELS, EVENT_KIND_LABELS, type EventDetail, type ShownPlace as EventPlace, type NetworkImpact } from '../api/events.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { EventMap, sitesOf } from '../components/events/EventMap.js';
import { AssumptionText, SurveyPanel } from '../components/events/SurveyPanel.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDateTime } from '../format.js';
import { href } from '../router.js';
import { eventsApi } from '../api/events.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { hasRole, useSession } from '../session.js';
import { EventRequestsPanel } from '../components/events/EventRequestsPanel.js';
import { EventClosePanel } from '../components/events/EventClosePanel.js';
import { EventNetworkDrawing } from '../components/events/EventNetworkDrawing.js';
import { EventReportPanel } from '../components/events/EventReportPanel.js';

/** How often the page asks again while the impact is computed in the background. */
const POLL_MS = 1500;

const num = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const money = (x: number, currency: string) => x.toLocaleString('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });

function placeText(p: EventPlace): string {
  switch (p.kind) {
    case 'site':
      return `Site ${p.nodeId}`;
    case 'company':
      return `Company ${p.name}`;
    case 'country':
      return `Country ${p.code}`;
    case 'circle':
      return `Within ${num(p.radiusKm)} km of ${num(p.latitude, 3)}, ${num(p.longitude, 3)}`;
    case 'polygon':
      return `Polygon of ${(p.coordinates[0]?.length ?? 1) - 1} points`;
    case 'seaLane':
      return `Sea lane ${p.name} closed`;
  }
}

function Verdict({ survives, days }: { survives: boolean | null; days: number | null }) {
  if (survives === null) return <span className="badge">no answer</span>;
  return survives ? <span className="badge badge-ok">survives</span> : <span className="badge badge-danger">output stops{days !== null ? ` after ${num(days)} days` : ''}</span>;
}

function NetworkImpactPanel({ n }: { n: NetworkImpact }) {
  const hit = n.programs;
  return (
    <section className="panel" aria-label={`Impact on ${n.networkName}`} data-testid="event-network-impact">
      <div className="panel-head">
        <h2 className="panel-title">
          <a href={href(`/networks/${n.networkId}`)}>{n.networkName}</a>
        </h2>
        <span className="muted small">
          {n.durationDays} days analysed ({n.durationFrom === 'expectedRecovery' ? 'start to expected recovery' : n.durationFrom === 'answer' ? "to the latest recovery a company answered" : "the struck sites' own time-to-recover"}) ·{' '}
          {n.survives === null ? `solver: ${n.status}` : n.survives ? 'the network rides it out' : `first shortfall after ${num(n.tts ?? 0)} days`}
          {n.lostValue > 0 ? ` · lost output ${money(n.lostValue, n.currency)}` : ''}
        </span>
      </div>
      {n.message ? <p className="muted">{n.message}</p> : null}
      {hit.length === 0 ? (
        // Nothing lost (e.g. every struck company answered "not affected"): a sentence, not an empty table.
        <p className="pad" data-testid="event-no-program-lost">No program loses output under this event.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="event-programs">
            <caption className="sr-only">Programs hit in {n.networkName}</caption>
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Verdict</th>
                <th scope="col" className="num">Days until output stops</th>
                <th scope="col" className="num">Lost output (units)</th>
                <th scope="col" className="num">Lost value</th>
                <th scope="col">Caused by parts</th>
                <th scope="col">Suppliers</th>
              </tr>
            </thead>
            <tbody>
              {hit.map((p) => (
                <tr key={p.program} data-testid="event-program-row" data-survives={String(p.survives)}>
                  <th scope="row">{p.program}</th>
                  <td><Verdict survives={p.survives} days={p.daysUntilOutputStops} /></td>
                  <td className="num">{p.daysUntilOutputStops === null ? <span className="muted">—</span> : num(p.daysUntilOutputStops)}</td>
                  <td className="num">{num(p.lostUnits, 2)}</td>
                  <td className="num">{money(p.lostValue, n.currency)}</td>
                  <td>{p.parts.join(', ')}</td>
                  <td>{p.suppliers.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="form-section">
        <summary>End items ({n.endItems.length}) and struck nodes ({n.struckNodes.length}{n.closedLanes.length ? `, ${n.closedEdgeCount} shipments on ${n.closedLanes.join(', ')}` : ''})</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">End items</caption>
            <thead>
              <tr>
                <th scope="col">End item</th>
                <th scope="col">Verdict</th>
                <th scope="col" className="num">Lost units</th>
                <th scope="col">Causes</th>
              </tr>
            </thead>
            <tbody>
              {n.endItems.map((k) => (
                <tr key={k.nodeId}>
                  <th scope="row">{k.nodeId} <span className="muted small">{k.part}</span></th>
                  <td><Verdict survives={k.survives} days={k.daysUntilOutputStops} /></td>
                  <td className="num">{num(k.lostUnits, 2)}</td>
                  <td>{k.causes.map((c) => `${c.part} (${c.owner ?? c.nodeId}${c.reason === 'seaLane' ? `, via ${c.lane}` : ''})`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul className="small">
          {n.struckNodes.map((s) => (
            <li key={s.nodeId}>
              {s.nodeId} — {s.part}, {s.owner ?? 'owner unknown'}, {s.country ?? 'country unknown'} <span className="muted">(struck by {s.reasons.join(', ')})</span>: <AssumptionText a={s.assumption} />
            </li>
          ))}
        </ul>
        {n.nodesWithoutCoordinates > 0 ? <p className="muted small">{n.nodesWithoutCoordinates} node(s) of this network have no coordinates: a region cannot test them.</p> : null}
        <p className="muted small">
          Days until output stops: for the network, the §4 time-to-survive (the first end item to fall short); per end item, the days of its demand the loss-minimising plan still covers. Defaults where the network leaves a figure out: no capacity = unlimited, no TTR = 30 days.
        </p>
      </details>
      <details className="form-section">
        <summary>Network drawing, struck nodes marked</summary>
        <EventNetworkDrawing networkId={n.networkId} struckIds={n.struckNodes.map((s) => s.nodeId)} />
      </details>
    </section>
  );
}

export function EventDetailPage({ id }: { id: string }) {
  const { user } = useSession();
  // Asked again while the impact is computed; a save on the page reloads it through keys.events.
  const load = useApiQuery(keys.events.detail(id), () => eventsApi.get(id), { pollEvery: (d) => (d?.impact.status === 'computing' ? POLL_MS : false) });
  const e = load.data;
  const computing = e?.impact.status === 'computing';
  if (load.error) return <ErrorBanner error={load.error} onRetry={load.reload} />;
  if (!e) return <Spinner label="Loading the event…" />;
  const networks = e.impact.networks;
  const programsHit = networks.reduce((s, n) => s + n.programs.filter((p) => p.survives === false).length, 0);
  return (
    <div className="page event-page">
      <PageHeader
        title={e.title}
        subtitle={
          <>
            {EVENT_KIND_LABELS[e.kind]} · {CONFIDENCE_LABELS[e.confidence].toLowerCase()} · started {formatDateTime(e.startedAt)} · {e.expectedRecoveryAt ? `recovery expected ${formatDateTime(e.expectedRecoveryAt)}` : "recovery: each struck site's own time-to-recover"} · <a href={href('/events')}>all events</a>
          </>
        }
      />
      <section className="panel" aria-labelledby="event-summary-h">
        <h2 id="event-summary-h" className="panel-title">
          {computing ? 'Analysing…' : networks.length === 0 ? 'No network of yours is struck' : `${programsHit} program${programsHit === 1 ? ' loses' : 's lose'} output · ${networks.length} of ${e.impact.networksChecked} networks struck`}
        </h2>
        <div className="grid-2">
          <div>
            <ul className="small" data-testid="event-places">
              {e.where.map((p, i) => (
                <li key={i}>{placeText(p)}</li>
              ))}
            </ul>
            {e.description ? <p>{e.description}</p> : null}
            {e.sources.length > 0 ? (
              <p className="small">
                Sources:{' '}
                {e.sources.map((s, i) => (
                  <span key={i}>
                    {i > 0 ? '; ' : ''}
                    {s.url ? <a href={s.url} rel="noreferrer noopener" target="_blank">{s.label}</a> : s.label}
                  </span>
                ))}
              </p>
            ) : null}
            <p className="muted small">Recorded by {e.recordedBy} {formatDateTime(e.recordedAt)}{e.origin !== 'manual' ? ` from ${e.origin === 'cap' ? 'a CAP alert' : 'a GeoJSON file'}${e.externalId ? ` (${e.externalId})` : ''}` : ''}.{e.impact.computedAt ? ` Impact computed ${formatDateTime(e.impact.computedAt)} on the networks as they are now.` : ''}</p>
          </div>
          <EventMap where={e.where} sites={sitesOf(networks)} />
        </div>
      </section>
      <EventClosePanel event={e} canClose={hasRole(user, 'analyst') || hasRole(user, 'sosa_officer')} />
      {e.status === 'closed' ? <EventReportPanel eventId={id} /> : null}
      {computing ? <Spinner label="Analysing the event on your networks…" /> : null}
      {e.impact.status === 'failed' ? <p className="panel">The analysis failed: {e.impact.error}</p> : null}
      {e.impact.status === 'ready' ? <EventRequestsPanel event={e} canDraft={hasRole(user, 'sosa_officer')} /> : null}
      {e.impact.status === 'ready' && networks.length === 0 ? <EmptyState title="Nothing of your networks is in this event's path">Sites need coordinates to be matched to a region; sites, companies, countries and sea lanes match by name.</EmptyState> : null}
      {networks.map((n) => (
        <NetworkImpactPanel key={n.networkId} n={n} />
      ))}
      {networks.length > 0 ? <SurveyPanel eventId={id} assumptions={new Map(networks.flatMap((n) => n.struckNodes.map((s) => [`${n.networkId}/${s.nodeId}`, s.assumption] as const)))} /> : null}
    </div>
  );
}
