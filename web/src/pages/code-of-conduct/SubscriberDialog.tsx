// Registering a company that subscribed to the Code of Conduct, or editing its signatory,
// capability catalogue, contacts and notes.
import { useState } from 'react';
import { partnershipApi, SECTOR_LABEL, SECTORS, type Capability, type Contact, type Subscription } from '../../api/registers.js';
import { FormDialog } from '../../components/FormDialog.js';
import { fieldProps, FormField, InputField } from '../../components/FormField.js';
import { todayIso } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useSession } from '../../session.js';

const emptyCapability = (): Capability => ({ fsc: null, sector: 'aircraft', description: '', partNumbers: [] });
const emptyContact = (): Contact => ({ name: '', role: '', email: '', phone: '' });
const SHOWN = /^(organisationId|newCompany\/(name|shortName)|subscribedOn|signedBy\/(name|title)|notes|capabilities\/\d+\/(fsc|description)|contacts\/\d+\/(name|email))$/;

export function SubscriberDialog({ existing, onClose, onSaved }: { existing?: Subscription; onClose(): void; onSaved(s: Subscription): void }) {
  const { reference } = useSession();
  const [companyMode, setCompanyMode] = useState<'existing' | 'new'>('existing');
  const [organisationId, setOrganisationId] = useState('');
  const [newName, setNewName] = useState('');
  const [newShort, setNewShort] = useState('');
  const [subscribedOn, setSubscribedOn] = useState(todayIso());
  const [signer, setSigner] = useState(existing?.signedBy ?? { name: '', title: '' });
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const [caps, setCaps] = useState<Capability[]>(existing?.capabilities.map((c) => ({ ...c })) ?? [emptyCapability()]);
  const [contacts, setContacts] = useState<Contact[]>(existing?.contacts.map((c) => ({ ...c })) ?? [emptyContact()]);
  const candidates = reference.companies.filter((c) => !c.codeOfConductSince);
  const save = useApiMutation(
    () => {
      // Rows left blank are not sent.
      const capabilities = caps.filter((c) => c.description.trim() || c.fsc);
      const people = contacts.filter((c) => c.name.trim());
      return existing
        ? partnershipApi.updateSubscriber(existing.id, { version: existing.version, signedBy: signer, notes, capabilities, contacts: people })
        : partnershipApi.createSubscriber({
            ...(companyMode === 'existing' ? { organisationId: organisationId || undefined } : { newCompany: { name: newName, shortName: newShort } }),
            subscribedOn,
            signedBy: signer,
            notes,
            capabilities,
            contacts: people,
          });
    },
    { invalidates: [keys.subscriptions.all], stores: (s) => keys.subscriptions.detail(s.id), onSaved },
  );
  const errors = save.fieldErrors;
  const setCap = (i: number, patch: Partial<Capability>) => setCaps(caps.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const setContact = (i: number, patch: Partial<Contact>) => setContacts(contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <FormDialog
      title={existing ? `Edit ${existing.organisation.name}` : 'Register a Code of Conduct subscriber'}
      onClose={onClose}
      save={save}
      submitLabel={existing ? 'Save' : 'Register'}
      shown={(f) => SHOWN.test(f)}
      wide
    >
      {!existing ? (
        <>
          <fieldset className="fieldset">
            <legend className="field-label">Company</legend>
            <label className="check"><input type="radio" name="mode" checked={companyMode === 'existing'} onChange={() => setCompanyMode('existing')} /> A registered company</label>
            <label className="check"><input type="radio" name="mode" checked={companyMode === 'new'} onChange={() => setCompanyMode('new')} /> A company new to the desk</label>
          </fieldset>
          {companyMode === 'existing' ? (
            <FormField id="sub-organisationId" label="Company" required error={errors.organisationId}>
              <select {...fieldProps('sub-organisationId', errors.organisationId)} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
                <option value="">Choose a company…</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>{c.name} ({c.shortName})</option>
                ))}
              </select>
            </FormField>
          ) : (
            <div className="grid-2">
              <InputField id="sub-newName" label="Company name" required error={errors['newCompany/name']} value={newName} onChange={setNewName} />
              <InputField id="sub-newShort" label="Short name" required error={errors['newCompany/shortName']} value={newShort} onChange={setNewShort} />
            </div>
          )}
          <InputField id="sub-subscribedOn" label="Subscribed on" type="date" required error={errors.subscribedOn} value={subscribedOn} onChange={setSubscribedOn} />
        </>
      ) : null}
      <div className="grid-2">
        <InputField id="sub-signer" label="Signed by" required error={errors['signedBy/name']} value={signer.name} onChange={(name) => setSigner({ ...signer, name })} />
        <InputField id="sub-signer-title" label="Signatory's title" required error={errors['signedBy/title']} value={signer.title} onChange={(title) => setSigner({ ...signer, title })} />
      </div>
      <h3 className="subhead">Capabilities</h3>
      {caps.map((c, i) => (
        <div key={i} className="register-row">
          <InputField id={`cap-${i}-fsc`} label="FSC" error={errors[`capabilities/${i}/fsc`]} className="input-fsc" placeholder="2840" value={c.fsc ?? ''} onChange={(v) => setCap(i, { fsc: v.trim() || null })} />
          <FormField id={`cap-${i}-sector`} label="Sector">
            <select id={`cap-${i}-sector`} value={c.sector} onChange={(e) => setCap(i, { sector: e.target.value })}>
              {SECTORS.map((s) => (
                <option key={s} value={s}>{SECTOR_LABEL[s]}</option>
              ))}
            </select>
          </FormField>
          <InputField id={`cap-${i}-description`} label="Description" error={errors[`capabilities/${i}/description`]} value={c.description} onChange={(description) => setCap(i, { description })} />
          <InputField id={`cap-${i}-parts`} label="Part numbers" placeholder="comma-separated" value={c.partNumbers.join(', ')} onChange={(v) => setCap(i, { partNumbers: v.split(',').map((p) => p.trim()).filter(Boolean) })} />
          <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove capability ${i + 1}`} onClick={() => setCaps(caps.filter((_, j) => j !== i))}>Remove</button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => setCaps([...caps, emptyCapability()])}>Add capability</button>
      <h3 className="subhead">Contacts</h3>
      {contacts.map((c, i) => (
        <div key={i} className="register-row">
          <InputField id={`contact-${i}-name`} label="Name" error={errors[`contacts/${i}/name`]} value={c.name} onChange={(name) => setContact(i, { name })} />
          <InputField id={`contact-${i}-role`} label="Role" value={c.role} onChange={(role) => setContact(i, { role })} />
          <InputField id={`contact-${i}-email`} label="E-mail" type="email" error={errors[`contacts/${i}/email`]} value={c.email} onChange={(email) => setContact(i, { email })} />
          <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove contact ${i + 1}`} onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>Remove</button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => setContacts([...contacts, emptyContact()])}>Add contact</button>
      <FormField id="sub-notes" label="Notes" error={errors.notes}>
        <textarea {...fieldProps('sub-notes', errors.notes)} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
    </FormDialog>
  );
}
