import type { LineItem } from '../api/types.js';
import { formatDate } from '../format.js';
import { DataTable, type Column } from './list/DataTable.js';

const COLUMNS: Array<Column<LineItem>> = [
  { head: '#', className: 'num', cellClass: 'muted', cell: (i) => i.lineNo },
  { head: 'Part number', cellClass: 'mono', cell: (i) => i.partNumber },
  { head: 'NSN', cellClass: 'mono', cell: (i) => i.nsn ?? '—' },
  { head: 'Description', cell: (i) => i.description },
  { head: 'Quantity', className: 'num', cell: (i) => <>{i.quantity.toLocaleString()} <span className="muted">{i.unit}</span></> },
  { head: 'Delivery by', cellClass: 'nowrap', cell: (i) => formatDate(i.requiredDeliveryDate) },
];

export function LineItemsTable({ items }: { items: LineItem[] }) {
  return (
    <section className="panel" aria-labelledby="items-h">
      <h2 id="items-h" className="panel-title">Line items</h2>
      <div className="table-wrap">
        <DataTable rows={items} columns={COLUMNS} rowKey={(i) => String(i.lineNo)} testId="line-items" />
      </div>
    </section>
  );
}
