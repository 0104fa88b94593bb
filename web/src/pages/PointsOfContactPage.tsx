// The SOSA points-of-contact directory: each nation's contacts by function, read by both nations
// of an arrangement; each nation's SOSA officers keep their own nation's entries.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { CONTACT_FUNCTION_LABEL, CONTACT_FUNCTIONS, partnershipApi, type Contact, type ContactFunction, type ContactInput } from '../api/partnership.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { hasRole, nationName, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

const EMPTY: ContactInput = { function: 'sosa_lead', name: '', title: '', organisation: '', email: '', phone: '', notes: '' };

function ContactDialog({ initial, onClose, onSaved }: { initial: Contact | null; onClose(): void; onSaved(): void }) {
  const [form, setForm] = useState<ContactInput>(initial ? { function: initial.function, name: initial.name, title: initial.title, organisation: initial.organisation, email: initial.email ?? '', phone: initial.phone ?? '', notes: initial.notes } : EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof ContactInput) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: ContactInput = { ...form, email: form.email?.trim() || null, phone: form.phone?.trim() || null };
    setBusy(true);
    setError(undefined);
    try {
      if (initial) await partnershipApi.updateContact(initial.id, body);
      else await partnershipApi.createContact(body);
      onSaved();
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };
  const field = (k: keyof ContactInput, label: string, props: Record<string, unknown> = {}) => (
    <div className={errors[k] ? 'field has-error' : 'field'}>
      <label htmlFor={`poc-${k}`} className="field-label">{label}</label>
      <input id={`poc-${k}`} value={String(form[k] ?? '')} onChange={set(k)} aria-invalid={errors[k] ? true : undefined} {...props} />
      {errors[k] ? <div className="field-error" role="alert">{errors[k]}</div> : null}
    </div>
  );
  return (
    <Dialog title={initial ? `Edit ${initial.name}` : 'Add a point of contact'} onClose={onClose}>
      <form className="dialog-body form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner error={error} />
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
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function PointsOfContactPage() {
  const { user, reference } = useSession();
  const [q, setQ] = useState('');
  const [nation, setNation] = useState('');
  const [fn, setFn] = useState('');
  const [editing, setEditing] = useState<Contact | null | 'new'>(null);
  const list = useLoad(() => partnershipApi.listContacts({ q, nation, function: fn }), [q, nation, fn]);
  const items = list.data?.items ?? [];
  const nations = [...new Set(items.map((c) => c.nation).concat(nation ? [nation] : []))].sort();
  const officer = hasRole(user, 'sosa_officer');
  const filtered = Boolean(q || nation || fn);

  return (
    <div className="page">
      <PageHeader
        title="Points of contact"
        subtitle="SOSA contacts of your nation and its arrangement partners, by function. Each nation keeps its own entries."
        actions={officer ? <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>Add contact</button> : undefined}
      />
      <section className="panel" data-testid="poc-panel">
        <div className="panel-head">
          <div className="inline-filters" role="search" aria-label="Filter contacts">
            <input type="search" aria-label="Search contacts" placeholder="Search name, organisation, e-mail" value={q} onChange={(e) => setQ(e.target.value)} />
            <label htmlFor="poc-f-nation" className="small muted">Nation</label>
            <select id="poc-f-nation" value={nation} onChange={(e) => setNation(e.target.value)}>
              <option value="">All</option>
              {[...new Set([user.nation, ...nations])].map((n) => <option key={n} value={n}>{nationName(reference, n)}</option>)}
            </select>
            <label htmlFor="poc-f-function" className="small muted">Function</label>
            <select id="poc-f-function" value={fn} onChange={(e) => setFn(e.target.value)}>
              <option value="">All</option>
              {CONTACT_FUNCTIONS.map((f) => <option key={f} value={f}>{CONTACT_FUNCTION_LABEL[f]}</option>)}
            </select>
          </div>
        </div>
        <ErrorBanner error={list.error} onRetry={list.reload} />
        {list.loading && !list.data ? <Spinner label="Loading contacts…" /> : null}
        {list.data && items.length === 0 ? <EmptyState title={filtered ? 'No contact matches these filters' : 'No contacts yet'}>{filtered ? 'Try removing a filter.' : officer ? 'Add your nation’s SOSA contacts.' : null}</EmptyState> : null}
        {items.length > 0 ? (
          <div className={list.loading ? 'table-wrap is-reloading' : 'table-wrap'}>
            <table className="table" data-testid="poc-table">
              <caption className="sr-only">Points of contact</caption>
              <thead>
                <tr>
                  <th scope="col">Nation</th>
                  <th scope="col">Function</th>
                  <th scope="col">Name</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Phone</th>
                  <th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-testid="poc-row" data-nation={c.nation}>
                    <td><span className="chip">{c.nation}</span></td>
                    <td className="nowrap">{CONTACT_FUNCTION_LABEL[c.function] ?? c.function}</td>
                    <td>
                      <div className="strong">{c.name}</div>
                      {c.title ? <div className="small muted">{c.title}</div> : null}
                    </td>
                    <td>{c.organisation}</td>
                    <td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : <span className="muted">—</span>}</td>
                    <td className="nowrap">{c.phone ? <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a> : <span className="muted">—</span>}</td>
                    <td className="right">{officer && c.nation === user.nation ? <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>Edit</button> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {editing ? <ContactDialog initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} /> : null}
    </div>
  );
}
