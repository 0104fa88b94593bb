// The facts of an order in the dialog: dates, line, decision, 700.13 deadline and record keeping.
import type { ReactNode } from 'react';
import { rejectionGroundLabel, type DeskOrderDetail } from '../../api/order-desk.js';
import { datesInWords, formatDate, formatDateTime, humanise } from '../../format.js';
import { href } from '../../router.js';
import type { Mode } from './desk-modes.js';
import { OrderHistory } from './OrderHistory.js';
import { CountdownBadge, StatusChip } from './order-status.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function OrderFacts({ order: o, onMode }: { order: DeskOrderDetail; onMode(m: Mode): void }) {
  return (
    <>
      <div className="order-facts-head">
        <span className={`badge rating-badge rating-${o.priority}`}>{o.rating ?? 'Unrated'}</span>
        <StatusChip order={o} />
        <CountdownBadge order={o} withDate={false} />
      </div>
      {o.status === 'not_yet_rated' ? (
        <div className="banner banner-warn" role="status" data-testid="not-yet-rated">
          <div>
            <strong>Not yet a rated order (15 CFR 700.12(a)).</strong> Ask the customer for what is missing; the acceptance clock starts once it is complete.
            <ul className="error-list">
              {o.missingElements.map((m) => (
                <li key={m.field}>{m.message}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {o.requestId && o.decision?.decision === 'rejected' ? (
        <p className="small">From a SOSA request. Your company rejected it, so the request is no longer open to your company; this record stays in your book.</p>
      ) : o.requestId ? (
        <p className="small">
          From a SOSA request: accept or reject it on <a href={href(`/requests/${o.requestId}`)}>the request</a>, which records the decision here too.
        </p>
      ) : null}
      <dl className="facts">
        <Fact label="Customer">{o.customer}</Fact>
        <Fact label="Quantity">{o.quantity}</Fact>
        <Fact label="Required delivery">{formatDate(o.requiredDeliveryDate)}</Fact>
        {o.promisedDeliveryDate ? (
          <Fact label={o.status === 'delay_reported' ? 'New delivery date (delay reported)' : 'Promised delivery'}>
            {formatDate(o.promisedDeliveryDate)}
            {o.delayReportedAt ? <div className="small muted">Delay reported {formatDateTime(o.delayReportedAt)} (15 CFR 700.13(d)).</div> : null}
          </Fact>
        ) : null}
        <Fact label="Received">{formatDate(o.receivedDate)}</Fact>
        <Fact label="Line">
          {o.resource?.name ?? 'Not planned on a line'}
          {o.actions.includes('plan') ? (
            <>
              {' '}
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onMode('plan')}>{o.resource ? 'Change line…' : 'Plan on a line…'}</button>
            </>
          ) : null}
        </Fact>
        {o.deliveredOn ? (
          <Fact label="Delivered on">{formatDate(o.deliveredOn)}</Fact>
        ) : (
          <Fact label="Projected completion">
            {o.unschedulable ? <span className="late-text">{datesInWords(o.unschedulable.message)}</span> : formatDate(o.projectedCompletionDate)}
            {o.daysLate > 0 ? <span className="late-days"> ({o.daysLate} day{o.daysLate === 1 ? '' : 's'} late)</span> : null}
          </Fact>
        )}
        {o.closedAt ? <Fact label="Closed">{formatDateTime(o.closedAt)}</Fact> : null}
        <Fact label="Ship to">{o.destination ?? '—'}</Fact>
        <Fact label="Signed by">{o.signedBy ?? '—'}</Fact>
        {o.acceptance ? (
          <Fact label="Accept or reject by">
            {formatDateTime(o.acceptance.dueAt, o.acceptance.calendar.timeZone)}
            <div className="small muted">{o.acceptance.rule}; {o.acceptance.calendar.nation} calendar. Counted from {formatDateTime(o.acceptance.ratedAsOf, o.acceptance.calendar.timeZone)}.</div>
          </Fact>
        ) : null}
        {o.decision ? (
          <Fact label="Decision">
            <span data-testid="decision-text">
              {humanise(o.decision.decision)} {formatDateTime(o.decision.decidedAt)} by {o.decision.decidedBy ?? '—'}
              {o.decision.late ? <span className="chip chip-warn">after the deadline</span> : null}
            </span>
            {rejectionGroundLabel(o.decision.rejectionGround) ? <div className="small">Ground: {rejectionGroundLabel(o.decision.rejectionGround)}</div> : null}
            {o.decision.reasons ? <div className="small">{o.decision.reasons}</div> : null}
            {o.decision.offeredDeliveryDate ? <div className="small">Offered to accept for {formatDate(o.decision.offeredDeliveryDate)}</div> : null}
          </Fact>
        ) : null}
        <Fact label="Keep records until">
          {o.keepUntil ? formatDate(o.keepUntil) : 'Open — at least 3 years after it closes'}
          <div className="small muted">15 CFR 700.91: orders are never deleted.</div>
        </Fact>
      </dl>
      <div className="form-foot order-actions">
        {o.actions.includes('accept') ? <button type="button" className="btn btn-primary" onClick={() => onMode('accept')}>Accept…</button> : null}
        {o.actions.includes('reject') ? <button type="button" className="btn btn-danger-outline" onClick={() => onMode('reject')}>Reject…</button> : null}
        {o.actions.includes('change') ? <button type="button" className="btn" onClick={() => onMode('change')}>Record change or cancellation…</button> : null}
      </div>
      <OrderHistory items={o.history} zone={o.acceptance?.calendar.timeZone} />
    </>
  );
}
