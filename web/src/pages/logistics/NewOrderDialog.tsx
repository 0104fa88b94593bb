// Recording a logistics support order one nation supplied to the other.
import { useState } from 'react';
import { METHOD_LABEL, partnershipApi, SETTLEMENT_METHODS, SUPPORT_CLASSES, type NewLogisticsOrder, type SettlementMethod, type SupportClass } from '../../api/partnership.js';
import { FormDialog } from '../../components/FormDialog.js';
import { humanise, todayIso } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useSession } from '../../session.js';

export function NewOrderDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { user, reference } = useSession();
  const partners = [...new Set(reference.arrangements.flatMap((a) => [a.nationA, a.nationB]).filter((n) => n !== user.nation))].sort();
  const [form, setForm] = useState<NewLogisticsOrder>({ supplyingNation: user.nation, receivingNation: partners.includes('IN') && user.nation !== 'IN' ? 'IN' : partners.includes('US') ? 'US' : (partners[0] ?? ''), supportClass: 'fuel', description: '', occasion: '', deliveredOn: todayIso(), currency: 'USD', amount: '', settlementMethod: 'cash' });
  const record = useApiMutation(() => partnershipApi.createOrder({ ...form, currency: form.currency.toUpperCase() }), { invalidates: [keys.logistics.all], onSaved: onDone });
  const set = (k: keyof NewLogisticsOrder) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const partner = form.supplyingNation === user.nation ? form.receivingNation : form.supplyingNation;
  const direction = form.supplyingNation === user.nation ? 'supply' : 'receive';
  const setDirection = (d: string) => setForm({ ...form, supplyingNation: d === 'supply' ? user.nation : partner, receivingNation: d === 'supply' ? partner : user.nation });
  const setPartner = (p: string) => setForm({ ...form, supplyingNation: direction === 'supply' ? user.nation : p, receivingNation: direction === 'supply' ? p : user.nation });
  const fe = record.fieldErrors;
  const f = (k: keyof NewLogisticsOrder, label: string, props: Record<string, unknown> = {}) => (
    <div className={fe[k] ? 'field has-error' : 'field'}><label htmlFor={`lo-${k}`} className="field-label">{label}</label><input id={`lo-${k}`} value={String(form[k] ?? '')} onChange={set(k)} {...props} />{fe[k] ? <div className="field-error" role="alert">{fe[k]}</div> : null}</div>
  );
  return (
    <FormDialog title="Record a logistics support order" onClose={onClose} save={record} submitLabel="Record order" wide>
      <div className="grid-3">
        <div className="field"><label htmlFor="lo-dir" className="field-label">Your nation ({user.nation})</label><select id="lo-dir" value={direction} onChange={(e) => setDirection(e.target.value)}><option value="supply">supplied the support</option><option value="receive">received the support</option></select></div>
        <div className="field"><label htmlFor="lo-partner" className="field-label">Partner nation</label><select id="lo-partner" value={partner} onChange={(e) => setPartner(e.target.value)}>{partners.map((p) => <option key={p} value={p}>{p}</option>)}</select></div>
        <div className="field"><label htmlFor="lo-class" className="field-label">Class</label><select id="lo-class" value={form.supportClass} onChange={(e) => setForm({ ...form, supportClass: e.target.value as SupportClass })}>{SUPPORT_CLASSES.map((c) => <option key={c} value={c}>{humanise(c)}</option>)}</select></div>
      </div>
      {f('description', 'Description')}
      {f('occasion', 'Occasion (port call, exercise, HADR)')}
      <div className="grid-3">
        {f('deliveredOn', 'Delivered on', { type: 'date' })}
        {f('currency', 'Currency', { maxLength: 3 })}
        {f('amount', 'Amount', { inputMode: 'decimal', placeholder: '212400.00' })}
      </div>
      <div className="field"><label htmlFor="lo-method" className="field-label">Settlement</label><select id="lo-method" value={form.settlementMethod} onChange={(e) => setForm({ ...form, settlementMethod: e.target.value as SettlementMethod })}>{SETTLEMENT_METHODS.map((m) => <option key={m} value={m}>{METHOD_LABEL[m]}</option>)}</select></div>
    </FormDialog>
  );
}
