// The order desk's book with the 700.13 countdown per order; an order opens in the order dialog.
import { useState } from 'react';
import { orderDeskApi } from '../../api/order-desk.js';
import type { OrderPriority } from '../../api/types.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import type { FlowDownParent } from '../FlowDown.js';
import { ListBody } from '../list/ListBody.js';
import { InlineSelectFilter } from '../list/ListFilters.js';
import type { Mode } from './desk-modes.js';
import { DeskOrderRows } from './DeskOrderRows.js';
import { OrderDialog } from './OrderDialog.js';

const PRIORITY_CHOICES = [['DX', 'DX'], ['DO', 'DO'], ['unrated', 'Unrated']] as const;

export function DeskOrderBook({ nonce, reloadAll, onPlace }: { nonce: number; reloadAll(): void; onPlace(parent: FlowDownParent): void }) {
  const [priority, setPriority] = useState<OrderPriority | ''>('');
  const [late, setLate] = useState(false);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<{ id: string; mode: Mode }>();
  // The page's nonce is part of the key: a change elsewhere on the desk reloads the book.
  const orders = useApiQuery(keys.orderDesk.list({ priority, late, nonce }), () => orderDeskApi.list({ priority, late }));
  const needle = q.trim().toLowerCase();
  const items = (orders.data?.items ?? []).filter((o) => !needle || o.orderNumber.toLowerCase().includes(needle) || o.customer.toLowerCase().includes(needle));
  const filtered = Boolean(priority || late || needle);

  return (
    <section className="panel" aria-labelledby="book-h" data-testid="order-book">
      <div className="panel-head">
        <h2 id="book-h" className="panel-title">Order book</h2>
        <div className="inline-filters" role="search" aria-label="Filter orders">
          <input type="search" aria-label="Search order or customer" placeholder="Order or customer" value={q} onChange={(e) => setQ(e.target.value)} />
          <InlineSelectFilter id="f-priority" label="Priority" value={priority} options={PRIORITY_CHOICES} onChange={(v) => setPriority(v as OrderPriority | '')} />
          <label className="check small">
            <input type="checkbox" checked={late} onChange={(e) => setLate(e.target.checked)} />
            Late only
          </label>
        </div>
      </div>
      <ListBody
        query={orders}
        items={items}
        loadingLabel="Loading orders…"
        empty={{ title: filtered ? 'No order matches these filters' : 'No orders yet', body: filtered ? 'Try removing a filter.' : 'Import the order book as CSV above.' }}
      >
        {(rows) => (
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
              {rows.map((o) => (
                <DeskOrderRows key={o.id} order={o} nonce={nonce} onOpen={(mode) => setOpen({ id: o.id, mode })} onPlace={onPlace} />
              ))}
            </tbody>
          </table>
        )}
      </ListBody>
      {open ? <OrderDialog orderId={open.id} initialMode={open.mode} onClose={() => setOpen(undefined)} onChanged={reloadAll} /> : null}
    </section>
  );
}
