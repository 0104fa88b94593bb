// The order desk's book with the 700.13 countdown per order, and the order dialog: 700.12
// completeness, accept / reject (700.13), changes and cancellation (700.16), history (700.91).
import { useState, type FormEvent, type ReactNode } from 'react';
import { FlowDownTree, type FlowDownParent } from './FlowDown.js';
import { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import { orderDeskApi, rejectionGroundLabel, REJECTION_GROUNDS, type DeskOrder, type DeskOrderDetail, type OrderChangeBody, type OrderHistoryEntry, type RejectionGround } from '../api/order-desk.js';
import type { OrderPriority } from '../api/types.js';
import { datesInWords, formatDate, formatDateTime, humanise } from '../format.js';
import { toApiError, useLoad } from '../use-load.js';
import { Dialog } from './Dialog.js';
import { EmptyState } from './EmptyState.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Spinner } from './Spinner.js';
import { href } from '../router.js';

export const STATUS_LABEL: Record<DeskOrder['status'], string> = {
  awaiting_decision: 'Awaiting decision',
  not_yet_rated: 'Not yet rated',
  accepted: 'Accepted',
  delay_reported: 'Delay reported',
  delivered: 'Delivered',
  closed: 'Closed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  unrated: 'Unrated',
};

/** The status as words: "Delivered on 23 Nov 2026" once delivered; "(late)" for a decision after the deadline. */
export function statusText(order: Pick<DeskOrder, 'status' | 'deliveredOn'> & { decision: { late: boolean } | null }): string {
  if (order.status === 'delivered' && order.deliveredOn) return `Delivered on ${formatDate(order.deliveredOn)}`;
  return `${STATUS_LABEL[order.status]}${order.decision?.late && (order.status === 'accepted' || order.status === 'rejected') ? ' (late)' : ''}`;
}

function StatusChip({ order }: { order: Pick<DeskOrder, 'status' | 'decision' | 'deliveredOn'> }) {
  return (
    <span className={`chip desk-status desk-status-${order.status}`} data-testid="desk-status">
      {statusText(order)}
    </span>
  );
}

/** "3 WD left" (working days), red under 2 working days or overdue (700.13(d) deadline). */
export function CountdownBadge({ order, withDate = true }: { order: Pick<DeskOrder, 'acceptance' | 'status'>; withDate?: boolean }) {
  const a = order.acceptance;
  if (!a || a.workingDaysLeft === null) return withDate ? <span className="muted small">—</span> : null;
  const text = a.overdue ? 'Overdue' : a.hours !== null ? `${a.hoursLeft} h left` : a.workingDaysLeft === 0 ? 'Due today' : null;
  return (
    <span className="countdown-cell">
      <span className={a.urgent ? 'countdown countdown-urgent' : 'countdown'} data-testid="countdown" title={`${a.rule}. Due ${formatDateTime(a.dueAt, a.calendar.timeZone)}`}>
        {text ?? (
          <>
            {a.workingDaysLeft} <abbr title="working days">WD</abbr> left
          </>
        )}
      </span>
      {withDate ? <span className="countdown-due small">by {formatDate(a.dueDate)}</span> : null}
    </span>
  );
}

export function DeskOrderBook({ nonce, reloadAll, onPlace }: { nonce: number; reloadAll(): void; onPlace(parent: FlowDownParent): void }) {
  const [priority, setPriority] = useState<OrderPriority | ''>('');
  const [late, setLate] = useState(false);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<{ id: string; mode: Mode }>();
  const orders = useLoad(() => orderDeskApi.list({ priority, late }), [priority, late, nonce]);
  const needle = q.trim().toLowerCase();
  const items = (orders.data?.items ?? []).filter((o) => !needle || o.orderNumber.toLowerCase().includes(needle) || o.customer.toLowerCase().includes(needle));
  const filtered = Boolean(priority || late || needle);

  return (
    <section className="panel" aria-labelledby="book-h" data-testid="order-book">
      <div className="panel-head">
        <h2 id="book-h" className="panel-title">Order book</h2>
        <div className="inline-filters" role="search" aria-label="Filter orders">
          <input type="search" aria-label="Search order or customer" placeholder="Order or customer" value={q} onChange={(e) => setQ(e.target.value)} />
          <label htmlFor="f-priority" className="small muted">Priority</label>
          <select id="f-priority" value={priority} onChange={(e) => setPriority(e.target.value as OrderPriority | '')}>
            <option value="">All</option>
            <option value="DX">DX</option>
            <option value="DO">DO</option>
            <option value="unrated">Unrated</option>
          </select>
          <label className="check small">
            <input type="checkbox" checked={late} onChange={(e) => setLate(e.target.checked)} />
            Late only
          </label>
        </div>
      </div>
      <ErrorBanner error={orders.error} onRetry={orders.reload} />
      {orders.loading && !orders.data ? <Spinner label="Loading orders…" /> : null}
      {orders.data && items.length === 0 ? (
        <EmptyState title={filtered ? 'No order matches these filters' : 'No orders yet'}>{filtered ? 'Try removing a filter.' : 'Import the order book as CSV above.'}</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className={orders.loading ? 'table-wrap is-reloading' : 'table-wrap'}>
          <table className="table table-orders">
            <caption className="sr-only">Order book: decision deadlines (700.13), lines and dates (700.14)</caption>
            <thead>
              <tr>
                <th scope="col">Order and customer</th>
                <th scope="col">Rating</th>
                <th scope="col">Status</th>
                <th scope="col">Line</th>
                <th scope="col" className="num">Qty</th>
                <th scope="col">Dates</th>
                <th scope="col">Flow-down</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <DeskOrderRows key={o.id} order={o} nonce={nonce} onOpen={(mode) => setOpen({ id: o.id, mode })} onPlace={onPlace} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open ? <OrderDialog orderId={open.id} initialMode={open.mode} onClose={() => setOpen(undefined)} onChanged={reloadAll} /> : null}
    </section>
  );
}

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

function DeskOrderRows({ order: o, nonce, onOpen, onPlace }: { order: DeskOrder; nonce: number; onOpen(mode: Mode): void; onPlace(parent: FlowDownParent): void }) {
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

type Mode = 'view' | 'accept' | 'reject' | 'change' | 'plan';
/** The rejection the desk offers when an acceptance is refused (700.13(b)(1)): ground and earliest date. */
type Offer = { ground: RejectionGround; date: string };

function OrderDialog({ orderId, initialMode = 'view', onClose, onChanged }: { orderId: string; initialMode?: Mode; onClose(): void; onChanged(): void }) {
  const order = useLoad(() => orderDeskApi.get(orderId), [orderId]);
  const [mode, setMode] = useState<Mode>(initialMode);
  const [offer, setOffer] = useState<Offer>();
  const [notice, setNotice] = useState<string>();
  const o = order.data;
  const done = (updated: DeskOrderDetail, message: string) => {
    order.setData(updated);
    setMode('view');
    setNotice(message);
    onChanged();
  };
  const title = o ? `Order ${o.orderNumber}` : 'Order';
  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="dialog-body order-dialog" data-testid="order-dialog">
        <ErrorBanner error={order.error} onRetry={order.reload} />
        {order.loading && !o ? <Spinner label="Loading the order…" /> : null}
        {notice ? <div className="banner banner-success" role="status" data-testid="order-notice">{notice}</div> : null}
        {o && mode === 'view' ? <OrderFacts order={o} onMode={(m) => { setNotice(undefined); setMode(m); }} /> : null}
        {o && mode === 'accept' ? (
          <AcceptForm order={o} onCancel={() => setMode('view')} onDone={(u) => done(u, 'Accepted.')} onOfferEarliest={(offered) => { setOffer(offered); setMode('reject'); }} />
        ) : null}
        {o && mode === 'plan' ? <PlanForm order={o} onCancel={() => setMode('view')} onDone={(u) => done(u, u.resource ? `Planned on ${u.resource.name}.` : 'Taken off its line.')} /> : null}
        {o && mode === 'reject' ? <RejectForm order={o} offer={offer} onCancel={() => setMode('view')} onDone={(u) => done(u, 'Rejected. The customer is told the reasons' + (u.decision?.offeredDeliveryDate ? ` and the date offered, ${formatDate(u.decision.offeredDeliveryDate)}.` : '.'))} /> : null}
        {o && mode === 'change' ? <ChangeForm order={o} onCancel={() => setMode('view')} onDone={(u, text) => done(u, text)} /> : null}
      </div>
    </Dialog>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function OrderFacts({ order: o, onMode }: { order: DeskOrderDetail; onMode(m: Mode): void }) {
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
      <HistoryList items={o.history} zone={o.acceptance?.calendar.timeZone} />
    </>
  );
}

const HISTORY_FIELD: Record<string, string> = {
  requiredDeliveryDate: 'Required delivery',
  promisedDeliveryDate: 'Promised delivery',
  offeredDeliveryDate: 'Offered date',
  deliveredOn: 'Delivered on',
  shipmentReference: 'Shipment reference',
  closedAt: 'Closed',
  cancelledAt: 'Cancelled',
  receivedAt: 'Received',
  acceptanceDueAt: 'Decide by',
  rating: 'Rating',
  quantity: 'Quantity',
  destination: 'Ship to',
  line: 'Line',
  decision: 'Decision',
  rejectionGround: 'Ground',
  orderNumber: 'Order',
  reference: 'Request',
  accepted: 'Accepted before import',
};
// Said elsewhere in the entry (its label, reasons, rule) or internal to the record.
const HISTORY_SKIP = new Set(['source', 'reasons', 'late']);

function historyValue(key: string, v: unknown, zone: string | undefined): string {
  if (key === 'rejectionGround') return rejectionGroundLabel(String(v)) ?? humanise(String(v));
  if (key === 'decision') return humanise(String(v));
  if (key === 'quantity' && typeof v === 'number') return v.toLocaleString('en-GB');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v, zone);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  return String(v);
}

function describe(values: Record<string, unknown>, zone: string | undefined, skip: readonly string[] = []): string {
  return Object.entries(values)
    .filter(([k, v]) => v !== null && v !== undefined && v !== '' && !HISTORY_SKIP.has(k) && !skip.includes(k))
    .map(([k, v]) => `${HISTORY_FIELD[k] ?? humanise(k)}: ${historyValue(k, v, zone)}`)
    .join(', ');
}

function historyLabel(h: OrderHistoryEntry): string {
  const onRequest = h.after.source === 'sosa_request' ? ' on the SOSA request' : '';
  switch (h.kind) {
    case 'received':
      return h.after.source === 'sosa_request' ? 'Received from the SOSA request' : h.after.source === 'import' ? 'Received (imported)' : 'Received';
    case 'decision':
      return `${h.after.decision === 'accepted' ? 'Accepted' : 'Rejected'}${onRequest}`;
    case 'plan':
      return h.after.line ? `Planned on ${String(h.after.line)}` : 'Taken off its line';
    case 'delay':
      return 'Delay reported to the customer';
    case 'delivered':
      return `Delivered${onRequest}`;
    case 'closed':
      return `Closed${onRequest}`;
    case 'cancel':
      return `Cancelled${onRequest}`;
    default:
      return `Change: ${humanise(h.changeKind ?? '')}`;
  }
}

/** The order's history; times in the supplier's zone (the calendar its 700.13 clock counts in). */
function HistoryList({ items, zone }: { items: OrderHistoryEntry[]; zone: string | undefined }) {
  return (
    <section aria-labelledby="order-history-h" className="order-history">
      <h3 id="order-history-h" className="subhead">History</h3>
      {items.length === 0 ? <p className="muted small">No entries.</p> : null}
      <ol className="history-list" data-testid="order-history">
        {items.map((h) => (
          <li key={h.id}>
            <div>
              <span className="strong">{historyLabel(h)}</span>
              {h.newRatedOrder ? <span className="chip chip-warn">new rated order — decide again</span> : null}
              <span className="muted small"> · {formatDateTime(h.at, zone)} · {h.actor?.displayName ?? h.actor?.username ?? 'system'}</span>
            </div>
            {h.kind === 'change' || h.kind === 'cancel' || h.kind === 'plan' || h.kind === 'delay' ? <div className="small">Before: {describe(h.before, zone) || '—'}</div> : null}
            {h.kind !== 'plan' && describe(h.after, zone, ['decision']) ? <div className="small">{h.kind === 'received' || h.kind === 'decision' || h.kind === 'delivered' || h.kind === 'closed' ? '' : 'After: '}{describe(h.after, zone, ['decision'])}</div> : null}
            {h.reasons ? <div className="small">Reasons: {h.reasons}</div> : null}
            {h.rule ? <div className="small muted">{h.rule}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function useSubmit() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const run = async (local: Record<string, string>, call: () => Promise<void>) => {
    setErrors(local);
    setError(undefined);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await call();
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };
  return { errors, error, busy, run };
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <div id={`${id}-error`} className="field-error" role="alert">{message}</div> : null;
}

function AcceptForm({ order: o, onCancel, onDone, onOfferEarliest }: { order: DeskOrderDetail; onCancel(): void; onDone(u: DeskOrderDetail): void; onOfferEarliest(offer: Offer): void }) {
  const { errors, error, busy, run } = useSubmit();
  const [promised, setPromised] = useState(o.requiredDeliveryDate);
  // The server names the rejection to make instead (700.13(b)(1)): its ground and the date to offer.
  const rejectWith = error?.problem.rejectWith as { rejectionGround?: RejectionGround; offeredDeliveryDate?: string } | undefined;
  const offer: Offer | undefined = rejectWith?.offeredDeliveryDate ? { ground: rejectWith.rejectionGround ?? 'cannot_meet_date', date: rejectWith.offeredDeliveryDate } : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!promised) local.promisedDeliveryDate = 'Choose the date you promise; it is the required date unless you can deliver earlier.';
    void run(local, async () => onDone(await orderDeskApi.decide(o.id, { decision: 'accept', promisedDeliveryDate: promised })));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Accept the order" data-testid="accept-form">
      <p>
        Accept <span className="strong">{o.orderNumber}</span> for {o.quantity.toLocaleString('en-GB')} unit{o.quantity === 1 ? '' : 's'}, required by {formatDate(o.requiredDeliveryDate)}? A rated order is accepted and filled regardless of other
        accepted orders (15 CFR 700.13(a)); it is checked against your current schedule first.
      </p>
      {error && !errors.promisedDeliveryDate ? (
        <div className="banner banner-error" role="alert" data-testid="accept-refused">
          <div>
            <strong>{datesInWords(error.detail ?? error.title)}</strong>
            {errors.decision ? <p className="small">{datesInWords(errors.decision)}</p> : null}
          </div>
        </div>
      ) : null}
      <div className={errors.promisedDeliveryDate ? 'field has-error' : 'field'}>
        <label htmlFor="acc-promisedDeliveryDate" className="field-label">Promised delivery date</label>
        <input
          id="acc-promisedDeliveryDate"
          type="date"
          value={promised}
          onChange={(e) => setPromised(e.target.value)}
          aria-invalid={errors.promisedDeliveryDate ? true : undefined}
          aria-describedby={errors.promisedDeliveryDate ? 'acc-promisedDeliveryDate-error' : 'acc-promisedDeliveryDate-help'}
        />
        <div id="acc-promisedDeliveryDate-help" className="field-help">On or before the required date. If you cannot meet it, reject the order and offer your earliest date (700.13(b)(1)).</div>
        <FieldError id="acc-promisedDeliveryDate" message={errors.promisedDeliveryDate ? datesInWords(errors.promisedDeliveryDate) : undefined} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        {offer ? (
          <button type="button" className="btn btn-danger-outline" onClick={() => onOfferEarliest(offer)}>
            Reject and offer {formatDate(offer.date)}…
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Accepting…' : 'Accept order'}</button>
        )}
      </div>
    </form>
  );
}

/** Plan the order on one of the company's lines (700.14), or take it off its line. */
function PlanForm({ order: o, onCancel, onDone }: { order: DeskOrderDetail; onCancel(): void; onDone(u: DeskOrderDetail): void }) {
  const { errors, error, busy, run } = useSubmit();
  const lines = useLoad(() => api.listResources(), []);
  const [line, setLine] = useState<string>(o.resource?.id ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!line && !o.resource) local.resourceId = 'Choose the line that will make the order.';
    else if (line === (o.resource?.id ?? '')) local.resourceId = o.resource ? `It is already planned on ${o.resource.name}.` : 'Choose a line.';
    void run(local, async () => onDone(await orderDeskApi.plan(o.id, line || null)));
  };
  const items = lines.data?.items ?? [];
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Plan on a line" data-testid="plan-form">
      <p className="small muted">
        The preferential schedule (15 CFR 700.14) plans the order on the line you choose, among the line&apos;s other orders by rating and required date. Your decision on the order stands.
      </p>
      <ErrorBanner error={lines.error} onRetry={lines.reload} />
      {error && !Object.keys(errors).length ? <ErrorBanner error={error} /> : null}
      {lines.data && items.length === 0 ? <p className="banner banner-warn">You have no production lines yet: add one on the order desk first.</p> : null}
      <div className={errors.resourceId ? 'field has-error' : 'field'}>
        <label htmlFor="plan-resourceId" className="field-label">Production line</label>
        <select id="plan-resourceId" value={line} onChange={(e) => setLine(e.target.value)} aria-invalid={errors.resourceId ? true : undefined} aria-describedby={errors.resourceId ? 'plan-resourceId-error' : undefined}>
          <option value="">{o.resource ? '— Take it off its line —' : '— Choose a line —'}</option>
          {items.map((r) => (
            <option key={r.id} value={r.id}>{r.name} ({r.capacityPerDay.toLocaleString('en-GB')} unit{r.capacityPerDay === 1 ? '' : 's'} a working day)</option>
          ))}
        </select>
        <FieldError id="plan-resourceId" message={errors.resourceId} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button type="submit" className="btn btn-primary" disabled={busy || !lines.data}>{busy ? 'Planning…' : line || !o.resource ? 'Plan on this line' : 'Take it off its line'}</button>
      </div>
    </form>
  );
}

function RejectForm({ order: o, offer, onCancel, onDone }: { order: DeskOrderDetail; offer: Offer | undefined; onCancel(): void; onDone(u: DeskOrderDetail): void }) {
  const { errors, error, busy, run } = useSubmit();
  const [ground, setGround] = useState<RejectionGround | ''>(offer?.ground ?? '');
  const [reasons, setReasons] = useState('');
  const [offered, setOffered] = useState(offer?.date ?? '');
  const needsDate = REJECTION_GROUNDS.find((g) => g.value === ground)?.needsDate ?? false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!reasons.trim()) local.reasons = 'Give the reasons for the rejection (700.13(d)).';
    if (needsDate && !offered) local.offeredDeliveryDate = 'State the earliest date you can deliver, and offer to accept for it (700.13(b)(1)).';
    else if (offered && offered <= o.requiredDeliveryDate) local.offeredDeliveryDate = `The offered date must be later than the required date ${formatDate(o.requiredDeliveryDate)}; if you can meet it, accept the order (700.13(a)).`;
    void run(local, async () =>
      onDone(await orderDeskApi.decide(o.id, { decision: 'reject', reasons: reasons.trim(), ...(ground ? { rejectionGround: ground } : {}), ...(offered ? { offeredDeliveryDate: offered } : {}) })),
    );
  };
  const aria = (f: string) => ({ id: `rej-${f}`, 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `rej-${f}-error` : undefined });
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Reject the order" data-testid="reject-form">
      <p className="small muted">
        Required delivery {formatDate(o.requiredDeliveryDate)}. Conflicts with lower-rated or unrated orders are not a reason to reject (700.13(b)(1)).
      </p>
      {error && !Object.keys(errors).length ? <ErrorBanner error={error} /> : null}
      <div className={errors.rejectionGround ? 'field has-error' : 'field'}>
        <label htmlFor="rej-rejectionGround" className="field-label">Ground</label>
        <select {...aria('rejectionGround')} value={ground} onChange={(e) => setGround(e.target.value as RejectionGround | '')}>
          <option value="">— Other (explain in the reasons) —</option>
          {REJECTION_GROUNDS.map((g) => (
            <option key={g.value} value={g.value}>{g.label}</option>
          ))}
        </select>
        <FieldError id="rej-rejectionGround" message={errors.rejectionGround} />
      </div>
      <div className={errors.reasons ? 'field has-error' : 'field'}>
        <label htmlFor="rej-reasons" className="field-label">Reasons (required)</label>
        <textarea {...aria('reasons')} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
        <FieldError id="rej-reasons" message={errors.reasons} />
      </div>
      <div className={errors.offeredDeliveryDate ? 'field has-error' : 'field'}>
        <label htmlFor="rej-offeredDeliveryDate" className="field-label">Earliest date you can deliver (offered){needsDate ? ' — required' : ''}</label>
        <input {...aria('offeredDeliveryDate')} type="date" value={offered} onChange={(e) => setOffered(e.target.value)} />
        <FieldError id="rej-offeredDeliveryDate" message={errors.offeredDeliveryDate} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button type="submit" className="btn btn-danger" disabled={busy}>{busy ? 'Rejecting…' : 'Reject order'}</button>
      </div>
    </form>
  );
}

