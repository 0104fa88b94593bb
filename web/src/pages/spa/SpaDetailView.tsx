// One SPA request: its status and facts, the next steps, the orders concerned and its history.
import { SPA_STATUS_LABEL, spaApi, type SpaDetail, type SpaStatus } from '../../api/spa.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PartnerDeliveryLine } from '../../components/PartnerDeliveryLine.js';
import { Spinner } from '../../components/Spinner.js';
import { formatDate, formatDateTime, humanise } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href } from '../../router.js';
import { SpaActions } from './SpaActions.js';
import { SpaBadge } from './SpaBadge.js';

type OrderRow = SpaDetail['orders'][number];
const late = (o: OrderRow) => Boolean(o.promisedDeliveryDate && o.promisedDeliveryDate > o.requiredDeliveryDate);

const ORDER_COLUMNS: Array<Column<OrderRow>> = [
  { head: 'Order', cellClass: 'mono', cell: (o) => o.orderNumber },
  { head: 'Rating', cell: (o) => <span className="badge rating-badge">{o.rating}</span> },
  { head: 'Items', cell: (o) => o.items },
  { head: 'Quantity', className: 'num', cell: (o) => o.quantity },
  { head: 'Required', cellClass: 'nowrap', cell: (o) => formatDate(o.requiredDeliveryDate) },
  { head: 'Promised', cellClass: 'nowrap', cell: (o) => <span className={late(o) ? 'late-text' : undefined}>{o.promisedDeliveryDate ? formatDate(o.promisedDeliveryDate) : '—'}</span> },
];

export function SpaDetailView({ id }: { id: string }) {
  const spa = useApiQuery(keys.spaRequests.detail(id), () => spaApi.get(id));
  const d = spa.data;
  return (
    <div className="page">
      <PageHeader title={d ? `SPA ${d.reference}` : 'SPA request'} subtitle={d ? `${d.company.name} · ${d.program}` : undefined} actions={<a className="btn btn-ghost btn-small" href={href('/spa')}>All SPA requests</a>} />
      {d ? <PartnerDeliveryLine deliveries={d.partnerDelivery} /> : null}
      <ErrorBanner error={spa.error} onRetry={spa.reload} />
      {spa.loading && !d ? <Spinner label="Loading the request…" /> : null}
      {d ? (
        <div className="spa-detail" data-testid="spa-detail">
          <section className="panel">
            <div className="panel-head">
              <h2 className="panel-title">Status</h2>
              <span data-testid="spa-status"><SpaBadge status={d.status} /></span>
            </div>
            {d.view === 'partner' ? <p className="banner banner-info">Partner view: this request concerns your nation’s SOSA request. The company’s contact, problem statement and attempts are business-confidential (DPA 705(d)) and not shown.</p> : null}
            <dl className="facts">
              {d.requester ? (<><dt>Requester</dt><dd>{d.requester.name}{d.requester.title ? `, ${d.requester.title}` : ''} · {d.requester.email}{d.requester.phone ? ` · ${d.requester.phone}` : ''}</dd></>) : null}
              {d.customer ? (<><dt>Customer</dt><dd>{d.customer}</dd></>) : null}
              {d.supplier ? (<><dt>Supplier</dt><dd>{d.supplier.name}{d.supplier.contact ? ` (${d.supplier.contact})` : ''}</dd></>) : null}
              <dt>Program</dt><dd>{d.program}</dd>
              <dt>Submitted</dt><dd>{d.submittedAt ? formatDateTime(d.submittedAt) : 'Not yet (draft)'}</dd>
              {d.forwardedAt ? (<><dt>Forwarded to Commerce</dt><dd>{formatDateTime(d.forwardedAt)}</dd></>) : null}
              {d.outcomeNote ? (<><dt>Outcome</dt><dd data-testid="spa-outcome">{d.outcomeNote}</dd></>) : null}
            </dl>
          </section>
          <SpaActions spa={d} />
          <section className="panel">
            <h2 className="panel-title">Orders concerned</h2>
            <div className="table-wrap">
              <DataTable rows={d.orders} columns={ORDER_COLUMNS} rowKey={(o) => String(o.lineNo)} />
            </div>
            {d.problem !== null ? (<><h3 className="subhead">Problem</h3><p className="prose">{d.problem}</p></>) : null}
            {d.attemptsMade !== null ? (<><h3 className="subhead">Already tried</h3><p className="prose">{d.attemptsMade}</p></>) : null}
            <h3 className="subhead">Action requested</h3>
            <p className="prose">{d.actionRequested}</p>
          </section>
          {d.events ? (
            <section className="panel">
              <h2 className="panel-title">History</h2>
              <ol className="spa-history" data-testid="spa-history">
                {d.events.map((e, i) => (
                  <li key={i}>
                    <span className="small muted nowrap">{formatDateTime(e.at)}</span> <span className="strong">{e.actor}</span> ({e.nation}) — {humanise(e.action)} → {SPA_STATUS_LABEL[e.toStatus as SpaStatus] ?? e.toStatus}
                    {e.note ? <div className="small">“{e.note}”</div> : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
