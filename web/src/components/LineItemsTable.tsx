import type { LineItem } from '../api/types.js';
import { formatDate } from '../format.js';

export function LineItemsTable({ items }: { items: LineItem[] }) {
  return (
    <section className="panel" aria-labelledby="items-h">
      <h2 id="items-h" className="panel-title">Line items</h2>
      <div className="table-wrap">
        <table className="table" data-testid="line-items">
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">Part number</th>
              <th scope="col">NSN</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">Quantity</th>
              <th scope="col">Delivery by</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.lineNo}>
                <td className="num muted">{i.lineNo}</td>
                <td className="mono">{i.partNumber}</td>
                <td className="mono">{i.nsn ?? '—'}</td>
                <td>{i.description}</td>
                <td className="num">
                  {i.quantity.toLocaleString()} <span className="muted">{i.unit}</span>
                </td>
                <td className="nowrap">{formatDate(i.requiredDeliveryDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
