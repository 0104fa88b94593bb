// Records a disruption event by hand (issue #15): sites, companies, countries, sea lanes, a circle
// and a polygon; the server analyses it at once.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { CONFIDENCE_LABELS, EVENT_KIND_LABELS, eventsApi, type EventConfidence, type EventKind, type EventPlace, type RecordEventBody } from '../../api/events.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { FormField, InputField, SelectField } from '../../components/FormField.js';
import { PanelForm } from '../../components/PanelForm.js';
import { commaList, eventErrorLabel, ringFromText } from './event-places.js';

const BAD_POLYGON = new ApiError(0, { title: 'Polygon', detail: 'Write the polygon as latitude,longitude pairs separated by spaces, e.g. 18,82 18,84.5 19.8,84.5 19.8,82.' });

export function RecordEventForm({ onRecorded }: { onRecorded(id: string): void }) {
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
      ...commaList(sites).map((nodeId) => ({ kind: 'site' as const, nodeId })),
      ...commaList(companies).map((name) => ({ kind: 'company' as const, name })),
      ...commaList(countries).map((code) => ({ kind: 'country' as const, code: code.toUpperCase() })),
      ...commaList(lanes).map((name) => ({ kind: 'seaLane' as const, name })),
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
    <PanelForm
      testId="event-record"
      title="Record an event"
      formLabel="Record a disruption event"
      onSubmit={submit}
      error={error}
      fieldLabel={eventErrorLabel}
      submit={{ busy, label: 'Record and analyse', busyLabel: 'Recording…' }}
    >
      <div className="grid-2">
        <InputField id="ev-title" label="What happened" autoComplete="off" placeholder="Fire at the Koraput combustor line" value={title} onChange={setTitle} />
        <SelectField id="ev-kind" label="Kind" value={kind} options={Object.entries(EVENT_KIND_LABELS) as Array<[EventKind, string]>} onChange={setKind} />
        <InputField id="ev-started" label="Started" type="datetime-local" value={startedAt} onChange={setStartedAt} />
        <InputField id="ev-recovery" label="Expected recovery (optional)" help="Empty: each struck site's own time-to-recover from the network." type="datetime-local" value={recovery} onChange={setRecovery} />
        <SelectField id="ev-confidence" label="Confidence" value={confidence} options={Object.entries(CONFIDENCE_LABELS) as Array<[EventConfidence, string]>} onChange={setConfidence} />
        <FormField id="ev-source" label="Source (optional)">
          <input id="ev-source" autoComplete="off" value={source.label} onChange={(e) => setSource({ ...source, label: e.target.value })} placeholder="Plant manager's call, news report…" />
          <input id="ev-source-url" aria-label="Source link (optional)" autoComplete="off" value={source.url} onChange={(e) => setSource({ ...source, url: e.target.value })} placeholder="https://…" />
        </FormField>
      </div>
      <fieldset className="form-section">
        <legend className="field-label">Where (one or more)</legend>
        <div className="grid-2">
          <InputField id="ev-sites" label="Sites (node ids)" autoComplete="off" placeholder="HAL-Koraput combustor, Deccan FADEC" value={sites} onChange={setSites} />
          <InputField id="ev-companies" label="Companies" autoComplete="off" placeholder="MIDHANI" value={companies} onChange={setCompanies} />
          <InputField id="ev-countries" label="Countries" autoComplete="off" placeholder="CN" value={countries} onChange={setCountries} />
          <InputField id="ev-lanes" label="Sea lanes closed" autoComplete="off" placeholder="Suez / Red Sea" value={lanes} onChange={setLanes} />
          <div className="field">
            <span className="field-label" id="ev-circle-label">Circle: centre and radius</span>
            <div className="inline-filters" role="group" aria-labelledby="ev-circle-label">
              <input aria-label="Circle centre latitude" inputMode="decimal" value={circle.latitude} onChange={(e) => setCircle({ ...circle, latitude: e.target.value })} placeholder="lat 18.9" size={8} />
              <input aria-label="Circle centre longitude" inputMode="decimal" value={circle.longitude} onChange={(e) => setCircle({ ...circle, longitude: e.target.value })} placeholder="lon 83.0" size={8} />
              <input aria-label="Circle radius in km" inputMode="decimal" value={circle.radiusKm} onChange={(e) => setCircle({ ...circle, radiusKm: e.target.value })} placeholder="km 50" size={6} />
            </div>
          </div>
          <FormField id="ev-polygon" label="Polygon" help="latitude,longitude pairs separated by spaces (as in CAP); it may cross the 180° line.">
            <textarea id="ev-polygon" rows={2} value={polygon} onChange={(e) => setPolygon(e.target.value)} placeholder="18,82 18,84.5 19.8,84.5 19.8,82" />
          </FormField>
        </div>
      </fieldset>
      <FormField id="ev-description" label="Description (optional)">
        <textarea id="ev-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </FormField>
    </PanelForm>
  );
}
