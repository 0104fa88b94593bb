// Accepting a rated order (700.13(a)) with the date promised; when the schedule cannot meet the
// required date, the server names the rejection to make instead (700.13(b)(1)).
import { useState, type FormEvent } from 'react';
import { orderDeskApi, type DeskOrderDetail, type RejectionGround } from '../../api/order-desk.js';
import { datesInWords, formatDate } from '../../format.js';
import type { Offer } from './desk-modes.js';
import { FieldError, useCheckedWrite } from './use-checked-write.js';

export function AcceptForm({ order: o, onCancel, onDone, onOfferEarliest }: { order: DeskOrderDetail; onCancel(): void; onDone(u: DeskOrderDetail): void; onOfferEarliest(offer: Offer): void }) {
  const { errors, error, busy, run } = useCheckedWrite();
  const [promised, setPromised] = useState(o.requiredDeliveryDate);
  // The server names the rejection to make instead (700.13(b)(1)): its ground and the date to offer.
  const rejectWith = error?.problem.rejectWith as { rejectionGround?: RejectionGround; offeredDeliveryDate?: string } | undefined;
  const offer: Offer | undefined = rejectWith?.offeredDeliveryDate ? { ground: rejectWith.rejectionGround ?? 'cannot_meet_date', date: rejectWith.offeredDeliveryDate } : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!promised) local.promisedDeliveryDate = 'Choose the date you promise; it is the required date unless you can deliver earlier.';
    void run(local, async () => onDone(await orderDeskApi.decide(o.id, { decision: 'accept', promisedDeliveryDate: promised })));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Accept the order" data-testid="accept-form">
      <p>
        Accept <span className="strong">{o.orderNumber}</span> for {o.quantity.toLocaleString('en-GB')} unit{o.quantity === 1 ? '' : 's'}, required by {formatDate(o.requiredDeliveryDate)}? A rated order is accepted and filled regardless of other
        accepted orders (15 CFR 700.13(a)); it is checked against your current schedule first.
      </p>
      {error && !errors.promisedDeliveryDate ? (
        <div className="banner banner-error" role="alert" data-testid="accept-refused">
          <div>
            <strong>{datesInWords(error.detail ?? error.title)}</strong>
            {errors.decision ? <p className="small">{datesInWords(errors.decision)}</p> : null}
          </div>
        </div>
      ) : null}
      <div className={errors.promisedDeliveryDate ? 'field has-error' : 'field'}>
        <label htmlFor="acc-promisedDeliveryDate" className="field-label">Promised delivery date</label>
        <input
          id="acc-promisedDeliveryDate"
          type="date"
          value={promised}
          onChange={(e) => setPromised(e.target.value)}
          aria-invalid={errors.promisedDeliveryDate ? true : undefined}
          aria-describedby={errors.promisedDeliveryDate ? 'acc-promisedDeliveryDate-error' : 'acc-promisedDeliveryDate-help'}
        />
        <div id="acc-promisedDeliveryDate-help" className="field-help">On or before the required date. If you cannot meet it, reject the order and offer your earliest date (700.13(b)(1)).</div>
        <FieldError id="acc-promisedDeliveryDate" message={errors.promisedDeliveryDate ? datesInWords(errors.promisedDeliveryDate) : undefined} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        {offer ? (
          <button type="button" className="btn btn-danger-outline" onClick={() => onOfferEarliest(offer)}>
            Reject and offer {formatDate(offer.date)}…
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Accepting…' : 'Accept order'}</button>
        )}
      </div>
    </form>
  );
}
