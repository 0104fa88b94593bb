// Rejecting a rated order: the ground, the reasons (700.13(d)) and the earliest date offered (700.13(b)(1)).
import { useState, type FormEvent } from 'react';
import { orderDeskApi, REJECTION_GROUNDS, type DeskOrderDetail, type RejectionGround } from '../../api/order-desk.js';
import { formatDate } from '../../format.js';
import { ErrorBanner } from '../ErrorBanner.js';
import type { Offer } from './desk-modes.js';
import { FieldError, useCheckedWrite } from './use-checked-write.js';

export function RejectForm({ order: o, offer, onCancel, onDone }: { order: DeskOrderDetail; offer: Offer | undefined; onCancel(): void; onDone(u: DeskOrderDetail): void }) {
  const { errors, error, busy, run } = useCheckedWrite();
  const [ground, setGround] = useState<RejectionGround | ''>(offer?.ground ?? '');
  const [reasons, setReasons] = useState('');
  const [offered, setOffered] = useState(offer?.date ?? '');
  const needsDate = REJECTION_GROUNDS.find((g) => g.value === ground)?.needsDate ?? false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!reasons.trim()) local.reasons = 'Give the reasons for the rejection (700.13(d)).';
    if (needsDate && !offered) local.offeredDeliveryDate = 'State the earliest date you can deliver, and offer to accept for it (700.13(b)(1)).';
    else if (offered && offered <= o.requiredDeliveryDate) local.offeredDeliveryDate = `The offered date must be later than the required date ${formatDate(o.requiredDeliveryDate)}; if you can meet it, accept the order (700.13(a)).`;
    void run(local, async () =>
      onDone(await orderDeskApi.decide(o.id, { decision: 'reject', reasons: reasons.trim(), ...(ground ? { rejectionGround: ground } : {}), ...(offered ? { offeredDeliveryDate: offered } : {}) })),
    );
  };
  const aria = (f: string) => ({ id: `rej-${f}`, 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `rej-${f}-error` : undefined });
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Reject the order" data-testid="reject-form">
      <p className="small muted">
        Required delivery {formatDate(o.requiredDeliveryDate)}. Conflicts with lower-rated or unrated orders are not a reason to reject (700.13(b)(1)).
      </p>
      {error && !Object.keys(errors).length ? <ErrorBanner error={error} /> : null}
      <div className={errors.rejectionGround ? 'field has-error' : 'field'}>
        <label htmlFor="rej-rejectionGround" className="field-label">Ground</label>
        <select {...aria('rejectionGround')} value={ground} onChange={(e) => setGround(e.target.value as RejectionGround | '')}>
          <option value="">— Other (explain in the reasons) —</option>
          {REJECTION_GROUNDS.map((g) => (
            <option key={g.value} value={g.value}>{g.label}</option>
          ))}
        </select>
        <FieldError id="rej-rejectionGround" message={errors.rejectionGround} />
      </div>
      <div className={errors.reasons ? 'field has-error' : 'field'}>
        <label htmlFor="rej-reasons" className="field-label">Reasons (required)</label>
        <textarea {...aria('reasons')} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
        <FieldError id="rej-reasons" message={errors.reasons} />
      </div>
      <div className={errors.offeredDeliveryDate ? 'field has-error' : 'field'}>
        <label htmlFor="rej-offeredDeliveryDate" className="field-label">Earliest date you can deliver (offered){needsDate ? ' — required' : ''}</label>
        <input {...aria('offeredDeliveryDate')} type="date" value={offered} onChange={(e) => setOffered(e.target.value)} />
        <FieldError id="rej-offeredDeliveryDate" message={errors.offeredDeliveryDate} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button type="submit" className="btn btn-danger" disabled={busy}>{busy ? 'Rejecting…' : 'Reject order'}</button>
      </div>
    </form>
  );
}
