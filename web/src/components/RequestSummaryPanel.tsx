import { href } from '../router.js';
import type { RequestDetail } from '../api/types.js';
import { formatDateTime, humanise } from '../format.js';
import type { StepWords } from '../step-words.js';

// Decisions recorded on the request, in the order a reader looks for them. Notes, questions and
// the company shortlist stay in the history, where they were said; the delivery dates are told
// together in the Dates panel.
const FIRST = ['rating', 'order_number', 'shipment_reference', 'approved_program', 'determination_reference', 'authorization_reference', 'signed_by'];
const SKIP = new Set(['note', 'supplier', 'companies', 'company', 'certified', 'question', 'answer', 'required_delivery_date', 'promised_delivery_date', 'new_delivery_date', 'delivered_on', 'earliest_possible_date']);
const LABEL: Record<string, string> = { rating: 'DPAS rating' };

function orderedFields(fields: Record<string, unknown>): [string, unknown][] {
  const present = Object.entries(fields ?? {}).filter(([k, v]) => !SKIP.has(k) && v !== null && v !== undefined && v !== '');
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
  return present.sort(([a], [b]) => rank(a) - rank(b));
}

export function RequestSummaryPanel({ request, programName, words }: { request: RequestDetail; programName: string; words: StepWords }) {
  const fields = orderedFields(request.fields);
  return (
    <section className="panel" aria-labelledby="summary-h">
      <h2 id="summary-h" className="panel-title">Request</h2>
      <dl className="facts">
        <div>
          <dt>Program</dt>
          <dd title={request.programId}>{programName}</dd>
        </div>
        <div>
          <dt>Classification</dt>
          <dd>{request.classification}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{formatDateTime(request.createdAt)}</dd>
        </div>
        {request.supplier ? (
          <div>
            <dt>Supplier</dt>
            <dd>{request.supplier.name}</dd>
          </div>
        ) : null}
        {fields.map(([k, v]) => (
          <div key={k}>
            <dt>{LABEL[k] ?? words.fieldLabel(k)}</dt>
            <dd className={k === 'rating' ? 'mono strong' : undefined}>{words.value(k, v)}</dd>
          </div>
        ))}
      </dl>
      <h3 className="subhead">Justification</h3>
      <p className="prose">{request.justification}</p>
      {request.disruptionEvent ? (
        <p className="small" data-testid="request-disruption-event">
          Drafted from the disruption event <a href={href(`/events/${request.disruptionEvent.id}`)}>{request.disruptionEvent.title}</a> ({request.disruptionEvent.status}); your nation's own record, not shown to the partner.
        </p>
      ) : null}
      {request.assignments.length ? (
        <>
          <h3 className="subhead">Companies</h3>
          <ul className="assignments">
            {request.assignments.map((a) => (
              <li key={a.organisation.id}>
                <span>{a.organisation.name}</span>
                <span className={`chip status-${a.status}`}>{humanise(a.status)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
