// The LEMOA / ACSA reciprocal logistics support ledger: orders from a supplying to a receiving
// nation, settlements (cash, replacement in kind, equal value exchange), balances and overdue items.
import { useState } from 'react';
import { partnershipApi, type LedgerOrder } from '../api/partnership.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, humanise } from '../format.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { hasRole, useSession } from '../session.js';
import { BalancesPanel } from './logistics/BalancesPanel.js';
import { ClaimsPanel } from './logistics/ClaimsPanel.js';
import { LedgerOrders } from './logistics/LedgerOrders.js';
import { money } from './logistics/money.js';
import { NewOrderDialog } from './logistics/NewOrderDialog.js';
import { SettleDialog } from './logistics/SettleDialog.js';

export function LogisticsLedgerPage() {
  const { user } = useSession();
  const [settling, setSettling] = useState<LedgerOrder | null>(null);
  const [creating, setCreating] = useState(false);
  // Every write of the ledger invalidates keys.logistics: balances and orders reload together.
  const balances = useApiQuery(keys.logistics.part('balances'), () => partnershipApi.balances());
  const officer = hasRole(user, 'sosa_officer');
  return (
    <div className="page partnership-page">
      <PageHeader title="Logistics ledger" subtitle="Reciprocal logistics support (LEMOA / ACSA): what each nation supplied, and how it is settled — cash, replacement in kind or equal value exchange." actions={officer ? <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>Record order</button> : undefined} />
      <ErrorBanner error={balances.error} onRetry={balances.reload} />
      {balances.data ? <BalancesPanel balances={balances.data} /> : balances.loading ? <Spinner label="Loading balances…" /> : null}
      {balances.data && balances.data.claims.length > 0 ? <ClaimsPanel claims={balances.data.claims} /> : null}
      {balances.data && balances.data.overdue.length > 0 ? (
        <section className="panel" aria-labelledby="od-h" data-testid="overdue-panel">
          <h2 id="od-h" className="panel-title">Overdue settlements</h2>
          <ul className="ledger-overdue">
            {balances.data.overdue.map((o) => <li key={o.id}><span className="mono">{o.reference}</span> — {o.receivingNation} owes {o.supplyingNation} {money(o.open, o.currency)} for {humanise(o.supportClass).toLowerCase()} ({o.description}); was due {formatDate(o.settleBy)}</li>)}
          </ul>
        </section>
      ) : null}
      <LedgerOrders onSettle={setSettling} />
      {settling ? <SettleDialog order={settling} onClose={() => setSettling(null)} onDone={() => setSettling(null)} /> : null}
      {creating ? <NewOrderDialog onClose={() => setCreating(false)} onDone={() => setCreating(false)} /> : null}
    </div>
  );
}
