// Recording a settlement of a logistics order: confirmed at once by the supplying nation, a claim
// awaiting its confirmation when the receiving nation records it. On a copy kept by the supplying
// nation's desk (issue #13) the claim is sent there, and shows as sent until that desk applies it.
import { useState } from 'react';
import { METHOD_LABEL, partnershipApi, SETTLEMENT_METHODS, type LedgerOrder, type SettlementMethod } from '../../api/partnership.js';
import { FormDialog } from '../../components/FormDialog.js';
import { formatDate, todayIso } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useSession } from '../../session.js';
import { money } from './money.js';

export function SettleDialog({ order, onClose, onDone }: { order: LedgerOrder; onClose(): void; onDone(): void }) {
  const { user } = useSession();
  const debtor = user.nation === order.receivingNation;
  const [amount, setAmount] = useState(order.unclaimed);
  const [settledOn, setSettledOn] = useState(todayIso());
  const [method, setMethod] = useState<SettlementMethod>(order.settlementMethod as SettlementMethod);
  const [note, setNote] = useState('');
  const settle = useApiMutation(() => partnershipApi.settle(order.id, { amount: amount.trim(), settledOn, method, ...(note ? { note } : {}) }), { invalidates: [keys.logistics.all], onSaved: onDone });
  const fe = settle.fieldErrors;
  return (
    <FormDialog
      title={`Settle ${order.reference}`}
      onClose={onClose}
      save={settle}
      busyLabel="Recording…"
      submitLabel={order.keptBy ? `Send settlement claim to ${order.keptBy}` : debtor ? 'Record settlement claim' : 'Record settlement'}
      testId="settle-dialog"
      intro={
        <>
          <p className="dialog-context small">
            {order.receivingNation} owes {order.supplyingNation} <span className="strong">{money(order.open, order.currency)}</span> of {money(order.amount, order.currency)} · settle by {formatDate(order.settleBy)}
            {order.claimedMinor > 0 ? <> · {money(order.claimed, order.currency)} of it claimed as paid, awaiting {order.supplyingNation}’s confirmation</> : null}
          </p>
          <p className="small" data-testid="settle-effect">
            {order.keptBy
              ? `${order.keptBy}’s desk keeps this order: your claim is sent there, shows here as sent until ${order.keptBy}’s desk records it, and then counts as claimed until ${order.supplyingNation} confirms it received it.`
              : debtor
                ? `${order.supplyingNation} supplied this support: your settlement is recorded as claimed until ${order.supplyingNation} confirms it received it.`
                : `You record what ${order.supplyingNation} received: the settlement is confirmed at once.`}
          </p>
        </>
      }
    >
      <div className="grid-2">
        <div className={fe.amount ? 'field has-error' : 'field'}><label htmlFor="st-amount" className="field-label">Amount ({order.currency})</label>
          <input id="st-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={fe.amount ? true : undefined} />
          {fe.amount ? <div className="field-error" role="alert">{fe.amount}</div> : <div className="field-help">Partial settlements are allowed.</div>}</div>
        <div className={fe.settledOn ? 'field has-error' : 'field'}><label htmlFor="st-date" className="field-label">Settled on</label><input id="st-date" type="date" value={settledOn} onChange={(e) => setSettledOn(e.target.value)} />{fe.settledOn ? <div className="field-error" role="alert">{fe.settledOn}</div> : null}</div>
      </div>
      <div className="field"><label htmlFor="st-method" className="field-label">Method</label>
        <select id="st-method" value={method} onChange={(e) => setMethod(e.target.value as SettlementMethod)}>{SETTLEMENT_METHODS.map((m) => <option key={m} value={m}>{METHOD_LABEL[m]}</option>)}</select></div>
      <div className="field"><label htmlFor="st-note" className="field-label">Note</label><input id="st-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Voucher, invoice or exchange reference" /></div>
    </FormDialog>
  );
}
