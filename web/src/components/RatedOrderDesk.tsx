// The order desk's book with the 700.13 countdown per order, and the order dialog: 700.12
// completeness, accept / reject (700.13), changes and cancellation (700.16), history (700.91).
import { useState, type FormEvent, type ReactNode } from 'react';
import { FlowDownTree, type FlowDownParent } from './FlowDown.js';
import { ApiError } from '../api/client.js';
import { orderDeskApi, REJECTION_GROUNDS, type DeskOrder, type DeskOrderDetail, type OrderChangeBody, type OrderHistoryEntry, type RejectionGround } from '../api/order-desk.js';
import type { OrderPriority } from '../api/types.js';
import { formatDate, formatDateTime, humanise } from '../format.js';
import { toApiError, useLoad } from '../use-load.js';
import { Dialog } from './Dialog.js';
import { EmptyState } from './EmptyState.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Spinner } from './Spinner.js';
import { href } from '../router.js';

const STATUS_LABEL: Record<DeskOrder['status'], string> = {
  awaiting_decision: 'Awaiting decision',
  not_yet_rated: 'Not yet rated',
  accepted: 'Accepted',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  unrated: 'Unrated',
};

function StatusChip({ order }: { order: Pick<DeskOrder, 'status' | 'decision'> }) {
  return (
    <span className={`chip desk-status desk-status-${order.status}`} data-testid="desk-status">
      {STATUS_LABEL[order.status]}
      {order.decision?.late ? ' (late)' : ''}
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
  const [open, setOpen] = useState<string>();
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
            <caption className="sr-only">Order book: decision deadlines (700.13) and projected completion (700.14)</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Rating</th>
                <th scope="col">Status</th>
                <th scope="col">Decide by</th>
                <th scope="col">Line</th>
                <th scope="col" className="num">Qty</th>
                <th scope="col">Required</th>
                <th scope="col">Projected completion</th>
                <th scope="col" className="num">Late</th>
                <th scope="col">Flow-down</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <DeskOrderRows key={o.id} order={o} nonce={nonce} onOpen={() => setOpen(o.id)} onPlace={onPlace} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open ? <OrderDialog orderId={open} onClose={() => setOpen(undefined)} onChanged={reloadAll} /> : null}
    </section>
  );
}

