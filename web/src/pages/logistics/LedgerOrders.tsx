// The ledger's orders: filters, and the table with open amounts, claims and a Settle button where
// the API offers one (`canSettle`: on a copy kept by the supplying nation's desk, only the
// receiving nation's officer, whose settlement is a claim sent there; issue #13).
import { useState } from 'react';
import { METHOD_LABEL, partnershipApi, SUPPORT_CLASSES, type ClaimSent, type LedgerOrder, type SettlementMethod } from '../../api/partnership.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { ListBody } from '../../components/list/ListBody.js';
import { InlineSelectFilter } from '../../components/list/ListFilters.js';
import { formatDate, humanise } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { money } from './money.js';

/** A claim sent from this copy to the desk that keeps the order: not on the ledger until that desk's answer comes back. */
function ClaimSentNote({ c, currency }: { c: ClaimSent; currency: string }) {
  if (c.delivery === 'refused') {
    return <div className="small field-error" data-testid="claim-sent">Claim of {money(c.amount, currency)} refused by {c.sentTo}’s desk{c.refusalReason ? ` (${c.refusalReason.replaceAll('_', ' ')})` : ''}</div>;
  }
  return <div className="small muted" data-testid="claim-sent">Claim of {money(c.amount, currency)} sent to {c.sentTo}’s desk, not yet applied</div>;
}

function OrderStatus({ o }: { o: LedgerOrder }) {
  if (o.status === 'settled') return <span className="chip chip-ok">Settled</span>;
  return (
    <>
      <span className={o.status === 'partly_settled' ? 'chip chip-warn' : 'chip'}>{o.status === 'partly_settled' ? 'Partly settled' : 'Open'}</span>
      {o.overdue ? <span className="badge wg-overdue" data-testid="overdue-badge">Overdue</span> : null}
    </>
  );
}

const COLUMNS: Array<Column<LedgerOrder>> = [
  {
    head: 'Order',
    cell: (o) => (
      <>
        <span className="mono small">{o.reference}</span>
        <div>{o.description}</div>
        {o.occasion ? <div className="small muted">{o.occasion}</div> : null}
        {o.keptBy ? <div className="small muted" data-testid="kept-by">Kept on {o.keptBy}’s desk</div> : null}
        {o.claimSent ? <ClaimSentNote c={o.claimSent} currency={o.currency} /> : null}
      </>
    ),
  },
  { head: 'Supplied', cellClass: 'nowrap', cell: (o) => `${o.supplyingNation} → ${o.receivingNation}` },
  { head: 'Class', cellClass: 'nowrap', cell: (o) => <>{humanise(o.supportClass)}<div className="small muted">{METHOD_LABEL[o.settlementMethod as SettlementMethod]}</div></> },
  { head: 'Delivered', cellClass: 'nowrap', cell: (o) => formatDate(o.deliveredOn) },
  { head: 'Amount', className: 'num', cellClass: 'nowrap mono', cell: (o) => money(o.amount, o.currency) },
  {
    head: 'Open',
    className: 'num',
    cellClass: 'nowrap mono',
    cellTestId: 'open-amount',
    cell: (o) => <>{money(o.open, o.currency)}{o.claimedMinor > 0 ? <div className="small muted" data-testid="claimed-amount">{money(o.claimed, o.currency)} claimed</div> : null}</>,
  },
  { head: 'Settle by', cellClass: 'nowrap', cell: (o) => formatDate(o.settleBy) },
  { head: 'Status', cellClass: 'nowrap', cell: (o) => <OrderStatus o={o} /> },
];

const STATUS_CHOICES = [['open', 'Open'], ['overdue', 'Overdue'], ['settled', 'Settled']] as const;

export function LedgerOrders({ onSettle }: { onSettle(o: LedgerOrder): void }) {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [supportClass, setSupportClass] = useState('');
  const filter = { q, status, supportClass };
  const orders = useApiQuery(keys.logistics.list(filter), () => partnershipApi.listOrders(filter));
  const filtered = Boolean(q || status || supportClass);
  const columns: Array<Column<LedgerOrder>> = [
    ...COLUMNS,
    { head: <span className="sr-only">Actions</span>, cellClass: 'right', cell: (o) => (o.canSettle ? <button type="button" className="btn btn-small" onClick={() => onSettle(o)}>Settle</button> : null) },
  ];
  return (
    <section className="panel" aria-labelledby="lo-h">
      <div className="panel-head">
        <h2 id="lo-h" className="panel-title">Orders</h2>
        <div className="inline-filters" role="search" aria-label="Filter orders">
          <input type="search" aria-label="Search orders" placeholder="Reference, description, occasion" value={q} onChange={(e) => setQ(e.target.value)} />
          <InlineSelectFilter id="lo-f-status" label="Status" value={status} options={STATUS_CHOICES} onChange={setStatus} />
          <InlineSelectFilter id="lo-f-class" label="Class" value={supportClass} options={SUPPORT_CLASSES.map((c) => [c, humanise(c)] as const)} onChange={setSupportClass} />
        </div>
      </div>
      <ListBody query={orders} loadingLabel="Loading orders…" empty={{ title: filtered ? 'No order matches these filters' : 'No logistics orders yet', body: filtered ? 'Try removing a filter.' : null }}>
        {(rows) => (
          <DataTable
            rows={rows}
            columns={columns}
            rowKey={(o) => o.id}
            rowProps={(o) => ({ 'data-testid': 'ledger-row', 'data-reference': o.reference, ...(o.overdue ? { className: 'is-late' } : {}) })}
            testId="ledger-table"
            caption="Logistics support orders"
          />
        )}
      </ListBody>
    </section>
  );
}
