// The supplier's order desk: production lines, CSV import of the order book, the order book with
// projected completion (15 CFR 700.14), a timeline per line and equal-priority conflicts.
import { useState } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { ReceivedSubOrdersPanel, type FlowDownParent } from '../components/FlowDown.js';
import { SubOrderDialog } from '../components/SubOrderDialog.js';
import { flowDownApi, type PlacedSubOrder } from '../api/flow-down.js';
import { ImportPanel } from '../components/order-desk/ImportPanel.js';
import { ResourcesPanel } from '../components/order-desk/ResourcesPanel.js';
import { SchedulePanels } from '../components/order-desk/SchedulePanels.js';
import { DeskOrderBook } from '../components/order-desk/DeskOrderBook.js';
import { PageHeader } from '../components/PageHeader.js';
import { formatDateTime } from '../format.js';
import { useLoad } from '../use-load.js';

export function OrderDeskPage() {
  const [nonce, setNonce] = useState(0);
  const reloadAll = () => setNonce((n) => n + 1);
  const subOrders = useLoad(() => flowDownApi.subOrders(), [nonce]);
  const [placing, setPlacing] = useState<FlowDownParent | null>(null);
  const [placed, setPlaced] = useState<(PlacedSubOrder & { parent: string }) | null>(null);
  return (
    <div className="page">
      <PageHeader title="Order desk" subtitle="Your company's production lines, rated order book and preferential schedule (15 CFR 700.13–700.14)" />
      <div className="order-desk">
        <div className="order-desk-top">
          <ResourcesPanel reloadAll={reloadAll} nonce={nonce} />
          <ImportPanel reloadAll={reloadAll} />
        </div>
        {placed ? (
          <div className="banner banner-success" role="status" data-testid="sub-order-placed">
            <span>
              Sub-order {placed.orderNumber} placed for {placed.parent}, rated <span className="mono strong">{placed.rating}</span>. {placed.ratingBasis}
              {placed.acceptanceDueAt ? ` The supplier must accept or reject it by ${formatDateTime(placed.acceptanceDueAt, placed.acceptanceTimeZone ?? undefined)}.` : ''}
              {placed.warnings.map((w) => ` ${w}`).join('')}
            </span>
          </div>
        ) : null}
        <ErrorBanner error={subOrders.error} onRetry={subOrders.reload} />
        <DeskOrderBook nonce={nonce} reloadAll={reloadAll} onPlace={(p) => { setPlaced(null); setPlacing(p); }} />
        <ReceivedSubOrdersPanel lists={subOrders.data} nonce={nonce} onPlace={(p) => { setPlaced(null); setPlacing(p); }} />
        <SchedulePanels nonce={nonce} />
        {placing ? (
          <SubOrderDialog
            parent={placing}
            suppliers={subOrders.data?.suppliers ?? []}
            onClose={() => setPlacing(null)}
            onPlaced={(r) => {
              setPlaced({ ...r, parent: placing.orderNumber });
              setPlacing(null);
              reloadAll();
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