const CHANGE_KINDS = [
  { value: 'destination', label: 'Shipping destination' },
  { value: 'quantity', label: 'Quantity' },
  { value: 'delivery_date', label: 'Required delivery date' },
  { value: 'rating', label: 'Rating' },
  { value: 'cancel', label: 'Cancel the order' },
] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number]['value'];

function ChangeForm({ order: o, onCancel, onDone }: { order: DeskOrderDetail; onCancel(): void; onDone(u: DeskOrderDetail, text: string): void }) {
  const { errors, error, busy, run } = useSubmit();
  const [kind, setKind] = useState<ChangeKind>('delivery_date');
  const [value, setValue] = useState('');
  const [negligible, setNegligible] = useState(false);
  const [reasons, setReasons] = useState('');
  const field = kind === 'destination' ? 'destination' : kind === 'quantity' ? 'quantity' : kind === 'delivery_date' ? 'requiredDeliveryDate' : 'rating';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    let body: OrderChangeBody;
    const r = reasons.trim() ? { reasons: reasons.trim() } : {};
    switch (kind) {
      case 'destination':
        if (!value.trim()) local.destination = 'Enter the new shipping destination.';
        body = { kind, destination: value.trim(), ...r };
        break;
      case 'quantity':
        if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) local.quantity = 'Enter a whole number of units, more than zero.';
        body = { kind, quantity: Number(value), ...(negligible ? { negligibleDeliveryImpact: true } : {}), ...r };
        break;
      case 'delivery_date':
        if (!value) local.requiredDeliveryDate = 'Choose the new required delivery date ("as soon as possible" is not a date).';
        body = { kind, requiredDeliveryDate: value, ...r };
        break;
      case 'rating':
        body = { kind, rating: value.trim() ? value.trim().toUpperCase() : null, ...r };
        break;
      case 'cancel':
        body = { kind, ...r };
        break;
    }
    void run(local, async () => {
      const res = await orderDeskApi.change(o.id, body);
      onDone(res.order, res.change.explanation);
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Record a change" data-testid="change-form">
      <p className="small muted">
        15 CFR 700.16: a change that significantly alters your schedule (date earlier, more units, unrated → rated, DO → DX) is a new rated order: you decide again within the 700.13 limits.
        A new destination or fewer units keep your decision.
      </p>
      {error && !Object.keys(errors).length ? <ErrorBanner error={error} /> : null}
      <div className="field">
        <label htmlFor="chg-kind" className="field-label">What changed</label>
        <select id="chg-kind" value={kind} onChange={(e) => { setKind(e.target.value as ChangeKind); setValue(''); }}>
          {CHANGE_KINDS.map((k) => (
            <option key={k.value} value={k.value}>{k.label}</option>
          ))}
        </select>
      </div>
      {kind !== 'cancel' ? (
        <div className={errors[field] ? 'field has-error' : 'field'}>
          <label htmlFor="chg-value" className="field-label">
            {kind === 'destination' ? 'New destination' : kind === 'quantity' ? `New quantity (now ${o.quantity})` : kind === 'delivery_date' ? `New required date (now ${formatDate(o.requiredDeliveryDate)})` : `New rating (now ${o.rating ?? 'unrated'}; blank = unrated)`}
          </label>
          <input id="chg-value" type={kind === 'delivery_date' ? 'date' : 'text'} inputMode={kind === 'quantity' ? 'numeric' : undefined} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={errors[field] ? true : undefined} aria-describedby={errors[field] ? 'chg-value-error' : undefined} />
          <FieldError id="chg-value" message={errors[field]} />
        </div>
      ) : (
        <p className="banner banner-warn">The order is cancelled and stays in the book as a record (700.91).</p>
      )}
      {kind === 'quantity' ? (
        <label className="check small">
          <input type="checkbox" checked={negligible} onChange={(e) => setNegligible(e.target.checked)} /> An increase with negligible delivery impact (700.16(d)); say why below
        </label>
      ) : null}
      <div className={errors.reasons ? 'field has-error' : 'field'}>
        <label htmlFor="chg-reasons" className="field-label">Customer notice / reasons</label>
        <textarea id="chg-reasons" rows={2} value={reasons} onChange={(e) => setReasons(e.target.value)} aria-invalid={errors.reasons ? true : undefined} />
        <FieldError id="chg-reasons" message={errors.reasons} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button type="submit" className={kind === 'cancel' ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>{busy ? 'Saving…' : kind === 'cancel' ? 'Cancel order' : 'Record change'}</button>
      </div>
    </form>
  );
}
