// "Ask the partner" on the event page (issue #15): the SOSA officer drafts priority-support requests
// from the impact, reviews and edits each (the justification is what the partner will read),
// and submits it through the ordinary request workflow; submitted ones show their progress.
import { useState } from 'react';
import { eventsApi, type EventDetail, type EventRequest } from '../../api/events.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { DataTable, type Column } from '../list/DataTable.js';
import { DraftItemsTable } from './DraftItemsTable.js';
import { href } from '../../router.js';
import { formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

/** A change to the event's requests: the event (and the dashboard's list) reloads after it. */
const useEventWrite = () => useApiMutation((work: () => Promise<unknown>) => work(), { invalidates: [keys.events.all] });

function DraftEditor({ eventId, draft, canEdit }: { eventId: string; draft: EventRequest; canEdit: boolean }) {
  const [content, setContent] = useState(draft.content);
  const write = useEventWrite();
  const { busy, error } = write;
  const act = (work: () => Promise<unknown>) => void write.run(work);
  const dirty = JSON.stringify(content) !== JSON.stringify(draft.content);
  const save = () => eventsApi.editDraft(eventId, draft.id, { ...content, version: draft.version });
  const id = (f: string) => `draft-${draft.id}-${f}`;
  return (
    <article className="panel" data-testid="event-request-draft" aria-label={`Draft: ${draft.content.title}`}>
      <p className="muted small">
        From {draft.basis.networkName}: {draft.basis.program} stops in {draft.basis.daysUntilOutputStops} days ({draft.basis.outputStopsOn}); {draft.basis.lostUnits} units lost over {draft.basis.durationDays} days.
        Quantities: lost end-item units × the part in each unit ({draft.basis.lines.map((l) => `${l.part}: ${l.exactNeed}`).join('; ')}), rounded up. This basis stays with your nation.
      </p>
      <ErrorBanner error={error} />
      <div className="form-grid">
        <label htmlFor={id('title')}>Title</label>
        <input id={id('title')} data-testid="draft-title" value={content.title} disabled={!canEdit} onChange={(e) => setContent({ ...content, title: e.target.value })} />
        <label htmlFor={id('to')}>Partner nation</label>
        <input id={id('to')} value={content.toNation ?? ''} disabled={!canEdit} onChange={(e) => setContent({ ...content, toNation: e.target.value.toUpperCase() || null })} />
        <label htmlFor={id('program')}>Program (register id)</label>
        <input id={id('program')} value={content.programId ?? ''} disabled={!canEdit} onChange={(e) => setContent({ ...content, programId: e.target.value || null })} />
        <label htmlFor={id('urgency')}>Urgency</label>
        <select id={id('urgency')} value={content.urgency} disabled={!canEdit} onChange={(e) => setContent({ ...content, urgency: e.target.value as typeof content.urgency })}>
          <option value="routine">Routine</option>
          <option value="emergency">Emergency</option>
          <option value="armed_conflict">Armed conflict</option>
        </select>
        <label htmlFor={id('required')}>Required by</label>
        <input id={id('required')} type="date" value={content.requiredBy} disabled={!canEdit} onChange={(e) => setContent({ ...content, requiredBy: e.target.value })} />
        <label htmlFor={id('justification')}>Justification (the partner reads this)</label>
        <textarea id={id('justification')} data-testid="draft-justification" rows={5} value={content.justification} disabled={!canEdit} onChange={(e) => setContent({ ...content, justification: e.target.value })} />
      </div>
      <DraftItemsTable items={content.items} canEdit={canEdit} onQuantity={(item, quantity) => setContent({ ...content, items: content.items.map((x) => (x === item ? { ...x, quantity } : x)) })} />
      {canEdit ? (
        <div className="actions">
          <button type="button" className="btn" disabled={busy || !dirty} onClick={() => act(save)}>Save draft</button>
          <button type="button" className="btn btn-primary" data-testid="draft-submit" disabled={busy} onClick={() => act(async () => { if (dirty) await save(); await eventsApi.submitDraft(eventId, draft.id); })}>
            {dirty ? 'Save and submit' : 'Submit request'}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => act(() => eventsApi.discardDraft(eventId, draft.id))}>Discard</button>
        </div>
      ) : null}
    </article>
  );
}

/** The requests already submitted from the event (they carry their request), with their progress. */
const SUBMITTED_COLUMNS: Array<Column<EventRequest>> = [
  { head: 'Request', rowHeader: true, cell: (r) => <><a href={href(`/requests/${r.request!.id}`)}>{r.request!.reference}</a> <span className="muted small">{r.content.title}</span></> },
  { head: 'To', cell: (r) => r.request!.toNation },
  { head: 'State', cellTestId: 'event-request-state', cell: (r) => r.request!.stateLabel },
  { head: 'Waiting on', cell: (r) => r.request!.waitingOn ?? '—' },
  { head: 'Next deadline', cell: (r) => (r.request!.nextDueAt ? formatDateTime(r.request!.nextDueAt) : '—') },
];

export function EventRequestsPanel({ event, canDraft }: { event: EventDetail; canDraft: boolean }) {
  const write = useEventWrite();
  const { busy, error } = write;
  const drafts = event.requests.filter((r) => r.status === 'draft');
  const submitted = event.requests.filter((r) => r.status === 'submitted');
  const stops = event.impact.networks.some((n) => n.programs.some((p) => p.survives === false));
  const draft = () => void write.run(() => eventsApi.draftRequests(event.id));
  return (
    <section className="panel" aria-labelledby="event-requests-h" data-testid="event-requests">
      <div className="panel-head">
        <h2 id="event-requests-h" className="panel-title">Ask the partner</h2>
        {canDraft && event.status === 'open' && event.impact.status === 'ready' && stops ? (
          <button type="button" className="btn btn-primary" data-testid="draft-requests" disabled={busy} onClick={draft}>
            {drafts.length > 0 ? 'Draft again from the impact' : 'Draft priority requests'}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={error} />
      {submitted.length > 0 ? (
        <DataTable
          rows={submitted}
          columns={SUBMITTED_COLUMNS}
          rowKey={(r) => r.id}
          rowProps={() => ({ 'data-testid': 'event-submitted-request' })}
          testId="event-submitted-requests"
          caption="Requests submitted from this event"
        />
      ) : null}
      {drafts.map((d) => (
        <DraftEditor key={`${d.id}:${d.version}`} eventId={event.id} draft={d} canEdit={canDraft && event.status === 'open'} />
      ))}
      {event.requests.length === 0 ? <p className="muted small">{stops ? 'Draft one priority-support request per program that stops: the parts at risk, the quantity for the gap and the day output would stop, from the analysis. You review each before it goes.' : 'No program loses output: nothing to ask.'}</p> : null}
    </section>
  );
}
