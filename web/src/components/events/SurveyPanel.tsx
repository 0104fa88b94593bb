// The event page's survey panel (issue #15, "Ask the suppliers"): the struck sites with their
// company and status history, the action to ask the companies, and their answers.
import { useState } from 'react';
import { SITE_STATUS_LABELS, surveysApi, type EventSite, type EventSurvey, type SettableStatus, type SiteAssumption } from '../../api/surveys.js';
import { formatDate, formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { DataTable, type Column } from '../list/DataTable.js';
import { Spinner } from '../Spinner.js';

const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });

/** Where a figure of the analysis comes from, in words: "from BPF's answer of 3 Dec" or "modelled". */
export function sourceText(from: SiteAssumption['disruptedFrom'], a: SiteAssumption): string {
  if (from === 'answer' && a.answer) return `from ${a.answer.company}'s answer of ${shortDate(a.answer.answeredAt)}`;
  if (from === 'status' && a.status) return `status set by ${a.status.setBy} on ${shortDate(a.status.setAt)}`;
  return 'modelled';
}

/** One struck node's assumptions, each with its source, for the impact panel. */
export function AssumptionText({ a }: { a: SiteAssumption }) {
  if (!a.disrupted) return <span data-testid="site-assumption">not disrupted <em>({sourceText(a.disruptedFrom, a)})</em></span>;
  const stock = a.stock ? `${a.stock.amount.toLocaleString('en-US')} ${a.stock.unit === 'units' ? 'units' : 'days of output'}` : 'none';
  return (
    <span data-testid="site-assumption">
      out {a.outageDays} days <em>({sourceText(a.outageFrom, a)})</em> · stock {stock} <em>({sourceText(a.stockFrom, a)})</em> · {a.capacityDuringOutagePerDay.toLocaleString('en-US')}/day meanwhile <em>({sourceText(a.capacityDuringOutageFrom, a)})</em>
    </span>
  );
}

function answerText(s: EventSurvey): string {
  if (!s.answer) return 'waiting for the answer';
  return s.answer.sites
    .map((x) => {
      if (!x.affected) return `${x.nodeId}: not affected`;
      const parts = [`${x.nodeId}: affected`];
      if (x.stockUnits !== undefined) parts.push(`stock ${x.stockUnits} units`);
      if (x.expectedRecoveryOn !== undefined) parts.push(`recovery ${formatDate(x.expectedRecoveryOn)}`);
      if (x.alternativeCapacityPerDay !== undefined) parts.push(`alternative ${x.alternativeCapacityPerDay}/day`);
      return parts.join(', ');
    })
    .join('; ');
}

const SURVEY_COLUMNS: Array<Column<EventSurvey>> = [
  { head: 'Company', rowHeader: true, cell: (s) => s.company.name },
  { head: 'Sent', cellClass: 'small', cell: (s) => <>{formatDateTime(s.sentAt)} by {s.sentBy}</> },
  { head: 'State', cell: (s) => (s.state === 'answered' ? <span className="badge badge-ok">answered {s.answeredAt ? shortDate(s.answeredAt) : ''}</span> : <span className="badge">open</span>) },
  { head: 'Answer', cellClass: 'small', cell: (s) => <>{answerText(s)}{s.answer?.comment ? <div className="muted">“{s.answer.comment}”</div> : null}</> },
];

/** A struck site's key, the same in the impact analysis's assumptions. */
const siteKey = (s: EventSite) => `${s.networkId}/${s.nodeId}`;

