// Placing a rated sub-order (15 CFR 700.15, 700.17): the rating follows from the parent order and is read-only.
import { useState, type FormEvent } from 'react';
import { flowDownApi, previewSubOrderRating, PURPOSE_LABEL, SUB_ORDER_PURPOSES, type NewSubOrder, type PlacedSubOrder, type SubOrderLists, type SubOrderPurpose } from '../api/flow-down.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { Dialog } from './Dialog.js';
import { ErrorBanner } from './ErrorBanner.js';

import type { FlowDownParent } from './FlowDown.js';

/** The dialog in which a supplier places a rated sub-order; the rating is derived and read-only. */
export function SubOrderDialog({ parent, suppliers, onClose, onPlaced }: { parent: FlowDownParent; suppliers: SubOrderLists['suppliers']; onClose(): void; onPlaced(result: PlacedSubOrder): void }) {
  const [purpose, setPurpose] = useState<SubOrderPurpose>('incorporated');
  const [target, setTarget] = useState<'system' | 'external'>(suppliers.length ? 'system' : 'external');
  const [supplierId, setSupplierId] = useState(suppliers[0]?.id ?? '');
  const [supplierName, setSupplierName] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [quantity, setQuantity] = useState(String(parent.quantity));
  const [due, setDue] = useState(parent.requiredDeliveryDate);
  const [description, setDescription] = useState('');
  const [usedOn, setUsedOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The form keeps its own copy of the field errors: its checks and the server's, each cleared when its field is edited.
  const place = useApiMutation((body: NewSubOrder) => flowDownApi.placeSubOrder(parent.id, body), {
    onSaved: onPlaced,
    onFailed: (apiErr) => setErrors(apiErr.fieldErrors),
  });
  const { busy, error } = place;
  const rating = previewSubOrderRating(parent.rating, purpose);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!orderNumber.trim()) local.orderNumber = 'Enter your purchase order number.';
    if (!/^\d+$/.test(quantity.trim()) || Number(quantity) <= 0) local.quantity = 'Enter a whole number of units, more than zero.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) local.requiredDeliveryDate = 'Enter the required delivery date (a date, not "ASAP": 700.12(a)(2)).';
    if (!description.trim()) local.description = 'Describe the items or services.';
    if (target === 'system' && !supplierId) local.supplierOrganisationId = 'Choose the supplier.';
    if (target === 'external' && !supplierName.trim()) local.supplierName = "Enter the supplier's name.";
    if (purpose === 'inventory_replacement' && !usedOn) local.inventoryUsedOn = 'Enter the day the inventory was used to fill this order (700.17(b)).';
    setErrors(local);
    place.reset();
    if (Object.keys(local).length) return;
    void place.run({
      ...(target === 'system' ? { supplierOrganisationId: supplierId } : { supplierName: supplierName.trim() }),
      orderNumber: orderNumber.trim(),
      purpose,
      quantity: Number(quantity),
      requiredDeliveryDate: due,
      description: description.trim(),
      ...(purpose === 'inventory_replacement' ? { inventoryUsedOn: usedOn } : {}),
    });
  };
  const err = (f: string) => (errors[f] ? <div id={`so-${f}-error`} className="field-error" role="alert">{errors[f]}</div> : null);
  const aria = (f: string) => ({ id: `so-${f}`, 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `so-${f}-error` : undefined });
  const cls = (f: string) => (errors[f] ? 'field has-error' : 'field');

  return (
    <Dialog title={`Place a rated sub-order for ${parent.orderNumber}`} onClose={onClose} wide>
      <form
        className="dialog-body form"
        onSubmit={submit}
        onInput={(e) => {
          const id = (e.target as HTMLElement).id;
          setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => `so-${k}` !== id)));
        }}
        noValidate
        data-testid="sub-order-form"
      >
        <ErrorBanner error={error && !Object.keys(errors).length ? error : undefined} />
        <div className="grid-2">
          <div className={cls('purpose')}>
            <label htmlFor="so-purpose" className="field-label">Purpose</label>
            <select {...aria('purpose')} value={purpose} onChange={(e) => setPurpose(e.target.value as SubOrderPurpose)}>
              {SUB_ORDER_PURPOSES.map((p) => (
                <option key={p} value={p}>{PURPOSE_LABEL[p]}</option>
              ))}
            </select>
            {err('purpose')}
          </div>
          <div className="field">
            <label htmlFor="so-rating" className="field-label">Rating (derived)</label>
            <input id="so-rating" className="mono" readOnly value={rating ?? 'No rating to extend'} aria-describedby="so-rating-help" data-testid="derived-rating" />
            <div id="so-rating-help" className="field-help">
              {purpose === 'mro' ? 'MRO carries program symbol H7 with your customer’s rating symbol (15 CFR 700.17(a)(4)).' : purpose === 'inventory_replacement' ? 'Always DO with the customer’s program symbol, within 90 days of use (15 CFR 700.17(b)).' : `The same rating as ${parent.orderNumber} (15 CFR 700.15(a)).`}
            </div>
          </div>
        </div>
        <fieldset className="field">
          <legend className="field-label">Supplier</legend>
          <label className="check small">
            <input type="radio" name="so-target" checked={target === 'system'} disabled={!suppliers.length} onChange={() => setTarget('system')} /> A company in SOSA Desk
          </label>
          <label className="check small">
            <input type="radio" name="so-target" checked={target === 'external'} onChange={() => setTarget('external')} /> Another supplier (recorded by name)
          </label>
          {target === 'system' ? (
            <div className={cls('supplierOrganisationId')}>
              <select {...aria('supplierOrganisationId')} aria-label="Company" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
                {suppliers.map((s) => (
                  <option key={s.id} value={s.id}>{s.name}</option>
                ))}
              </select>
              {err('supplierOrganisationId')}
              <div className="field-help">The order lands in that company’s book; it must accept or reject it within 15 (DO) or 10 (DX) of its working days (700.13(d)).</div>
            </div>
          ) : (
            <div className={cls('supplierName')}>
              <input {...aria('supplierName')} aria-label="Supplier name" placeholder="Supplier name" value={supplierName} onChange={(e) => setSupplierName(e.target.value)} />
              {err('supplierName')}
            </div>
          )}
        </fieldset>
        <div className="grid-2">
          <div className={cls('orderNumber')}>
            <label htmlFor="so-orderNumber" className="field-label">Your order number</label>
            <input {...aria('orderNumber')} autoComplete="off" value={orderNumber} onChange={(e) => setOrderNumber(e.target.value)} />
            {err('orderNumber')}
          </div>
          <div className={cls('quantity')}>
            <label htmlFor="so-quantity" className="field-label">Quantity</label>
            <input {...aria('quantity')} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
            {err('quantity')}
          </div>
          <div className={cls('requiredDeliveryDate')}>
            <label htmlFor="so-requiredDeliveryDate" className="field-label">Required delivery date</label>
            <input {...aria('requiredDeliveryDate')} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
            {err('requiredDeliveryDate')}
          </div>
          {purpose === 'inventory_replacement' ? (
            <div className={cls('inventoryUsedOn')}>
              <label htmlFor="so-inventoryUsedOn" className="field-label">Inventory used on</label>
              <input {...aria('inventoryUsedOn')} type="date" value={usedOn} onChange={(e) => setUsedOn(e.target.value)} />
              {err('inventoryUsedOn')}
            </div>
          ) : null}
        </div>
        <div className={cls('description')}>
          <label htmlFor="so-description" className="field-label">Items or services</label>
          <textarea {...aria('description')} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          {err('description')}
        </div>
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary btn-small" disabled={busy || !rating}>{busy ? 'Placing…' : `Place ${rating ?? ''} sub-order`}</button>
        </div>
      </form>
    </Dialog>
  );
}
