// The parts a drafted request asks for, with the quantity the officer may still change (issue #15).
import type { EventRequest } from '../../api/events.js';
import { DataTable, type Column } from '../list/DataTable.js';

type DraftItem = EventRequest['content']['items'][number];

export function DraftItemsTable({ items, canEdit, onQuantity }: { items: DraftItem[]; canEdit: boolean; onQuantity(item: DraftItem, quantity: number): void }) {
  const columns: Array<Column<DraftItem>> = [
    { head: 'Part', rowHeader: true, cell: (item) => item.partNumber },
    { head: 'Description', cell: (item) => item.description },
    {
      head: 'Quantity',
      className: 'num',
      cell: (item) => (
        <input
          aria-label={`Quantity of ${item.partNumber}`}
          data-testid="draft-quantity"
          type="number"
          min={1}
          value={item.quantity}
          disabled={!canEdit}
          onChange={(e) => onQuantity(item, Number(e.target.value))}
        />
      ),
    },
    { head: 'Delivery by', cell: (item) => item.requiredDeliveryDate },
  ];
  return <DataTable rows={items} columns={columns} rowKey={(item) => String(items.indexOf(item))} caption="Parts asked for" />;
}
