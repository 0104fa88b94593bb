import type { RequestDetail } from '../api/types.js';
import { formatDate, formatDateTime, formatValue, humanise } from '../format.js';

export function RequestSummaryPanel({ request, programName, companyName }: { request: RequestDetail; programName: string; companyName(id: string): string | undefined }) {
  const fields = Object.entries(request.fields ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <section className="panel" aria-labelledby="summary-h">
      <h2 id="summary-h" className="panel-title">Request</h2>
      <dl className="facts">
        <div>
          <dt>Program</dt>
          <dd>{programName}</dd>
        </div>
        <div>
          <dt>Required by</dt>
          <dd>{formatDate(request.requiredBy)}</dd>
        </div>
        <div>
          <dt>Classification</dt>
          <dd>{humanise(request.classification)}</dd>
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
            <dt>{humanise(k)}</dt>
            <dd className={k === 'rating' ? 'mono strong' : undefined}>
              {k === 'supplier' && typeof v === 'string' ? companyName(v) ?? v : formatValue(v)}
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="subhead">Justification</h3>
      <p className="prose">{request.justification}</p>
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
