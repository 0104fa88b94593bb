// The "orders concerned" of a new SPA request: each line typed in or filled from the user's own
// rated orders and the sub-orders received.
import { SpaError, SpaField } from './SpaField.js';

export interface OrderLine {
  orderId?: string;
  orderNumber: string;
  rating: string;
  items: string;
  quantity: string;
  requiredDeliveryDate: string;
  promisedDeliveryDate: string;
}
export const emptyLine = (): OrderLine => ({ orderNumber: '', rating: '', items: '', quantity: '', requiredDeliveryDate: '', promisedDeliveryDate: '' });

/** A rated order the user holds, as a line may be filled from it. */
export interface RatedChoice {
  id: string;
  orderNumber: string;
  rating: string;
  quantity: number;
  due: string;
  promised: string;
}

export function SpaOrderLines({ lines, setLines, rated, errors, onFromBook }: { lines: OrderLine[]; setLines(lines: OrderLine[]): void; rated: RatedChoice[]; errors: Record<string, string>; onFromBook(line: number): void }) {
  const setLine = (i: number, patch: Partial<OrderLine>) => setLines(lines.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const fromBook = (i: number, id: string) => {
    const o = rated.find((r) => r.id === id);
    onFromBook(i);
    if (!o) return setLine(i, { orderId: undefined });
    setLine(i, { orderId: o.id, orderNumber: o.orderNumber, rating: o.rating, quantity: String(o.quantity), requiredDeliveryDate: o.due, promisedDeliveryDate: o.promised });
  };
  return (
    <>
      <div className="spa-lines">
        {lines.map((l, i) => (
          <fieldset key={i} className="spa-line" data-testid="spa-order-line">
            <legend className="small muted">Order {i + 1}</legend>
            <div className="grid-3">
              <div className="field">
                <label htmlFor={`spa-book-${i}`} className="field-label">From my book</label>
                <select id={`spa-book-${i}`} value={l.orderId ?? ''} onChange={(e) => fromBook(i, e.target.value)}>
                  <option value="">— type it in —</option>
                  {rated.map((o) => <option key={o.id} value={o.id}>{o.orderNumber} ({o.rating})</option>)}
                </select>
                <SpaError field={`orders/${i}/orderId`} errors={errors} />
              </div>
              <SpaField field={`orders/${i}/orderNumber`} label="Order number" errors={errors} value={l.orderNumber} onChange={(e) => setLine(i, { orderNumber: e.target.value })} />
              <SpaField field={`orders/${i}/rating`} label="Rating" errors={errors} className="mono" placeholder="DO-A1" value={l.rating} onChange={(e) => setLine(i, { rating: e.target.value })} />
              <SpaField field={`orders/${i}/items`} label="Items" errors={errors} value={l.items} onChange={(e) => setLine(i, { items: e.target.value })} />
              <SpaField field={`orders/${i}/quantity`} label="Quantity" errors={errors} inputMode="numeric" value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} />
              <SpaField field={`orders/${i}/requiredDeliveryDate`} label="Required delivery" errors={errors} type="date" value={l.requiredDeliveryDate} onChange={(e) => setLine(i, { requiredDeliveryDate: e.target.value })} />
              <SpaField field={`orders/${i}/promisedDeliveryDate`} label="Promised delivery" errors={errors} type="date" value={l.promisedDeliveryDate} onChange={(e) => setLine(i, { promisedDeliveryDate: e.target.value })} />
            </div>
            {lines.length > 1 ? <button type="button" className="btn btn-small btn-ghost" onClick={() => setLines(lines.filter((_, k) => k !== i))}>Remove order</button> : null}
          </fieldset>
        ))}
      </div>
      <button type="button" className="btn btn-small" onClick={() => setLines([...lines, emptyLine()])}>Add an order</button>
    </>
  );
}
