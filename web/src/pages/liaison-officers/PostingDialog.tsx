// The sending nation's create/edit dialog of a liaison officer posting; the host nation reads it.
import { useState } from 'react';
import { partnershipApi, type LiaisonDocument, type Posting, type PostingInput, type PostingStatus } from '../../api/registers.js';
import { FormDialog } from '../../components/FormDialog.js';
import { fieldProps, FormField, InputField } from '../../components/FormField.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useSession } from '../../session.js';

const blankDoc = (): LiaisonDocument => ({ title: '', number: '', issuedOn: null });
const editable = (p: Posting): PostingInput => ({ officerName: p.officer.name, officerRank: p.officer.rank, serviceNumber: p.officer.serviceNumber, hostNation: p.hostNation, hostCommand: p.hostCommand, location: p.location, startDate: p.startDate, endDate: p.endDate, status: p.status, hostPoc: { ...p.hostPoc }, notes: p.notes, documents: p.documents.map((d) => ({ ...d })) });
const SHOWN = /^(officerName|officerRank|serviceNumber|hostNation|hostCommand|location|startDate|endDate|status|hostPoc\/(name|email)|documents\/\d+\/(title|number|issuedOn))$/;

export function PostingDialog({ posting, onClose, onSaved }: { posting?: Posting; onClose(): void; onSaved(): void }) {
  const { user, reference } = useSession();
  const readOnly = posting !== undefined && !posting.canEdit;
  // Nations the user's nation has an arrangement with come first (the usual host), then the others.
  const arranged = new Set(reference.arrangements.flatMap((a) => [a.nationA, a.nationB]));
  const partners = reference.nations.filter((n) => n.code !== user.nation).sort((a, b) => Number(arranged.has(b.code)) - Number(arranged.has(a.code)) || a.name.localeCompare(b.name));
  const [form, setForm] = useState<PostingInput>(
    posting ? editable(posting) : { officerName: '', officerRank: '', serviceNumber: '', hostNation: partners[0]?.code ?? '', hostCommand: '', location: '', startDate: '', endDate: null, status: 'planned', hostPoc: { name: '', email: '' }, notes: '', documents: [] },
  );
  const save = useApiMutation(
    () => {
      const body = { ...form, documents: form.documents.filter((d) => d.title.trim()) };
      return posting ? partnershipApi.updatePosting(posting.id, { ...body, version: posting.version }) : partnershipApi.createPosting(body);
    },
    { invalidates: [keys.postings.all], onSaved },
  );
  const errors = save.fieldErrors;
  const set = (patch: Partial<PostingInput>) => setForm({ ...form, ...patch });
  const setDoc = (i: number, patch: Partial<LiaisonDocument>) => set({ documents: form.documents.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const text = (key: 'officerName' | 'officerRank' | 'serviceNumber' | 'hostCommand' | 'location', label: string, required = false) => (
    <InputField id={`lo-${key}`} label={label} required={required} error={errors[key]} readOnly={readOnly} value={form[key]} onChange={(v) => set({ [key]: v })} />
  );
  return (
    <FormDialog
      title={posting ? `${readOnly ? '' : 'Edit '}${posting.officer.name}’s posting` : 'Post an officer'}
      onClose={onClose}
      save={save}
      submitLabel={posting ? 'Save' : 'Post officer'}
      context={readOnly ? <>{posting!.sendingNation}, the sending nation, keeps this posting; {user.nation} reads it as the host.</> : undefined}
      shown={(f) => SHOWN.test(f)}
      readOnly={readOnly}
      wide
    >
      <div className="grid-2">
        {text('officerName', 'Officer', true)}
        {text('officerRank', 'Rank')}
        {text('serviceNumber', 'Service number', true)}
        <FormField id="lo-hostNation" label="Host nation" required error={errors.hostNation}>
          <select {...fieldProps('lo-hostNation', errors.hostNation)} disabled={readOnly} value={form.hostNation} onChange={(e) => set({ hostNation: e.target.value })}>
            {(posting ? reference.nations : partners).map((n) => (
              <option key={n.code} value={n.code}>{n.name}</option>
            ))}
          </select>
        </FormField>
        {text('hostCommand', 'Host command', true)}
        {text('location', 'Location')}
        <InputField id="lo-startDate" label="Start" type="date" required error={errors.startDate} readOnly={readOnly} value={form.startDate} onChange={(startDate) => set({ startDate })} />
        <InputField id="lo-endDate" label="End" type="date" error={errors.endDate} help="Leave empty for an open-ended posting." readOnly={readOnly} value={form.endDate ?? ''} onChange={(v) => set({ endDate: v || null })} />
        <FormField id="lo-status" label="Status" required error={errors.status}>
          <select {...fieldProps('lo-status', errors.status)} disabled={readOnly} value={form.status} onChange={(e) => set({ status: e.target.value as PostingStatus })}>
            <option value="planned">Planned</option>
            <option value="active">Active</option>
            <option value="ended">Ended</option>
          </select>
        </FormField>
        <InputField id="lo-poc" label="Host point of contact" error={errors['hostPoc/name']} readOnly={readOnly} value={form.hostPoc.name} onChange={(name) => set({ hostPoc: { ...form.hostPoc, name } })} />
        <InputField id="lo-poc-email" label="Contact e-mail" type="email" error={errors['hostPoc/email']} readOnly={readOnly} value={form.hostPoc.email} onChange={(email) => set({ hostPoc: { ...form.hostPoc, email } })} />
      </div>
      <h3 className="subhead">Assignment documents</h3>
      {form.documents.length === 0 ? <p className="muted small">No documents referenced.</p> : null}
      {form.documents.map((d, i) => (
        <div key={i} className="register-row">
          <InputField id={`doc-${i}-title`} label="Title" error={errors[`documents/${i}/title`]} readOnly={readOnly} value={d.title} onChange={(title) => setDoc(i, { title })} />
          <InputField id={`doc-${i}-number`} label="Number" readOnly={readOnly} value={d.number} onChange={(number) => setDoc(i, { number })} />
          <InputField id={`doc-${i}-date`} label="Dated" type="date" error={errors[`documents/${i}/issuedOn`]} readOnly={readOnly} value={d.issuedOn ?? ''} onChange={(v) => setDoc(i, { issuedOn: v || null })} />
          {!readOnly ? <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ documents: form.documents.filter((_, j) => j !== i) })}>Remove</button> : null}
        </div>
      ))}
      {!readOnly ? <button type="button" className="btn btn-small" onClick={() => set({ documents: [...form.documents, blankDoc()] })}>Add document</button> : null}
    </FormDialog>
  );
}
