// Adding or editing one of the user's own nation's points of contact.
import { useState } from 'react';
import { CONTACT_FUNCTION_LABEL, CONTACT_FUNCTIONS, partnershipApi, type Contact, type ContactFunction, type ContactInput } from '../../api/partnership.js';
import { FormDialog } from '../../components/FormDialog.js';
import { InputField } from '../../components/FormField.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

const EMPTY: ContactInput = { function: 'sosa_lead', name: '', title: '', organisation: '', email: '', phone: '', notes: '' };
const editable = (c: Contact): ContactInput => ({ function: c.function as ContactFunction, name: c.name, title: c.title, organisation: c.organisation, email: c.email ?? '', phone: c.phone ?? '', notes: c.notes });

export function ContactDialog({ initial, onClose, onSaved }: { initial: Contact | null; onClose(): void; onSaved(): void }) {
  const [form, setForm] = useState<ContactInput>(initial ? editable(initial) : EMPTY);
  const save = useApiMutation(
    () => {
      // An empty e-mail or phone is sent as none.
      const body: ContactInput = { ...form, email: form.email?.trim() || null, phone: form.phone?.trim() || null };
      return initial ? partnershipApi.updateContact(initial.id, body) : partnershipApi.createContact(body);
    },
    { invalidates: [keys.pointsOfContact.all], onSaved },
  );
  const errors = save.fieldErrors;
  const field = (k: Exclude<keyof ContactInput, 'function'>, label: string, props: { type?: string; placeholder?: string } = {}) => (
    <InputField id={`poc-${k}`} label={label} error={errors[k]} {...props} value={String(form[k] ?? '')} onChange={(v) => setForm({ ...form, [k]: v })} />
  );
  return (
    <FormDialog title={initial ? `Edit ${initial.name}` : 'Add a point of contact'} onClose={onClose} save={save} submitLabel="Save">
      <div className="field">
        <label htmlFor="poc-function" className="field-label">Function</label>
        <select id="poc-function" value={form.function} onChange={(e) => setForm({ ...form, function: e.target.value as ContactFunction })}>
          {CONTACT_FUNCTIONS.map((f) => <option key={f} value={f}>{CONTACT_FUNCTION_LABEL[f]}</option>)}
        </select>
      </div>
      <div className="grid-2">
        {field('name', 'Name')}
        {field('title', 'Title')}
      </div>
      {field('organisation', 'Organisation')}
      <div className="grid-2">
        {field('email', 'E-mail', { type: 'email' })}
        {field('phone', 'Phone', { type: 'tel', placeholder: '+91 11 2301 0000' })}
      </div>
      <p className="field-help">An e-mail address or a phone number is required.</p>
      {field('notes', 'Notes')}
    </FormDialog>
  );
}
