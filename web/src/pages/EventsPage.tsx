// Disruption events of the user's nation (issue #15): the list, and for analysts and SOSA
// officers a form to record one (sites, companies, countries, a circle, a polygon, sea lanes) and
// an import of a CAP 1.2 alert or a GeoJSON file, with every failing field named.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { CONFIDENCE_LABELS, EVENT_KIND_LABELS, eventsApi, type EventConfidence, type EventKind, type EventPlace, type RecordEventBody } from '../api/events.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useApiQuery } from '../queries/use-api-query.js';
import '../components/events/events.css';

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** "where/3/latitude" → "Place 4, latitude"; "features/2/geometry" → "Feature 3, geometry"; CAP paths as they are. */
export function eventErrorLabel(field: string): string {
  const where = /^where\/(\d+)(?:\/(.+))?$/.exec(field);
  if (where) return `Place ${Number(where[1]) + 1}${where[2] ? `, ${where[2]}` : ''}`;
  const feat = /^features\/(\d+)(?:\/(.+))?$/.exec(field);
  if (feat) return `Feature ${Number(feat[1]) + 1}${feat[2] ? `, ${feat[2]}` : ''}`;
  return field || 'File';
}

function FieldErrors({ error, testId }: { error: ApiError | undefined; testId: string }) {
  if (!error) return null;
  if (error.errors.length === 0) return <ErrorBanner error={error} />;
  return (
    <div className="import-errors" role="alert" data-testid={testId}>
      <p className="strong">{error.detail ?? error.title}</p>
      <ul className="error-list">
        {error.errors.map((e, i) => (
          <li key={i}>
            <span className="strong">{eventErrorLabel(e.field)}:</span> {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** CAP-style "lat,lon lat,lon …" → a GeoJSON ring ([lon, lat]), closed; null when a pair is not two numbers. */
export function ringFromText(text: string): number[][] | null {
  const ring: number[][] = [];
  for (const pair of text.trim().split(/\s+/).filter(Boolean)) {
    const [lat, lon, extra] = pair.split(',').map(Number);
    if (extra !== undefined || lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon)) return null;
    ring.push([lon, lat]);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  return ring;
}

const BAD_POLYGON = new ApiError(0, { title: 'Polygon', detail: 'Write the polygon as latitude,longitude pairs separated by spaces, e.g. 18,82 18,84.5 19.8,84.5 19.8,82.' });
const NO_FILE = new ApiError(0, { title: 'No file chosen', detail: 'Choose a CAP alert (.xml) or a GeoJSON file first.' });

function RecordPanel({ onRecorded }: { onRecorded(id: string): void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<EventKind>('siteIncident');
  const [sites, setSites] = useState('');
  const [companies, setCompanies] = useState('');
  const [countries, setCountries] = useState('');
  const [lanes, setLanes] = useState('');
  const [circle, setCircle] = useState({ latitude: '', longitude: '', radiusKm: '' });
  const [polygon, setPolygon] = useState('');
  const [startedAt, setStartedAt] = useState('');
  const [recovery, setRecovery] = useState('');
  const [confidence, setConfidence] = useState<EventConfidence>('likely');
  const [source, setSource] = useState({ label: '', url: '' });
  const [description, setDescription] = useState('');
  // A polygon the form cannot read is said before anything is sent.
  const [badPolygon, setBadPolygon] = useState(false);
  const record = useApiMutation((body: RecordEventBody) => eventsApi.record(body), { invalidates: [keys.events.all], onSaved: (created) => onRecorded(created.id) });
  const error = badPolygon ? BAD_POLYGON : record.error;
  const busy = record.busy;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBadPolygon(false);
    const where: EventPlace[] = [
      ...list(sites).map((nodeId) => ({ kind: 'site' as const, nodeId })),
      ...list(companies).map((name) => ({ kind: 'company' as const, name })),
      ...list(countries).map((code) => ({ kind: 'country' as const, code: code.toUpperCase() })),
      ...list(lanes).map((name) => ({ kind: 'seaLane' as const, name })),
    ];
    if (circle.latitude || circle.longitude || circle.radiusKm) where.push({ kind: 'circle', latitude: Number(circle.latitude), longitude: Number(circle.longitude), radiusKm: Number(circle.radiusKm) });
    if (polygon.trim()) {
      const ring = ringFromText(polygon);
      if (!ring) {
        setBadPolygon(true);
        return;
      }
      where.push({ kind: 'polygon', coordinates: [ring as [number, number][]] });
    }
    const toIso = (local: string) => (local ? new Date(local).toISOString() : '');
    const body: RecordEventBody = {
      title,
      kind,
      description,
      where,
      startedAt: toIso(startedAt),
      ...(recovery ? { expectedRecoveryAt: toIso(recovery) } : {}),
      confidence,
      sources: source.label.trim() ? [{ label: source.label.trim(), ...(source.url.trim() ? { url: source.url.trim() } : {}) }] : [],
    };
    void record.run(body);
  };

  return (
    <section className="panel" aria-labelledby="event-record-h" data-testid="event-record">
      <h2 id="event-record-h" className="panel-title">Record an event</h2>
      <form className="form form-section" onSubmit={submit} noValidate aria-label="Record a disruption event">
        <FieldErrors error={error} testId="event-record-errors" />
        <div className="grid-2">
          <div className="field">
            <label htmlFor="ev-title" className="field-label">What happened</label>
            <input id="ev-title" autoComplete="off" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Fire at the Koraput combustor line" />
          </div>
          <div className="field">
            <label htmlFor="ev-kind" className="field-label">Kind</label>
            <select id="ev-kind" value={kind} onChange={(e) => setKind(e.target.value as EventKind)}>
              {Object.entries(EVENT_KIND_LABELS).map(([k, label]) => (
                <option key={k} value={k}>{label}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ev-started" className="field-label">Started</label>
            <input id="ev-started" type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="ev-recovery" className="field-label">Expected recovery (optional)</label>
            <input id="ev-recovery" type="datetime-local" value={recovery} onChange={(e) => setRecovery(e.target.value)} />
            <div className="field-help">Empty: each struck site's own time-to-recover from the network.</div>
          </div>
          <div className="field">
            <label htmlFor="ev-confidence" className="field-label">Confidence</label>
            <select id="ev-confidence" value={confidence} onChange={(e) => setConfidence(e.target.value as EventConfidence)}>
              {Object.entries(CONFIDENCE_LABELS).map(([k, label]) => (
                <option key={k} value={k}>{label}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ev-source" className="field-label">Source (optional)</label>
            <input id="ev-source" autoComplete="off" value={source.label} onChange={(e) => setSource({ ...source, label: e.target.value })} placeholder="Plant manager's call, news report…" />
            <input id="ev-source-url" aria-label="Source link (optional)" autoComplete="off" value={source.url} onChange={(e) => setSource({ ...source, url: e.target.value })} placeholder="https://…" />
          </div>
        </div>
        <fieldset className="form-section">
          <legend className="field-label">Where (one or more)</legend>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="ev-sites" className="field-label">Sites (node ids)</label>
              <input id="ev-sites" autoComplete="off" value={sites} onChange={(e) => setSites(e.target.value)} placeholder="HAL-Koraput combustor, Deccan FADEC" />
            </div>
            <div className="field">
              <label htmlFor="ev-companies" className="field-label">Companies</label>
              <input id="ev-companies" autoComplete="off" value={companies} onChange={(e) => setCompanies(e.target.value)} placeholder="MIDHANI" />
            </div>
            <div className="field">
              <label htmlFor="ev-countries" className="field-label">Countries</label>
              <input id="ev-countries" autoComplete="off" value={countries} onChange={(e) => setCountries(e.target.value)} placeholder="CN" />
            </div>
            <div className="field">
              <label htmlFor="ev-lanes" className="field-label">Sea lanes closed</label>
              <input id="ev-lanes" autoComplete="off" value={lanes} onChange={(e) => setLanes(e.target.value)} placeholder="Suez / Red Sea" />
            </div>
            <div className="field">
              <span className="field-label" id="ev-circle-label">Circle: centre and radius</span>
              <div className="inline-filters" role="group" aria-labelledby="ev-circle-label">
                <input aria-label="Circle centre latitude" inputMode="decimal" value={circle.latitude} onChange={(e) => setCircle({ ...circle, latitude: e.target.value })} placeholder="lat 18.9" size={8} />
                <input aria-label="Circle centre longitude" inputMode="decimal" value={circle.longitude} onChange={(e) => setCircle({ ...circle, longitude: e.target.value })} placeholder="lon 83.0" size={8} />
                <input aria-label="Circle radius in km" inputMode="decimal" value={circle.radiusKm} onChange={(e) => setCircle({ ...circle, radiusKm: e.target.value })} placeholder="km 50" size={6} />
              </div>
            </div>
            <div className="field">
              <label htmlFor="ev-polygon" className="field-label">Polygon</label>
              <textarea id="ev-polygon" rows={2} value={polygon} onChange={(e) => setPolygon(e.target.value)} placeholder="18,82 18,84.5 19.8,84.5 19.8,82" />
              <div className="field-help">latitude,longitude pairs separated by spaces (as in CAP); it may cross the 180° line.</div>
            </div>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="ev-description" className="field-label">Description (optional)</label>
          <textarea id="ev-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <div className="form-foot">
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>{busy ? 'Recording…' : 'Record and analyse'}</button>
        </div>
      </form>
    </section>
  );
}

function ImportPanel({ onImported }: { onImported(ids: string[]): void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [noFile, setNoFile] = useState(false);
  // The imported events join the list (reloaded through keys.events).
  const importer = useApiMutation((f: { name: string; text: string }) => eventsApi.importFile(/\.(xml|cap)$/i.test(f.name) || f.text.trimStart().startsWith('<') ? 'cap' : 'geojson', f.text), {
    invalidates: [keys.events.all],
    onSaved: (res) => onImported(res.items.map((i) => i.id)),
  });
  const error = noFile ? NO_FILE : importer.error;
  const busy = importer.busy;
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setNoFile(false);
    importer.reset();
    setFile(f ? { name: f.name, text: await f.text() } : null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNoFile(!file);
    if (file) void importer.run(file);
  };
  return (
    <section className="panel" aria-labelledby="event-import-h" data-testid="event-import">
      <h2 id="event-import-h" className="panel-title">Import an alert</h2>
      <form className="form form-section" onSubmit={submit} noValidate aria-label="Import events from a file">
        <FieldErrors error={error} testId="event-import-errors" />
        <div className="field">
          <label htmlFor="ev-file" className="field-label">File</label>
          <input id="ev-file" type="file" accept=".xml,.cap,.json,.geojson,application/xml,application/json,application/geo+json" onChange={(e) => void pick(e)} />
          <div className="field-help">An OASIS CAP 1.2 alert (XML), or a GeoJSON FeatureCollection (one event per feature). All of it is imported, or nothing.</div>
        </div>
        <div className="form-foot">
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>{busy ? 'Importing…' : 'Import'}</button>
        </div>
      </form>
    </section>
  );
}

export function EventsPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<'open' | 'closed' | ''>('open');
  const events = useApiQuery(keys.events.list({ status }), () => eventsApi.list(status || undefined));
  const items = events.data?.items ?? [];
  const writer = hasRole(user, 'analyst') || hasRole(user, 'sosa_officer');
  return (
    <div className="page events-page">
      <PageHeader title="Disruption events" subtitle={`What happened — a fire, a flood, a closed port, an embargo — and which of ${user.nation}'s programs it hits.`} />
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
      {writer ? <RecordPanel onRecorded={(id) => navigate(`/events/${id}`)} /> : null}
      {writer ? <ImportPanel onImported={(ids) => ids.length === 1 && navigate(`/events/${ids[0]}`)} /> : null}
    </div>
  );
}
