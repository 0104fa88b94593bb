// The line items of a request as an editable table: on the New request form, and in the
// "Resubmit with information" dialog where the requester corrects the items the question concerns.
import type { ReactNode } from 'react';
import type { NewLineItem } from '../api/types.js';

export interface ItemDraft {
  key: number;
  partNumber: string;
  nsn: string;
  description: string;
  quantity: string;
  unit: string;
  requiredDeliveryDate: string;
}

let nextKey = 1;
export const blankItem = (date: string): ItemDraft => ({ key: nextKey++, partNumber: '', nsn: '', description: '', quantity: '', unit: 'EA', requiredDeliveryDate: date });

export function toDrafts(items: ReadonlyArray<{ partNumber: string; nsn?: string | null; description: string; quantity: number; unit: string; requiredDeliveryDate: string }>): ItemDraft[] {
  return items.map((i) => ({ key: nextKey++, partNumber: i.partNumber, nsn: i.nsn ?? '', description: i.description, quantity: String(i.quantity), unit: i.unit, requiredDeliveryDate: i.requiredDeliveryDate }));
}

/** The items as the API takes them; an empty quantity is sent as missing, for the server to name. */
export function fromDrafts(drafts: readonly ItemDraft[]): NewLineItem[] {
  return drafts.map((i): NewLineItem => {
    const item: NewLineItem = {
      partNumber: i.partNumber.trim(),
      description: i.description.trim(),
      quantity: i.quantity.trim() === '' ? Number.NaN : Number(i.quantity),
      unit: i.unit.trim(),
      requiredDeliveryDate: i.requiredDeliveryDate,
    };
    if (i.nsn.trim()) item.nsn = i.nsn.trim();
    return item;
  });
}

function Err({ id, message }: { id: string; message: string | undefined }) {
  return message ? <div id={id} className="field-error" role="alert">{message}</div> : null;
}

export function LineItemsEditor({ items, onChange, errors, newLineDate }: { items: ItemDraft[]; onChange(items: ItemDraft[]): void; errors: Record<string, string>; newLineDate: string }) {
  const update = (key: number, change: Partial<ItemDraft>) => onChange(items.map((i) => (i.key === key ? { ...i, ...change } : i)));
  const itemProps = (index: number, name: string) => {
    const path = `items/${index}/${name}`;
    return {
      id: `item-${index}-${name}`,
      'aria-invalid': errors[path] ? true : undefined,
      'aria-describedby': errors[path] ? `item-${index}-${name}-error` : undefined,
    };
  };
  return (
    <>
      {errors.items ? <div className="field-error pad" role="alert">{errors.items}</div> : null}
      <div className="table-wrap">
        <table className="table items-editor">
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">Part number *</th>
              <th scope="col">NSN</th>
              <th scope="col">Description *</th>
              <th scope="col">Quantity *</th>
              <th scope="col">Unit *</th>
              <th scope="col">Delivery by *</th>
              <th scope="col"><span className="sr-only">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => {
              const err = (name: string) => errors[`items/${index}/${name}`];
              const cell = (name: keyof ItemDraft, input: ReactNode) => (
                <td className={err(name) ? 'has-error' : undefined}>
                  {input}
                  <Err id={`item-${index}-${name}-error`} message={err(name)} />
                </td>
              );
              return (
                <tr key={item.key} data-testid={`item-row-${index}`}>
                  <td className="num muted">{index + 1}</td>
                  {cell('partNumber', <input {...itemProps(index, 'partNumber')} aria-label={`Line ${index + 1} part number`} value={item.partNumber} onChange={(e) => update(item.key, { partNumber: e.target.value })} />)}
                  {cell('nsn', <input {...itemProps(index, 'nsn')} aria-label={`Line ${index + 1} NSN`} placeholder="2840-01-234-5678" value={item.nsn} onChange={(e) => update(item.key, { nsn: e.target.value })} />)}
                  {cell('description', <input {...itemProps(index, 'description')} aria-label={`Line ${index + 1} description`} value={item.description} onChange={(e) => update(item.key, { description: e.target.value })} />)}
                  {cell('quantity', <input {...itemProps(index, 'quantity')} aria-label={`Line ${index + 1} quantity`} type="number" inputMode="decimal" className="input-num" value={item.quantity} onChange={(e) => update(item.key, { quantity: e.target.value })} />)}
                  {cell('unit', <input {...itemProps(index, 'unit')} aria-label={`Line ${index + 1} unit`} className="input-unit" value={item.unit} onChange={(e) => update(item.key, { unit: e.target.value })} />)}
                  {cell('requiredDeliveryDate', <input {...itemProps(index, 'requiredDeliveryDate')} aria-label={`Line ${index + 1} delivery date`} type="date" value={item.requiredDeliveryDate} onChange={(e) => update(item.key, { requiredDeliveryDate: e.target.value })} />)}
                  <td>
                    <button type="button" className="icon-btn" aria-label={`Remove line ${index + 1}`} disabled={items.length === 1} onClick={() => onChange(items.filter((i) => i.key !== item.key))}>
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="pad">
        <button type="button" className="btn btn-small" onClick={() => onChange([...items, blankItem(newLineDate)])}>
          + Add line item
        </button>
      </div>
    </>
  );
}
