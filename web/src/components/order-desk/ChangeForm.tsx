// Recording a customer's change or cancellation of an order (700.16).
import { useState, type FormEvent } from 'react';
import { orderDeskApi, type DeskOrderDetail, type OrderChangeBody } from '../../api/order-desk.js';
import { formatDate } from '../../format.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { FieldError, useCheckedWrite } from './use-checked-write.js';

const CHANGE_KINDS = [
  { value: 'destination', label: 'Shipping destination' },
  { value: 'quantity', label: 'Quantity' },
  { value: 'delivery_date', label: 'Required delivery date' },
  { value: 'rating', label: 'Rating' },
  { value: 'cancel', label: 'Cancel the order' },
] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number]['value'];

export function ChangeForm({ order: o, onCancel, onDone }: { order: DeskOrderDetail; onCancel(): void; onDone(u: DeskOrderDetail, text: string): void }) {
  const { errors, error, busy, run } = useCheckedWrite();
  const [kind, setKind] = useState<ChangeKind>('delivery_date');
  const [value, setValue] = useState('');
  const [negligible, setNegligible] = useState(false);
  const [reasons, setReasons] = useState('');
  const field = kind === 'destination' ? 'destination' : kind === 'quantity' ? 'quantity' : kind === 'delivery_date' ? 'requiredDeliveryDate' : 'rating';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    let body: OrderChangeBody;
    const r = reasons.trim() ? { reasons: reasons.trim() } : {};
    switch (kind) {
      case 'destination':
        if (!value.trim()) local.destination = 'Enter the new shipping destination.';
        body = { kind, destination: value.trim(), ...r };
        break;
      case 'quantity':
        if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) local.quantity = 'Enter a whole number of units, more than zero.';
        body = { kind, quantity: Number(value), ...(negligible ? { negligibleDeliveryImpact: true } : {}), ...r };
        break;
      case 'delivery_date':
        if (!value) local.requiredDeliveryDate = 'Choose the new required delivery date ("as soon as possible" is not a date).';
        body = { kind, requiredDeliveryDate: value, ...r };
        break;
      case 'rating':
        body = { kind, rating: value.trim() ? value.trim().toUpperCase() : null, ...r };
        break;
      case 'cancel':
        body = { kind, ...r };
        break;
    }
    void run(local, async () => {
      const res = await orderDeskApi.change(o.id, body);
      onDone(res.order, res.change.explanation);
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Record a change" data-testid="change-form">
      <p className="small muted">
        15 CFR 700.16: a change that significantly alters your schedule (date earlier, more units, unrated → rated, DO → DX) is a new rated order: you decide again within the 700.13 limits.
        A new destination or fewer units keep your decision.
      </p>
      {error && !Object.keys(errors).length ? <ErrorBanner error={error} /> : null}
      <div className="field">
        <label htmlFor="chg-kind" className="field-label">What changed</label>
        <select id="chg-kind" value={kind} onChange={(e) => { setKind(e.target.value as ChangeKind); setValue(''); }}>
          {CHANGE_KINDS.map((k) => (
            <option key={k.value} value={k.value}>{k.label}</option>
          ))}
        </select>
      </div>
      {kind !== 'cancel' ? (
        <div className={errors[field] ? 'field has-error' : 'field'}>
          <label htmlFor="chg-value" className="field-label">
            {kind === 'destination' ? 'New destination' : kind === 'quantity' ? `New quantity (now ${o.quantity})` : kind === 'delivery_date' ? `New required date (now ${formatDate(o.requiredDeliveryDate)})` : `New rating (now ${o.rating ?? 'unrated'}; blank = unrated)`}
          </label>
          <input id="chg-value" type={kind === 'delivery_date' ? 'date' : 'text'} inputMode={kind === 'quantity' ? 'numeric' : undefined} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={errors[field] ? true : undefined} aria-describedby={errors[field] ? 'chg-value-error' : undefined} />
          <FieldError id="chg-value" message={errors[field]} />
        </div>
      ) : (
        <p className="banner banner-warn">The order is cancelled and stays in the book as a record (700.91).</p>
      )}
      {kind === 'quantity' ? (
        <label className="check small">
          <input type="checkbox" checked={negligible} onChange={(e) => setNegligible(e.target.checked)} /> An increase with negligible delivery impact (700.16(d)); say why below
        </label>
      ) : null}
      <div className={errors.reasons ? 'field has-error' : 'field'}>
        <label htmlFor="chg-reasons" className="field-label">Customer notice / reasons</label>
        <textarea id="chg-reasons" rows={2} value={reasons} onChange={(e) => setReasons(e.target.value)} aria-invalid={errors.reasons ? true : undefined} />
        <FieldError id="chg-reasons" message={errors.reasons} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button type="submit" className={kind === 'cancel' ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>{busy ? 'Saving…' : kind === 'cancel' ? 'Cancel order' : 'Record change'}</button>
      </div>
    </form>
  );
}

