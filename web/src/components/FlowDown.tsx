// Flow-down of rated orders (15 CFR 700.15, 700.17): the tree of sub-orders below an order and
// the panel of rated sub-orders a company received (placing one: SubOrderDialog.tsx).
import { useState } from 'react';
import { flowDownApi, PURPOSE_LABEL, STATUS_LABEL, type FlowDownOrder, type FlowDownStatus, type SubOrderLists } from '../api/flow-down.js';
import { formatDate, formatDateTime } from '../format.js';
import { useLoad } from '../use-load.js';
import { EmptyState } from './EmptyState.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Spinner } from './Spinner.js';

export interface FlowDownParent {
  id: string;
  orderNumber: string;
  rating: string | null;
  quantity: number;
  requiredDeliveryDate: string;
}

export function FlowStatusBadge({ status, overdue }: { status: FlowDownStatus; overdue?: boolean }) {
  const tone = overdue ? 'warn' : status === 'accepted' ? 'done' : status === 'rejected' || status === 'cancelled' ? 'warn' : status === 'external' ? 'muted' : 'progress';
  return (
    <span className={`badge badge-state tone-${tone}`} data-testid="flow-status" data-status={status}>
      <span className="dot" aria-hidden="true" />
      {overdue ? `${STATUS_LABEL[status]} — overdue` : STATUS_LABEL[status]}
    </span>
  );
}

function Deadline({ dueAt, overdue, timeZone }: { dueAt: string | null; overdue: boolean; timeZone: string | undefined }) {
  if (!dueAt) return <span className="muted small">No acceptance clock (external)</span>;
  return (
    <span className={overdue ? 'small late-text' : 'small'} title="15 CFR 700.13(d) acceptance deadline in the sub-supplier's calendar">
      Decision due {formatDateTime(dueAt, timeZone)}
    </span>
  );
}

function TreeNode({ order, depth }: { order: FlowDownOrder; depth: number }) {
  const zone = order.timeZone;
  return (
    <div className="flow-node" data-testid="flow-node" data-order={order.orderNumber}>
      <div className="flow-node-head">
        <span className="mono strong">{order.orderNumber}</span>
        <span className="badge rating-badge">{order.rating ?? 'Unrated'}</span>
        <span className="small">{order.company.name}</span>
        <FlowStatusBadge status={order.status} overdue={order.overdue} />
        {depth > 0 ? <Deadline dueAt={order.acceptanceDueAt} overdue={order.overdue} timeZone={zone} /> : null}
      </div>
      {order.subOrders === null ? <p className="small muted flow-hidden">Sub-orders this supplier placed are its own business (not shown).</p> : null}
      {order.subOrders && order.subOrders.length > 0 ? (
        <ul className="flow-children">
          {order.subOrders.map((s) => (
            <li key={s.id} className="flow-child" data-testid="flow-sub-order" data-order={s.orderNumber}>
              <div className="flow-node-head">
                <span className="flow-arrow" aria-hidden="true">↳</span>
                <span className="mono strong">{s.orderNumber}</span>
                <span className="badge rating-badge" title={s.ratingBasis}>{s.rating}</span>
                <span className="small">{s.supplier.name}</span>
                <span className="chip">{PURPOSE_LABEL[s.purpose]}</span>
                <span className="small muted">{s.quantity} × {s.description}, due {formatDate(s.requiredDeliveryDate)}</span>
                <FlowStatusBadge status={s.status} overdue={s.overdue} />
                <Deadline dueAt={s.acceptanceDueAt} overdue={s.overdue} timeZone={zone} />
              </div>
              {s.order && s.order.subOrders && s.order.subOrders.length > 0 ? (
                <div className="flow-nested">
                  <TreeNode order={s.order} depth={depth + 1} />
                </div>
              ) : s.order && s.order.subOrders === null ? (
                <p className="small muted flow-hidden">Orders {s.supplier.name} places further down are its own business (not shown).</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {order.subOrders && order.subOrders.length === 0 && depth === 0 ? <p className="small muted">No rated sub-orders placed for this order yet.</p> : null}
    </div>
  );
}

/** The tree of sub-orders below one order (loaded when shown). */
export function FlowDownTree({ orderId, nonce }: { orderId: string; nonce: number }) {
  const tree = useLoad(() => flowDownApi.flowDown(orderId), [orderId, nonce]);
  return (
    <div className="flow-tree" data-testid="flow-tree">
      <ErrorBanner error={tree.error} onRetry={tree.reload} />
      {tree.loading && !tree.data ? <Spinner label="Loading sub-orders…" /> : null}
      {tree.data ? <TreeNode order={tree.data} depth={0} /> : null}
    </div>
  );
}

/** Rated sub-orders received from customer companies in the system: no line yet, so not in the book. */
export function ReceivedSubOrdersPanel({ lists, onPlace, nonce }: { lists: SubOrderLists | undefined; onPlace(parent: FlowDownParent): void; nonce: number }) {
  const [open, setOpen] = useState<string | null>(null);
  const items = lists?.received ?? [];
  return (
    <section className="panel" aria-labelledby="received-h" data-testid="received-sub-orders">
      <h2 id="received-h" className="panel-title">Rated sub-orders received</h2>
      {lists && items.length === 0 ? <EmptyState title="No rated sub-orders received">Orders your customers place with you through SOSA Desk appear here, with their acceptance deadline.</EmptyState> : null}
      {items.length > 0 ? (
        <ul className="received-list">
          {items.map((o) => (
            <li key={o.id} data-testid="received-row" data-order={o.orderNumber}>
              <div className="flow-node-head">
                <span className="mono strong">{o.orderNumber}</span>
                <span className="badge rating-badge">{o.rating ?? 'Unrated'}</span>
                <span className="small">from {o.customer}</span>
                <span className="small muted">{o.quantity} units, due {formatDate(o.requiredDeliveryDate)}</span>
                <FlowStatusBadge status={o.status} overdue={o.overdue} />
                <Deadline dueAt={o.acceptanceDueAt} overdue={o.overdue} timeZone={lists?.timeZone} />
                <span className="row-actions">
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(open === o.id ? null : o.id)} aria-expanded={open === o.id}>
                    {open === o.id ? 'Hide sub-orders' : 'Sub-orders'}
                  </button>
                  {o.rating && o.status !== 'rejected' && o.status !== 'cancelled' ? (
                    <button type="button" className="btn btn-small" onClick={() => onPlace({ id: o.id, orderNumber: o.orderNumber, rating: o.rating, quantity: o.quantity, requiredDeliveryDate: o.requiredDeliveryDate })}>
                      Place sub-order
                    </button>
                  ) : null}
                </span>
              </div>
              {open === o.id ? <FlowDownTree orderId={o.id} nonce={nonce} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
