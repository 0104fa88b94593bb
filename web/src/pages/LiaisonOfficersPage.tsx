// Liaison officer postings (MoA on the Assignment of Liaison Officers): who is posted where,
// postings ending soon, and the sending nation's create/edit dialog.
import { useMemo, useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.js';
import { partnershipApi, type LiaisonDocument, type Posting, type PostingInput, type PostingStatus } from '../api/registers.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { fieldProps, FormField, OtherErrors } from '../components/FormField.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate } from '../format.js';
import { hasRole, nationName, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

const TONE: Record<PostingStatus, string> = { planned: 'new', active: 'active', ended: 'muted' };
type View = 'where' | 'ending' | 'all';

export function LiaisonOfficersPage() {
  const { user, reference } = useSession();
  const [view, setView] = useState<View>('where');
  const [days, setDays] = useState(90);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<Posting | 'new' | null>(null);
  const filter = view === 'where' ? { q, role, status: 'active' } : view === 'ending' ? { q, role, endingWithinDays: days } : { q, role, status };
  const load = useLoad(() => partnershipApi.listPostings(filter), [view, days, q, role, status]);
  const items = load.data?.items ?? [];
  const byCommand = useMemo(() => {
    const groups = new Map<string, Posting[]>();
    for (const p of items) groups.set(p.hostCommand, [...(groups.get(p.hostCommand) ?? []), p]);
    return [...groups.entries()];
  }, [items]);
  const writer = hasRole(user, 'sosa_officer');
  const filtered = Boolean(q || role || (view === 'all' && status));

  return (
    <div className="page">
      <PageHeader
        title="Liaison officers"
        subtitle={`Officers ${user.nation} posts to partner commands, and partner officers it hosts`}
        actions={writer ? <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>Post an officer</button> : null}
      />
      <div className="tabs" role="tablist" aria-label="Views">
        {(
          [
            ['where', 'Who is posted where'],
            ['ending', 'Ending soon'],
            ['all', 'All postings'],
          ] as const
        ).map(([v, label]) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'tab active' : 'tab'} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
      </div>
      <form className="filters" role="search" aria-label="Filter postings" onSubmit={(e) => (e.preventDefault(), setQ(text.trim()))}>
        <div className="filter">
          <label htmlFor="lo-q">Search</label>
          <div className="search-row">
            <input id="lo-q" type="search" placeholder="Officer, command, place…" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" className="btn">Search</button>
          </div>
        </div>
        <div className="filter">
          <label htmlFor="lo-role">Role of {user.nation}</label>
          <select id="lo-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">Sends or hosts</option>
            <option value="sending">Sends</option>
            <option value="hosting">Hosts</option>
          </select>
        </div>
        {view === 'ending' ? (
          <div className="filter">
            <label htmlFor="lo-days">Ending within (days)</label>
            <input id="lo-days" className="input-days" type="number" min={0} max={9999} value={days} onChange={(e) => setDays(Math.max(0, Math.min(9999, Number(e.target.value) || 0)))} />
          </div>
        ) : null}
        {view === 'all' ? (
          <div className="filter">
            <label htmlFor="lo-status">Status</label>
            <select id="lo-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Any status</option>
              <option value="planned">Planned</option>
              <option value="active">Active</option>
              <option value="ended">Ended</option>
            </select>
          </div>
        ) : null}
      </form>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner label="Loading postings…" /> : null}
      {load.data && items.length === 0 ? (
        <EmptyState title={view === 'ending' ? `No posting ends within ${days} days` : filtered ? 'No posting matches these filters' : 'No postings'}>
          {writer ? 'Post an officer to a partner command to start the register.' : null}
        </EmptyState>
      ) : null}
      {items.length > 0 && view === 'where' ? (
        <div className="posting-groups" data-testid="posted-where">
          {byCommand.map(([command, postings]) => (
            <section key={command} className="panel">
              <h2 className="panel-title">
                {command} <span className="muted small">{postings[0]!.location} · {nationName(reference, postings[0]!.hostNation)}</span>
              </h2>
              <ul className="line-list">
                {postings.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="linkish strong" onClick={() => setEditing(p)}>{p.officer.rank} {p.officer.name}</button>
                    <span className="muted small">from {p.sendingNation} · until {formatDate(p.endDate)} · host contact {p.hostPoc.name || '—'}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : null}
      {items.length > 0 && view !== 'where' ? (
        <div className={load.loading ? 'table-wrap is-reloading' : 'table-wrap'}>
          <table className="table" data-testid="postings-table">
            <thead>
              <tr>
                <th scope="col">Officer</th>
                <th scope="col">From → to</th>
                <th scope="col">Host command</th>
                <th scope="col">Posting</th>
                <th scope="col">Status</th>
                <th scope="col" className="right">Days left</th>
                <th scope="col">Documents</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <button type="button" className="linkish strong" onClick={() => setEditing(p)}>{p.officer.name}</button>
                    <div className="muted small">{p.officer.rank} · {p.officer.serviceNumber}</div>
                  </td>
                  <td className="nowrap">{p.sendingNation} → {p.hostNation}</td>
                  <td>{p.hostCommand}<div className="muted small">{p.location}</div></td>
                  <td className="nowrap">{formatDate(p.startDate)} – {p.endDate ? formatDate(p.endDate) : 'open'}</td>
                  <td><span className={`badge tone-${TONE[p.status]}`}>{p.status}</span></td>
                  <td className="right">{p.daysToEnd === null || p.daysToEnd < 0 ? '—' : p.daysToEnd}</td>
                  <td className="small">{p.documents.map((d) => d.number || d.title).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? <PostingDialog posting={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), load.reload())} /> : null}
    </div>
  );
}

const blankDoc = (): LiaisonDocument => ({ title: '', number: '', issuedOn: null });

function PostingDialog({ posting, onClose, onSaved }: { posting?: Posting; onClose(): void; onSaved(): void }) {
  const { user, reference } = useSession();
  const readOnly = posting !== undefined && !posting.canEdit;
  // Nations the user's nation has an arrangement with come first (the usual host), then the others.
  const arranged = new Set(reference.arrangements.flatMap((a) => [a.nationA, a.nationB]));
  const partners = reference.nations.filter((n) => n.code !== user.nation).sort((a, b) => Number(arranged.has(b.code)) - Number(arranged.has(a.code)) || a.name.localeCompare(b.name));
  const [form, setForm] = useState<PostingInput>(
    posting
      ? { officerName: posting.officer.name, officerRank: posting.officer.rank, serviceNumber: posting.officer.serviceNumber, hostNation: posting.hostNation, hostCommand: posting.hostCommand, location: posting.location, startDate: posting.startDate, endDate: posting.endDate, status: posting.status, hostPoc: { ...posting.hostPoc }, notes: posting.notes, documents: posting.documents.map((d) => ({ ...d })) }
      : { officerName: '', officerRank: '', serviceNumber: '', hostNation: partners[0]?.code ?? '', hostCommand: '', location: '', startDate: '', endDate: null, status: 'planned', hostPoc: { name: '', email: '' }, notes: '', documents: [] },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<PostingInput>) => setForm({ ...form, ...patch });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      const body = { ...form, documents: form.documents.filter((d) => d.title.trim()) };
      if (posting) await partnershipApi.updatePosting(posting.id, { ...body, version: posting.version });
      else await partnershipApi.createPosting(body);
      onSaved();
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };
  const text = (key: 'officerName' | 'officerRank' | 'serviceNumber' | 'hostCommand' | 'location', label: string, required = false) => (
    <FormField id={`lo-${key}`} label={label} required={required} error={errors[key]}>
      <input {...fieldProps(`lo-${key}`, errors[key])} readOnly={readOnly} value={form[key]} onChange={(e) => set({ [key]: e.target.value })} />
    </FormField>
  );
  const shown = (f: string) => /^(officerName|officerRank|serviceNumber|hostNation|hostCommand|location|startDate|endDate|status|hostPoc\/(name|email)|documents\/\d+\/(title|number|issuedOn))$/.test(f);
  return (
    <Dialog title={posting ? `${readOnly ? '' : 'Edit '}${posting.officer.name}’s posting` : 'Post an officer'} onClose={onClose} wide>
      <form className="form dialog-body" onSubmit={(e) => void submit(e)} noValidate>
        {readOnly ? <p className="dialog-context">{posting!.sendingNation}, the sending nation, keeps this posting; {user.nation} reads it as the host.</p> : null}
        <ErrorBanner error={error} />
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
          <FormField id="lo-startDate" label="Start" required error={errors.startDate}>
            <input type="date" {...fieldProps('lo-startDate', errors.startDate)} readOnly={readOnly} value={form.startDate} onChange={(e) => set({ startDate: e.target.value })} />
          </FormField>
          <FormField id="lo-endDate" label="End" error={errors.endDate} help="Leave empty for an open-ended posting.">
            <input type="date" {...fieldProps('lo-endDate', errors.endDate)} readOnly={readOnly} value={form.endDate ?? ''} onChange={(e) => set({ endDate: e.target.value || null })} />
          </FormField>
          <FormField id="lo-status" label="Status" required error={errors.status}>
            <select {...fieldProps('lo-status', errors.status)} disabled={readOnly} value={form.status} onChange={(e) => set({ status: e.target.value as PostingStatus })}>
              <option value="planned">Planned</option>
              <option value="active">Active</option>
              <option value="ended">Ended</option>
            </select>
          </FormField>
          <FormField id="lo-poc" label="Host point of contact" error={errors['hostPoc/name']}>
            <input {...fieldProps('lo-poc', errors['hostPoc/name'])} readOnly={readOnly} value={form.hostPoc.name} onChange={(e) => set({ hostPoc: { ...form.hostPoc, name: e.target.value } })} />
          </FormField>
          <FormField id="lo-poc-email" label="Contact e-mail" error={errors['hostPoc/email']}>
            <input type="email" {...fieldProps('lo-poc-email', errors['hostPoc/email'])} readOnly={readOnly} value={form.hostPoc.email} onChange={(e) => set({ hostPoc: { ...form.hostPoc, email: e.target.value } })} />
          </FormField>
        </div>
        <h3 className="subhead">Assignment documents</h3>
        {form.documents.length === 0 ? <p className="muted small">No documents referenced.</p> : null}
        {form.documents.map((d, i) => (
          <div key={i} className="register-row">
            <FormField id={`doc-${i}-title`} label="Title" error={errors[`documents/${i}/title`]}>
              <input {...fieldProps(`doc-${i}-title`, errors[`documents/${i}/title`])} readOnly={readOnly} value={d.title} onChange={(e) => set({ documents: form.documents.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)) })} />
            </FormField>
            <FormField id={`doc-${i}-number`} label="Number">
              <input id={`doc-${i}-number`} readOnly={readOnly} value={d.number} onChange={(e) => set({ documents: form.documents.map((x, j) => (j === i ? { ...x, number: e.target.value } : x)) })} />
            </FormField>
            <FormField id={`doc-${i}-date`} label="Dated" error={errors[`documents/${i}/issuedOn`]}>
              <input type="date" {...fieldProps(`doc-${i}-date`, errors[`documents/${i}/issuedOn`])} readOnly={readOnly} value={d.issuedOn ?? ''} onChange={(e) => set({ documents: form.documents.map((x, j) => (j === i ? { ...x, issuedOn: e.target.value || null } : x)) })} />
            </FormField>
            {!readOnly ? <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ documents: form.documents.filter((_, j) => j !== i) })}>Remove</button> : null}
          </div>
        ))}
        {!readOnly ? <button type="button" className="btn btn-small" onClick={() => set({ documents: [...form.documents, blankDoc()] })}>Add document</button> : null}
        <OtherErrors errors={errors} shown={shown} />
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>{readOnly ? 'Close' : 'Cancel'}</button>
          {!readOnly ? <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : posting ? 'Save' : 'Post officer'}</button> : null}
        </div>
      </form>
    </Dialog>
  );
}