function DeskOrderRows({ order: o, nonce, onOpen, onPlace }: { order: DeskOrder; nonce: number; onOpen(): void; onPlace(parent: FlowDownParent): void }) {
  const late = o.daysLate > 0;
  const [flowOpen, setFlowOpen] = useState(false);
  const classes = ['order-row', late ? 'is-late has-delay' : '', o.acceptance?.overdue ? 'is-overdue' : '', o.status === 'cancelled' ? 'is-cancelled' : ''].filter(Boolean).join(' ');
  return (
    <>
      <tr className={classes} data-testid="order-row" data-order={o.orderNumber} data-late={late ? 'true' : 'false'}>
        <td className="nowrap mono">
          <button type="button" className="link-btn" onClick={onOpen} aria-label={`Open order ${o.orderNumber}`}>
            {o.orderNumber}
          </button>
        </td>
        <td>{o.customer}</td>
        <td>
          <span className={`badge rating-badge rating-${o.priority}`} data-testid="rating-badge">{o.rating ?? 'Unrated'}</span>
        </td>
        <td><StatusChip order={o} /></td>
        <td className="nowrap"><CountdownBadge order={o} /></td>
        <td className="nowrap">{o.resource?.name ?? <span className="muted">not planned</span>}</td>
        <td className="num">{o.quantity}</td>
        <td className="nowrap">{formatDate(o.requiredDeliveryDate)}</td>
        <td className={late ? 'nowrap late-text' : 'nowrap'}>{formatDate(o.projectedCompletionDate)}</td>
        <td className="num nowrap" data-testid="days-late">
          {o.projectedCompletionDate === null ? <span className="muted">—</span> : late ? <span className="late-days">{o.daysLate} day{o.daysLate === 1 ? '' : 's'} late</span> : <span className="on-time">On time</span>}
        </td>
        <td className="nowrap">
          {o.rating ? (
            <span className="row-actions">
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
      {late && o.delay ? (
        <tr className="delay-row" data-testid="delay-row" data-order={o.orderNumber}>
          <td colSpan={11}>
            <div className="delay-text">
              <span className="delay-label">Why late:</span> {o.delay.text}
              {o.delay.notifyCustomer ? <span className="chip chip-warn">Notify the customer</span> : null}
            </div>
          </td>
        </tr>
      ) : null}
      {flowOpen ? (
        <tr className="flow-row" data-testid="flow-row" data-order={o.orderNumber}>
          <td colSpan={11}>
            <FlowDownTree orderId={o.id} nonce={nonce} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

type Mode = 'view' | 'accept' | 'reject' | 'change';

function OrderDialog({ orderId, onClose, onChanged }: { orderId: string; onClose(): void; onChanged(): void }) {
  const order = useLoad(() => orderDeskApi.get(orderId), [orderId]);
  const [mode, setMode] = useState<Mode>('view');
  const [offer, setOffer] = useState<string>();
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
          <AcceptForm order={o} onCancel={() => setMode('view')} onDone={(u) => done(u, 'Accepted.')} onOfferEarliest={(date) => { setOffer(date); setMode('reject'); }} />
        ) : null}
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
        <Fact label="Received">{formatDate(o.receivedDate)}</Fact>
        <Fact label="Line">{o.resource?.name ?? 'Not planned on a line'}</Fact>
        <Fact label="Projected completion">
          {formatDate(o.projectedCompletionDate)}
          {o.daysLate > 0 ? <span className="late-days"> ({o.daysLate} days late)</span> : null}
        </Fact>
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
      <HistoryList items={o.history} />
    </>
  );
}

function describe(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([k, v]) => v !== null && v !== undefined && v !== '' && k !== 'source')
    .map(([k, v]) => `${humanise(k)}: ${typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) : String(v)}`)
    .join(', ');
}

function HistoryList({ items }: { items: OrderHistoryEntry[] }) {
  const label = (h: OrderHistoryEntry) =>
    h.kind === 'received' ? 'Received' : h.kind === 'decision' ? `Decision: ${String(h.after.decision)}` : h.kind === 'cancel' ? 'Cancelled' : `Change: ${humanise(h.changeKind ?? '')}`;
  return (
    <section aria-labelledby="order-history-h" className="order-history">
      <h3 id="order-history-h" className="subhead">History</h3>
      {items.length === 0 ? <p className="muted small">No entries.</p> : null}
      <ol className="history-list" data-testid="order-history">
        {items.map((h) => (
          <li key={h.id}>
            <div>
              <span className="strong">{label(h)}</span>
              {h.newRatedOrder ? <span className="chip chip-warn">new rated order — decide again</span> : null}
              <span className="muted small"> · {formatDateTime(h.at)} · {h.actor?.username ?? 'system'}</span>
            </div>
            {h.kind === 'change' || h.kind === 'cancel' ? <div className="small">Before: {describe(h.before) || '—'}</div> : null}
            {h.kind !== 'decision' ? <div className="small">{h.kind === 'received' ? '' : 'After: '}{describe(h.after)}</div> : null}
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

function AcceptForm({ order: o, onCancel, onDone, onOfferEarliest }: { order: DeskOrderDetail; onCancel(): void; onDone(u: DeskOrderDetail): void; onOfferEarliest(date: string): void }) {
  const { errors, error, busy, run } = useSubmit();
  const earliest = typeof error?.problem.earliestDeliveryDate === 'string' ? error.problem.earliestDeliveryDate : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run({}, async () => onDone(await orderDeskApi.decide(o.id, { decision: 'accept' })));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Accept the order" data-testid="accept-form">
      <p>
        Accept <span className="strong">{o.orderNumber}</span> for {o.quantity} units by {formatDate(o.requiredDeliveryDate)}? 700.13(a): a rated order is accepted and filled regardless of other
        accepted orders; it is checked against your current schedule first.
      </p>
      {error ? (
        <div className="banner banner-error" role="alert" data-testid="accept-refused">
          <div>
            <strong>{error.detail ?? error.title}</strong>
            {errors.decision ? <p className="small">{errors.decision}</p> : null}
          </div>
        </div>
      ) : null}
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        {earliest ? (
          <button type="button" className="btn btn-danger-outline" onClick={() => onOfferEarliest(earliest)}>
            Reject and offer {formatDate(earliest)}…
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Accepting…' : 'Accept order'}</button>
        )}
      </div>
    </form>
  );
}

function RejectForm({ order: o, offer, onCancel, onDone }: { order: DeskOrderDetail; offer: string | undefined; onCancel(): void; onDone(u: DeskOrderDetail): void }) {
  const { errors, error, busy, run } = useSubmit();
  const [ground, setGround] = useState<RejectionGround | ''>(offer ? 'interferes_with_accepted_rated_orders' : '');
  const [reasons, setReasons] = useState('');
  const [offered, setOffered] = useState(offer ?? '');
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
