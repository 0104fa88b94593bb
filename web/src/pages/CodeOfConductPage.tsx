// The partner ministry's Code of Conduct registry: subscribed companies, their capability
// catalogue (NSN Federal Supply Class and sector), contacts, track record and status history.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.js';
import { partnershipApi, SECTOR_LABEL, SECTORS, type Capability, type Contact, type Subscription, type SubscriptionStatus } from '../api/registers.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { fieldProps, FormField, OtherErrors } from '../components/FormField.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, formatDateTime, todayIso } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

const STATUS_TONE: Record<SubscriptionStatus, string> = { active: 'active', lapsed: 'warn', withdrawn: 'muted' };

export function SubscriptionBadge({ status }: { status: SubscriptionStatus }) {
  return (
    <span className={`badge tone-${STATUS_TONE[status]}`} data-testid="subscription-status">
      {status[0]!.toUpperCase() + status.slice(1)}
    </span>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)} %`);

export function CodeOfConductPage({ id }: { id?: string }) {
  return id ? <SubscriberDetail id={id} /> : <SubscriberList />;
}

function SubscriberList() {
  const { user } = useSession();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState({ q: '', status: '', sector: '', fsc: '' });
  const [creating, setCreating] = useState(false);
  const load = useLoad(() => partnershipApi.listSubscribers(filter), [filter.q, filter.status, filter.sector, filter.fsc]);
  const filtered = Boolean(filter.q || filter.status || filter.sector || filter.fsc);
  const writer = hasRole(user, 'sosa_officer');
  const items = load.data?.items ?? [];
  return (
    <div className="page">
      <PageHeader
        title="Code of Conduct registry"
        subtitle={`Companies of ${user.nation} that subscribed to the voluntary Code of Conduct and make every reasonable effort to give priority support`}
        actions={writer ? <button type="button" className="btn btn-primary btn-small" onClick={() => setCreating(true)}>Register a subscriber</button> : null}
      />
      <form
        className="filters"
        role="search"
        aria-label="Filter subscribers"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filter, q: text.trim() });
        }}
      >
        <div className="filter">
          <label htmlFor="coc-q">Search</label>
          <div className="search-row">
            <input id="coc-q" type="search" placeholder="Company, capability, part number…" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" className="btn">Search</button>
          </div>
        </div>
        <div className="filter">
          <label htmlFor="coc-status">Status</label>
          <select id="coc-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="lapsed">Lapsed</option>
            <option value="withdrawn">Withdrawn</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="coc-sector">Sector</label>
          <select id="coc-sector" value={filter.sector} onChange={(e) => setFilter({ ...filter, sector: e.target.value })}>
            <option value="">Any sector</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>{SECTOR_LABEL[s]}</option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="coc-fsc">Supply class (FSC)</label>
          <input id="coc-fsc" className="input-fsc" inputMode="numeric" placeholder="2840" maxLength={4} value={filter.fsc} onChange={(e) => setFilter({ ...filter, fsc: /^\d{4}$/.test(e.target.value) ? e.target.value : '' })} />
        </div>
        {filtered ? (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => (setText(''), setFilter({ q: '', status: '', sector: '', fsc: '' }))}>
            Clear
          </button>
        ) : null}
      </form>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner label="Loading the registry…" /> : null}
      {load.data && items.length === 0 ? (
        <EmptyState title={filtered ? 'No subscriber matches these filters' : 'No subscribers'}>
          {filtered ? 'Try removing a filter.' : writer ? 'Register the first company that subscribed to the Code of Conduct.' : 'Your nation keeps no Code of Conduct registry, or it is empty.'}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className={load.loading ? 'table-wrap is-reloading' : 'table-wrap'}>
          <table className="table" data-testid="coc-table">
            <caption className="sr-only">Code of Conduct subscribers</caption>
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">Status</th>
                <th scope="col">Subscribed</th>
                <th scope="col">Capabilities</th>
                <th scope="col" className="right">Requests</th>
                <th scope="col" className="right">Committed</th>
                <th scope="col" className="right">Declined</th>
                <th scope="col" className="right">On time</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a className="row-link strong" href={href(`/code-of-conduct/${s.id}`)}>{s.organisation.name}</a>
                    <div className="muted small">{s.organisation.shortName}</div>
                  </td>
                  <td><SubscriptionBadge status={s.status} /></td>
                  <td className="nowrap">{formatDate(s.subscribedOn)}</td>
                  <td>
                    {s.capabilities.map((c, i) => (
                      <span key={i} className="chip" title={c.description}>
                        {c.fsc ? `FSC ${c.fsc} · ` : ''}
                        {SECTOR_LABEL[c.sector] ?? c.sector}
                      </span>
                    ))}
                  </td>
                  <td className="right">{s.stats.received}</td>
                  <td className="right">{s.stats.committed}</td>
                  <td className="right">{s.stats.declined}</td>
                  <td className="right">{pct(s.stats.onTimeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {creating ? <SubscriberDialog onClose={() => setCreating(false)} onSaved={(s) => navigate(`/code-of-conduct/${s.id}`)} /> : null}
    </div>
  );
}

function SubscriberDetail({ id }: { id: string }) {
  const { user } = useSession();
  const load = useLoad(() => partnershipApi.getSubscriber(id), [id]);
  const [dialog, setDialog] = useState<'edit' | 'status' | null>(null);
  const s = load.data;
  const writer = hasRole(user, 'sosa_officer');
  return (
    <div className="page">
      <a className="back-link" href={href('/code-of-conduct')}>← Code of Conduct registry</a>
      <PageHeader
        title={s ? s.organisation.name : 'Subscriber'}
        subtitle={s ? <>Subscribed on {formatDate(s.subscribedOn)}, signed by {s.signedBy.name} ({s.signedBy.title}) · <SubscriptionBadge status={s.status} /> since {formatDate(s.statusSince)}</> : undefined}
        actions={
          s && writer ? (
            <>
              <button type="button" className="btn btn-small" onClick={() => setDialog('status')}>Change status</button>
              <button type="button" className="btn btn-primary btn-small" onClick={() => setDialog('edit')}>Edit</button>
            </>
          ) : null
        }
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !s ? <Spinner /> : null}
      {s ? (
        <div className="detail-grid">
          <div className="detail-main">
            <section className="panel" aria-labelledby="cap-h">
              <h2 id="cap-h" className="panel-title">Capability catalogue</h2>
              {s.capabilities.length === 0 ? <p className="pad muted">No capabilities recorded.</p> : (
                <div className="table-wrap">
                  <table className="table" data-testid="capabilities">
                    <thead>
                      <tr><th scope="col">FSC</th><th scope="col">Sector</th><th scope="col">Description</th><th scope="col">Part numbers</th></tr>
                    </thead>
                    <tbody>
                      {s.capabilities.map((c) => (
                        <tr key={c.id}>
                          <td className="mono">{c.fsc ?? '—'}</td>
                          <td>{SECTOR_LABEL[c.sector] ?? c.sector}</td>
                          <td>{c.description}</td>
                          <td className="mono small">{c.partNumbers.join(', ') || '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section className="panel" aria-labelledby="hist-h">
              <h2 id="hist-h" className="panel-title">Status history</h2>
              <ol className="timeline" data-testid="status-history">
                {(s.history ?? []).map((h, i) => (
                  <li key={i} className="event">
                    <div className="event-head">
                      <strong>{h.from ? `${h.from} → ${h.to}` : `Subscribed (${h.to})`}</strong> <span className="muted small">effective {formatDate(h.effectiveOn)}</span>
                    </div>
                    <div className="event-meta muted small">
                      recorded {formatDateTime(h.at)}
                      {h.actor ? ` by ${h.actor}` : ''}
                    </div>
                    {h.reason ? <div>{h.reason}</div> : null}
                  </li>
                ))}
              </ol>
            </section>
          </div>
          <aside className="detail-side">
            <section className="panel" aria-labelledby="stats-h">
              <h2 id="stats-h" className="panel-title">Track record</h2>
              <dl className="facts" data-testid="stats">
                <dt>Requests received</dt><dd>{s.stats.received}</dd>
                <dt>Committed</dt><dd>{s.stats.committed}</dd>
                <dt>Declined</dt><dd>{s.stats.declined}</dd>
                <dt>Delivered</dt><dd>{s.stats.delivered}</dd>
                <dt>On-time delivery</dt><dd>{pct(s.stats.onTimeRate)}</dd>
              </dl>
            </section>
            <section className="panel" aria-labelledby="contacts-h">
              <h2 id="contacts-h" className="panel-title">Contacts</h2>
              {s.contacts.length === 0 ? <p className="pad muted">No contacts recorded.</p> : (
                <ul className="line-list">
                  {s.contacts.map((c) => (
                    <li key={c.id}>
                      <span className="strong">{c.name}</span>
                      <span className="muted small">{[c.role, c.email, c.phone].filter(Boolean).join(' · ')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {s.notes ? <section className="panel"><h2 className="panel-title">Notes</h2><p className="pad">{s.notes}</p></section> : null}
          </aside>
        </div>
      ) : null}
      {s && dialog === 'edit' ? <SubscriberDialog existing={s} onClose={() => setDialog(null)} onSaved={(v) => (load.setData(v), setDialog(null))} /> : null}
      {s && dialog === 'status' ? <StatusDialog s={s} onClose={() => setDialog(null)} onSaved={(v) => (load.setData(v), setDialog(null))} /> : null}
    </div>
  );
}

const emptyCapability = (): Capability => ({ fsc: null, sector: 'aircraft', description: '', partNumbers: [] });
const emptyContact = (): Contact => ({ name: '', role: '', email: '', phone: '' });

function SubscriberDialog({ existing, onClose, onSaved }: { existing?: Subscription; onClose(): void; onSaved(s: Subscription): void }) {
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const candidates = reference.companies.filter((c) => !c.codeOfConductSince);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setErrors({});
    const capabilities = caps.filter((c) => c.description.trim() || c.fsc);
    const people = contacts.filter((c) => c.name.trim());
    try {
      const saved = existing
        ? await partnershipApi.updateSubscriber(existing.id, { version: existing.version, signedBy: signer, notes, capabilities, contacts: people })
        : await partnershipApi.createSubscriber({
            ...(companyMode === 'existing' ? { organisationId: organisationId || undefined } : { newCompany: { name: newName, shortName: newShort } }),
            subscribedOn,
            signedBy: signer,
            notes,
            capabilities,
            contacts: people,
          });
      onSaved(saved);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };
  const setCap = (i: number, patch: Partial<Capability>) => setCaps(caps.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const setContact = (i: number, patch: Partial<Contact>) => setContacts(contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const shown = (f: string) => /^(organisationId|newCompany\/(name|shortName)|subscribedOn|signedBy\/(name|title)|notes|capabilities\/\d+\/(fsc|description)|contacts\/\d+\/(name|email))$/.test(f);

  return (
    <Dialog title={existing ? `Edit ${existing.organisation.name}` : 'Register a Code of Conduct subscriber'} onClose={onClose} wide>
      <form className="form dialog-body" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner error={error} />
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
                <FormField id="sub-newName" label="Company name" required error={errors['newCompany/name']}>
                  <input {...fieldProps('sub-newName', errors['newCompany/name'])} value={newName} onChange={(e) => setNewName(e.target.value)} />
                </FormField>
                <FormField id="sub-newShort" label="Short name" required error={errors['newCompany/shortName']}>
                  <input {...fieldProps('sub-newShort', errors['newCompany/shortName'])} value={newShort} onChange={(e) => setNewShort(e.target.value)} />
                </FormField>
              </div>
            )}
            <FormField id="sub-subscribedOn" label="Subscribed on" required error={errors.subscribedOn}>
              <input type="date" {...fieldProps('sub-subscribedOn', errors.subscribedOn)} value={subscribedOn} onChange={(e) => setSubscribedOn(e.target.value)} />
            </FormField>
          </>
        ) : null}
        <div className="grid-2">
          <FormField id="sub-signer" label="Signed by" required error={errors['signedBy/name']}>
            <input {...fieldProps('sub-signer', errors['signedBy/name'])} value={signer.name} onChange={(e) => setSigner({ ...signer, name: e.target.value })} />
          </FormField>
          <FormField id="sub-signer-title" label="Signatory's title" required error={errors['signedBy/title']}>
            <input {...fieldProps('sub-signer-title', errors['signedBy/title'])} value={signer.title} onChange={(e) => setSigner({ ...signer, title: e.target.value })} />
          </FormField>
        </div>
        <h3 className="subhead">Capabilities</h3>
        {caps.map((c, i) => (
          <div key={i} className="register-row">
            <FormField id={`cap-${i}-fsc`} label="FSC" error={errors[`capabilities/${i}/fsc`]}>
              <input {...fieldProps(`cap-${i}-fsc`, errors[`capabilities/${i}/fsc`])} className="input-fsc" placeholder="2840" value={c.fsc ?? ''} onChange={(e) => setCap(i, { fsc: e.target.value.trim() || null })} />
            </FormField>
            <FormField id={`cap-${i}-sector`} label="Sector">
              <select id={`cap-${i}-sector`} value={c.sector} onChange={(e) => setCap(i, { sector: e.target.value })}>
                {SECTORS.map((s) => (
                  <option key={s} value={s}>{SECTOR_LABEL[s]}</option>
                ))}
              </select>
            </FormField>
            <FormField id={`cap-${i}-description`} label="Description" error={errors[`capabilities/${i}/description`]}>
              <input {...fieldProps(`cap-${i}-description`, errors[`capabilities/${i}/description`])} value={c.description} onChange={(e) => setCap(i, { description: e.target.value })} />
            </FormField>
            <FormField id={`cap-${i}-parts`} label="Part numbers">
              <input id={`cap-${i}-parts`} placeholder="comma-separated" value={c.partNumbers.join(', ')} onChange={(e) => setCap(i, { partNumbers: e.target.value.split(',').map((p) => p.trim()).filter(Boolean) })} />
            </FormField>
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove capability ${i + 1}`} onClick={() => setCaps(caps.filter((_, j) => j !== i))}>Remove</button>
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => setCaps([...caps, emptyCapability()])}>Add capability</button>
        <h3 className="subhead">Contacts</h3>
        {contacts.map((c, i) => (
          <div key={i} className="register-row">
            <FormField id={`contact-${i}-name`} label="Name" error={errors[`contacts/${i}/name`]}>
              <input {...fieldProps(`contact-${i}-name`, errors[`contacts/${i}/name`])} value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />
            </FormField>
            <FormField id={`contact-${i}-role`} label="Role">
              <input id={`contact-${i}-role`} value={c.role} onChange={(e) => setContact(i, { role: e.target.value })} />
            </FormField>
            <FormField id={`contact-${i}-email`} label="E-mail" error={errors[`contacts/${i}/email`]}>
              <input type="email" {...fieldProps(`contact-${i}-email`, errors[`contacts/${i}/email`])} value={c.email} onChange={(e) => setContact(i, { email: e.target.value })} />
            </FormField>
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove contact ${i + 1}`} onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>Remove</button>
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => setContacts([...contacts, emptyContact()])}>Add contact</button>
        <FormField id="sub-notes" label="Notes" error={errors.notes}>
          <textarea {...fieldProps('sub-notes', errors.notes)} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </FormField>
        <OtherErrors errors={errors} shown={shown} />
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : existing ? 'Save' : 'Register'}</button>
        </div>
      </form>
    </Dialog>
  );
}

const NEXT: Record<SubscriptionStatus, SubscriptionStatus[]> = { active: ['lapsed', 'withdrawn'], lapsed: ['active', 'withdrawn'], withdrawn: ['active'] };

function StatusDialog({ s, onClose, onSaved }: { s: Subscription; onClose(): void; onSaved(s: Subscription): void }) {
  const [status, setStatus] = useState<SubscriptionStatus>(NEXT[s.status][0]!);
  const [effectiveOn, setEffectiveOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onSaved(await partnershipApi.changeSubscriberStatus(s.id, { version: s.version, status, effectiveOn, reason }));
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Change the status of ${s.organisation.name}`} onClose={onClose}>
      <form className="form dialog-body" onSubmit={(e) => void submit(e)} noValidate>
        <p className="dialog-context">Now {s.status} since {formatDate(s.statusSince)}. The change is added to the history; nothing is overwritten. Only active subscribers can be routed requests.</p>
        <ErrorBanner error={error} />
        <FormField id="st-status" label="New status" required error={errors.status}>
          <select {...fieldProps('st-status', errors.status)} value={status} onChange={(e) => setStatus(e.target.value as SubscriptionStatus)}>
            {NEXT[s.status].map((x) => (
              <option key={x} value={x}>{x === 'active' ? 'Active (renewed)' : x[0]!.toUpperCase() + x.slice(1)}</option>
            ))}
          </select>
        </FormField>
        <FormField id="st-effectiveOn" label="Effective on" required error={errors.effectiveOn}>
          <input type="date" {...fieldProps('st-effectiveOn', errors.effectiveOn)} value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
        </FormField>
        <FormField id="st-reason" label="Reason" required={status !== 'active'} error={errors.reason}>
          <textarea {...fieldProps('st-reason', errors.reason)} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </FormField>
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Record change'}</button>
        </div>
      </form>
    </Dialog>
  );
}
