// The order dialog: the order's facts, and the forms to accept, reject, plan or change it.
import { useState } from 'react';
import { orderDeskApi, type DeskOrderDetail } from '../../api/order-desk.js';
import { formatDate } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { Dialog } from '../Dialog.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { Spinner } from '../Spinner.js';
import { AcceptForm } from './AcceptForm.js';
import { ChangeForm } from './ChangeForm.js';
import type { Mode, Offer } from './desk-modes.js';
import { OrderFacts } from './OrderFacts.js';
import { PlanForm } from './PlanForm.js';
import { RejectForm } from './RejectForm.js';

export function OrderDialog({ orderId, initialMode = 'view', onClose, onChanged }: { orderId: string; initialMode?: Mode; onClose(): void; onChanged(): void }) {
  const order = useApiQuery(keys.orderDesk.detail(orderId), () => orderDeskApi.get(orderId));
  const [mode, setMode] = useState<Mode>(initialMode);
  const [offer, setOffer] = useState<Offer>();
  const [notice, setNotice] = useState<string>();
  const o = order.data;
  const done = (updated: DeskOrderDetail, message: string) => {
    order.setData(updated);
    setMode('view');
    setNotice(message);
    onChanged();
  };
  const title = o ? `Order ${o.orderNumber}` : 'Order';
  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="dialog-body order-dialog" data-testid="order-dialog">
        <ErrorBanner error={order.error} onRetry={order.reload} />
        {order.loading && !o ? <Spinner label="Loading the order…" /> : null}
        {notice ? <div className="banner banner-success" role="status" data-testid="order-notice">{notice}</div> : null}
        {o && mode === 'view' ? <OrderFacts order={o} onMode={(m) => { setNotice(undefined); setMode(m); }} /> : null}
        {o && mode === 'accept' ? (
          <AcceptForm order={o} onCancel={() => setMode('view')} onDone={(u) => done(u, 'Accepted.')} onOfferEarliest={(offered) => { setOffer(offered); setMode('reject'); }} />
        ) : null}
        {o && mode === 'plan' ? <PlanForm order={o} onCancel={() => setMode('view')} onDone={(u) => done(u, u.resource ? `Planned on ${u.resource.name}.` : 'Taken off its line.')} /> : null}
        {o && mode === 'reject' ? <RejectForm order={o} offer={offer} onCancel={() => setMode('view')} onDone={(u) => done(u, 'Rejected. The customer is told the reasons' + (u.decision?.offeredDeliveryDate ? ` and the date offered, ${formatDate(u.decision.offeredDeliveryDate)}.` : '.'))} /> : null}
        {o && mode === 'change' ? <ChangeForm order={o} onCancel={() => setMode('view')} onDone={(u, text) => done(u, text)} /> : null}
      </div>
    </Dialog>
  );
}