function StatusControl({ eventId, site }: { eventId: string; site: EventSite }) {
  const [status, setStatus] = useState<SettableStatus | ''>('');
  const [note, setNote] = useState('');
  // A site's status feeds the impact analysis: the sites and the event (its figures) reload.
  const set = useApiMutation((v: { status: SettableStatus; note: string }) => surveysApi.setStatus(eventId, { networkId: site.networkId, nodeId: site.nodeId, ...v }), {
    invalidates: [keys.surveys.all, keys.events.all],
    onSaved: () => {
      setStatus('');
      setNote('');
    },
  });
  const error = set.error ? (set.error.errors[0]?.message ?? set.error.detail ?? set.error.title) : undefined;
  const busy = set.busy;
  if (site.actions.length === 0) return null;
  const id = `status-${site.networkId}-${site.nodeId}`.replace(/[^\w-]/g, '_');
  const save = () => {
    if (status) void set.run({ status, note });
  };
  return (
    <div className="inline-form">
      <label htmlFor={`${id}-s`} className="sr-only">New status of {site.nodeId}</label>
      <select id={`${id}-s`} value={status} onChange={(e) => setStatus(e.target.value as SettableStatus)}>
        <option value="">Move to…</option>
        {site.actions.map((a) => (
          <option key={a} value={a}>{SITE_STATUS_LABELS[a]}</option>
        ))}
      </select>
      <label htmlFor={`${id}-n`} className="sr-only">Note on the status of {site.nodeId}</label>
      <input id={`${id}-n`} placeholder="Note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      <button type="button" className="btn btn-small" disabled={!status || busy} onClick={save}>Set</button>
      {error ? <span className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}

/** What the impact analysis assumed for each struck node, keyed `${networkId}/${nodeId}`. */
export type AssumptionsBySite = ReadonlyMap<string, SiteAssumption>;

export function SurveyPanel({ eventId, assumptions }: { eventId: string; assumptions: AssumptionsBySite }) {
  const surveysKey = keys.surveys.part('event', eventId);
  const load = useApiQuery(surveysKey, () => surveysApi.ofEvent(eventId));
  // The answer is the panel's new content: put in place, nothing else reloads.
  const sending = useApiMutation(() => surveysApi.send(eventId), { stores: () => surveysKey });
  const { busy, error } = sending;
  const v = load.data;
  const siteColumns: Array<Column<EventSite>> = [
    { head: 'Site', rowHeader: true, cell: (s) => <>{s.nodeId} <span className="muted small">{s.part} · {s.networkName}</span></> },
    { head: 'Company', cell: (s) => (s.company ? s.company.name : <span className="muted">{s.owner ?? 'unknown'} — {s.unreachable === 'noLink' ? 'not linked to a company of the instance' : 'not a company of your nation'}</span>) },
    { head: 'In the analysis', cellClass: 'small', cell: (s) => { const a = assumptions.get(siteKey(s)); return a ? <AssumptionText a={a} /> : <span className="muted">—</span>; } },
    { head: 'Status', cell: (s) => <span className="badge">{SITE_STATUS_LABELS[s.status]}</span> },
    {
      head: 'History',
      cellClass: 'small',
      cell: (s) =>
        s.history.length === 0
          ? <span className="muted">—</span>
          : s.history.map((h, i) => (
              <div key={i}>
                {SITE_STATUS_LABELS[h.status]} by {h.setBy} {formatDateTime(h.setAt)}{h.note ? ` — ${h.note}` : ''}
              </div>
            )),
    },
    { head: 'Change', cell: (s) => <StatusControl eventId={eventId} site={s} /> },
  ];
  return (
    <section className="panel" aria-labelledby="event-surveys-h" data-testid="event-surveys">
      <div className="panel-head">
        <h2 id="event-surveys-h" className="panel-title">Sites and supplier surveys</h2>
        {v?.actions.includes('send') ? (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void sending.run(undefined)}>
            Send the survey to {v.toAsk.map((c) => c.shortName).join(', ')}
          </button>
        ) : null}
      </div>
      {load.error ? <ErrorBanner error={load.error} onRetry={load.reload} /> : null}
      {error ? <ErrorBanner error={error} /> : null}
      {!v ? (
        <Spinner label="Loading the sites…" />
      ) : (
        <>
          <p className="muted small">
            A company of your nation whose site is struck answers in the app: affected or not, stock on hand, expected recovery, alternative capacity. Its answer replaces the modelled figures of its sites in the analysis above.
          </p>
          <div className="table-wrap">
            <DataTable
              rows={v.sites}
              columns={siteColumns}
              rowKey={siteKey}
              rowProps={(s) => ({ 'data-testid': 'event-site-row', 'data-status': s.status })}
              testId="event-sites"
              caption="Struck sites and their status"
            />
          </div>
          {v.surveys.length > 0 ? (
            <div className="table-wrap">
              <DataTable
                rows={v.surveys}
                columns={SURVEY_COLUMNS}
                rowKey={(s) => s.id}
                rowProps={(s) => ({ 'data-testid': 'event-survey-row', 'data-state': s.state })}
                testId="event-survey-list"
                caption="Surveys sent"
              />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
