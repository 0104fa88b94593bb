// One order of the book: its row, and under it why it cannot be scheduled, why it is late and its flow-down.
import { useState } from 'react';
import type { DeskOrder } from '../../api/order-desk.js';
import { datesInWords, formatDate } from '../../format.js';
import { FlowDownTree, type FlowDownParent } from '../FlowDown.js';
import type { Mode } from './desk-modes.js';
import { CountdownBadge, StatusChip } from './order-status.js';

const COLUMNS = 7;

/** Required, promised and projected (or delivered) dates of an order, in words, one per line. */
function OrderDates({ order: o }: { order: DeskOrder }) {
  const late = o.daysLate > 0;
  return (
    <dl className="order-dates">
      <dt>Required</dt>
      <dd>{formatDate(o.requiredDeliveryDate)}</dd>
      {o.promisedDeliveryDate && o.promisedDeliveryDate !== o.requiredDeliveryDate ? (
        <>
          <dt>{o.status === 'delay_reported' ? 'New date' : 'Promised'}</dt>
          <dd>{formatDate(o.promisedDeliveryDate)}</dd>
        </>
      ) : null}
      {o.deliveredOn ? (
        <>
          <dt>Delivered</dt>
          <dd>{formatDate(o.deliveredOn)}</dd>
        </>
      ) : o.projectedCompletionDate ? (
        <>
          <dt>Projected</dt>
          <dd className={late ? 'late-text' : undefined}>
            {formatDate(o.projectedCompletionDate)}{' '}
            <span data-testid="days-late">{late ? <span className="late-days">· {o.daysLate} day{o.daysLate === 1 ? '' : 's'} late</span> : <span className="on-time">· On time</span>}</span>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function DeskOrderRows({ order: o, nonce, onOpen, onPlace }: { order: DeskOrder; nonce: number; onOpen(mode: Mode): void; onPlace(parent: FlowDownParent): void }) {
  const late = o.daysLate > 0;
  const [flowOpen, setFlowOpen] = useState(false);
  const flagged = o.unschedulable !== null;
  const classes = ['order-row', late ? 'is-late has-delay' : '', flagged ? 'is-flagged has-delay' : '', o.acceptance?.overdue ? 'is-overdue' : '', o.status === 'cancelled' ? 'is-cancelled' : ''].filter(Boolean).join(' ');
  return (
    <>
      <tr className={classes} data-testid="order-row" data-order={o.orderNumber} data-late={late ? 'true' : 'false'}>
        <td className="cell-order">
          <button type="button" className="link-btn mono" onClick={() => onOpen('view')} aria-label={`Open order ${o.orderNumber}`}>
            {o.orderNumber}
          </button>
          <div className="small muted">{o.customer}</div>
        </td>
        <td>
          <span className={`badge rating-badge rating-${o.priority}`} data-testid="rating-badge">{o.rating ?? 'Unrated'}</span>
        </td>
        <td className="cell-status">
          <StatusChip order={o} />
          {o.acceptance && o.acceptance.workingDaysLeft !== null ? <div><CountdownBadge order={o} /></div> : null}
        </td>
        <td className="cell-line">
          {o.resource ? o.resource.name : <span className="muted">Not planned</span>}
          {!o.resource && o.actions.includes('plan') ? (
            <div>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onOpen('plan')} aria-label={`Plan on a line: ${o.orderNumber}`}>
                Plan on a line…
              </button>
            </div>
          ) : null}
        </td>
        <td className="num">{o.quantity.toLocaleString('en-GB')}</td>
        <td className="cell-dates">
          <OrderDates order={o} />
        </td>
        <td>
          {o.rating ? (
            <span className="row-actions row-actions-stacked">
              <button type="button" className="btn btn-small btn-ghost" aria-expanded={flowOpen} onClick={() => setFlowOpen(!flowOpen)} data-testid="toggle-flow">
                {flowOpen ? 'Hide' : 'Sub-orders'}
              </button>
              <button type="button" className="btn btn-small" onClick={() => onPlace({ id: o.id, orderNumber: o.orderNumber, rating: o.rating, quantity: o.quantity, requiredDeliveryDate: o.requiredDeliveryDate })} data-testid="place-sub-order">
                Place sub-order
              </button>
            </span>
          ) : (
            <span className="muted small">Unrated</span>
          )}
        </td>
      </tr>
      {flagged ? (
        <tr className="delay-row flag-row" data-testid="unschedulable-row" data-order={o.orderNumber}>
          <td colSpan={COLUMNS}>
            <div className="delay-text">
              <span className="delay-label">Cannot be scheduled:</span> {datesInWords(o.unschedulable!.message.replace(/^Cannot be scheduled:\s*/, ''))}{' '}
              {o.actions.includes('cancel') ? (
                <button type="button" className="btn btn-small btn-danger-outline" onClick={() => onOpen('change')}>
                  Cancel or correct…
                </button>
              ) : null}
            </div>
          </td>
        </tr>
      ) : null}
      {late && o.delay ? (
        <tr className="delay-row" data-testid="delay-row" data-order={o.orderNumber}>
          <td colSpan={COLUMNS}>
            <div className="delay-text">
              <span className="delay-label">Why late:</span> {datesInWords(o.delay.text)}
              {o.delay.notifyCustomer ? <span className="chip chip-warn">Notify the customer</span> : null}
            </div>
          </td>
        </tr>
      ) : null}
      {flowOpen ? (
        <tr className="flow-row" data-testid="flow-row" data-order={o.orderNumber}>
          <td colSpan={COLUMNS}>
            <FlowDownTree orderId={o.id} nonce={nonce} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
