// An order's history (700.91: orders are never deleted), each entry said in words.
import { rejectionGroundLabel, type OrderHistoryEntry } from '../../api/order-desk.js';
import { formatDate, formatDateTime, humanise } from '../../format.js';

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
export function OrderHistory({ items, zone }: { items: OrderHistoryEntry[]; zone: string | undefined }) {
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
