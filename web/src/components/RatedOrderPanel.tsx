// The SOSA request's rated order as the US supplier's order book holds it: status, the 700.13
// deadline, the decision and the projected completion (700.14), for the officers of both nations.
import type { LinkedRatedOrder } from '../api/order-desk.js';
import { formatDate, formatDateTime, humanise } from '../format.js';

// The same status the supplier's order desk shows, in the words of the officers following it.
const STATUS: Record<string, string> = {
  awaiting_decision: 'Awaiting the supplier’s decision',
  not_yet_rated: 'Not yet a rated order (700.12)',
  accepted: 'Accepted by the supplier',
  delay_reported: 'Delay reported by the supplier',
  delivered: 'Delivered',
  closed: 'Closed',
  rejected: 'Rejected by the supplier',
  cancelled: 'Cancelled',
  unrated: 'Unrated',
};

function statusWords(o: LinkedRatedOrder): string {
  if (o.status === 'delivered' && o.deliveredOn) return `Delivered on ${formatDate(o.deliveredOn)}`;
  return STATUS[o.status] ?? humanise(o.status);
}

export function RatedOrderPanel({ order: o }: { order: LinkedRatedOrder | null | undefined }) {
  if (!o) return null;
  const a = o.acceptance;
  return (
    <section className="panel rated-order-panel" aria-labelledby="rated-order-h" data-testid="rated-order-panel">
      <h2 id="rated-order-h" className="panel-title">Rated order at the supplier</h2>
      <dl className="facts">
        <dt>Order</dt>
        <dd className="mono">{o.orderNumber}</dd>
        <dt>Supplier</dt>
        <dd>{o.supplier.name}</dd>
        <dt>Status</dt>
        <dd data-testid="rated-order-status">
          <span className={`chip desk-status desk-status-${o.status}`}>{statusWords(o)}</span>
          {o.decision?.late ? <span className="chip chip-warn">decided after the deadline</span> : null}
        </dd>
        {a ? (
          <>
            <dt>Accept or reject by</dt>
            <dd>
              {formatDateTime(a.dueAt, a.calendar.timeZone)}
              {a.workingDaysLeft !== null ? (
                <span className={a.overdue || a.workingDaysLeft < 2 ? 'countdown countdown-urgent' : 'countdown'}>{a.overdue ? 'Overdue' : a.workingDaysLeft === 0 ? 'Due today' : `${a.workingDaysLeft} working day${a.workingDaysLeft === 1 ? '' : 's'} left`}</span>
              ) : null}
              <div className="small muted">{a.rule} ({a.calendar.nation} calendar)</div>
            </dd>
          </>
        ) : null}
        {o.decision ? (
          <>
            <dt>Decision</dt>
            <dd>
              {humanise(o.decision.decision)} {formatDateTime(o.decision.decidedAt)}
              {o.decision.offeredDeliveryDate ? <div className="small">Earliest date offered: {formatDate(o.decision.offeredDeliveryDate)}</div> : null}
            </dd>
          </>
        ) : null}
        <dt>Required delivery</dt>
        <dd>{formatDate(o.requiredDeliveryDate)}</dd>
        {o.promisedDeliveryDate ? (
          <>
            <dt>{o.delayReportedAt ? 'New delivery date' : 'Promised delivery'}</dt>
            <dd>
              {formatDate(o.promisedDeliveryDate)}
              {o.delayReportedAt ? <div className="small muted">Delay reported {formatDateTime(o.delayReportedAt)} (15 CFR 700.13(d))</div> : null}
            </dd>
          </>
        ) : null}
        {o.deliveredOn ? (
          <>
            <dt>Delivered on</dt>
            <dd>{formatDate(o.deliveredOn)}</dd>
          </>
        ) : o.status === 'cancelled' || o.status === 'rejected' ? null : (
          <>
            <dt>Projected completion</dt>
            <dd>{o.projectedCompletionDate ? <>{formatDate(o.projectedCompletionDate)}{o.daysLate ? <span className="late-days"> ({o.daysLate} day{o.daysLate === 1 ? '' : 's'} late)</span> : null}</> : <span className="muted">Not yet scheduled on a line</span>}</dd>
          </>
        )}
        {o.closedAt ? (
          <>
            <dt>Closed</dt>
            <dd>{formatDateTime(o.closedAt)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
