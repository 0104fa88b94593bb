// Co-production programs of the partnership: partner nations, milestones, risks, links to a
// supply network and a working group, and the priority requests made under each program.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.js';
import { MILESTONE_STATUSES, partnershipApi, PROGRAM_STATUSES, type Milestone, type Program, type ProgramInput, type ProgramStatus, type Risk } from '../api/registers.js';
import { StateBadge } from '../components/Badges.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { fieldProps, FormField, OtherErrors } from '../components/FormField.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, humanise } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

const STATUS_TONE: Record<ProgramStatus, string> = { proposed: 'new', active: 'active', paused: 'warn', completed: 'done', cancelled: 'muted' };
const MILESTONE_TONE: Record<string, string> = { planned: 'new', on_track: 'active', at_risk: 'warn', done: 'done', missed: 'muted' };

function ProgramBadge({ status }: { status: ProgramStatus }) {
  return <span className={`badge tone-${STATUS_TONE[status]}`} data-testid="program-status">{humanise(status)}</span>;
}

export function ProgramsPage({ id }: { id?: string }) {
  return id ? <ProgramDetail id={id} /> : <ProgramList />;
}

function ProgramList() {
  const { user, reference } = useSession();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState({ q: '', status: '', partner: '' });
  const [creating, setCreating] = useState(false);
  const load = useLoad(() => partnershipApi.listPrograms(filter), [filter.q, filter.status, filter.partner]);
  const items = load.data?.items ?? [];
  const filtered = Boolean(filter.q || filter.status || filter.partner);
  return (
    <div className="page">
      <PageHeader
        title="Co-production programs"
        subtitle={`Programs ${user.nation} leads or partners in: milestones, risks and the priority requests made under them`}
        actions={hasRole(user, 'sosa_officer') ? <button type="button" className="btn btn-primary btn-small" onClick={() => setCreating(true)}>New program</button> : null}
      />
      <form className="filters" role="search" aria-label="Filter programs" onSubmit={(e) => (e.preventDefault(), setFilter({ ...filter, q: text.trim() }))}>
        <div className="filter">
          <label htmlFor="pg-q">Search</label>
          <div className="search-row">
            <input id="pg-q" type="search" placeholder="Code, name, description…" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" className="btn">Search</button>
          </div>
        </div>
        <div className="filter">
          <label htmlFor="pg-status">Status</label>
          <select id="pg-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
            <option value="">Any status</option>
            {PROGRAM_STATUSES.map((s) => (
              <option key={s} value={s}>{humanise(s)}</option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="pg-partner">Nation</label>
          <select id="pg-partner" value={filter.partner} onChange={(e) => setFilter({ ...filter, partner: e.target.value })}>
            <option value="">Any nation</option>
            {reference.nations.map((n) => (
              <option key={n.code} value={n.code}>{n.name}</option>
            ))}
          </select>
        </div>
      </form>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner label="Loading programs…" /> : null}
      {load.data && items.length === 0 ? <EmptyState title={filtered ? 'No program matches these filters' : 'No programs yet'}>{filtered ? 'Try removing a filter.' : null}</EmptyState> : null}
      {items.length > 0 ? (
        <div className={load.loading ? 'table-wrap is-reloading' : 'table-wrap'}>
          <table className="table" data-testid="programs-table">
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Nations</th>
                <th scope="col">Status</th>
                <th scope="col">Next milestone</th>
                <th scope="col" className="right">Open risks</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a className="row-link strong" href={href(`/programs/${p.id}`)}>{p.name}</a>
                    <div className="muted small mono">{p.id}{p.dpasProgramSymbol ? ` · ${p.dpasProgramSymbol}` : ''}</div>
                  </td>
                  <td className="nowrap">{[p.leadNation, ...p.partnerNations].join(' · ')}</td>
                  <td><ProgramBadge status={p.status} /></td>
                  <td>
                    {p.nextMilestone ? (
                      <>
                        {p.nextMilestone.title}
                        <div className="muted small">{formatDate(p.nextMilestone.dueOn)} · {humanise(p.nextMilestone.status)}</div>
                      </>
                    ) : '—'}
                  </td>
                  <td className="right">{p.openRisks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {creating ? <ProgramDialog onClose={() => setCreating(false)} onSaved={(p) => navigate(`/programs/${p.id}`)} /> : null}
    </div>
  );
}

function ProgramDetail({ id }: { id: string }) {
  const { user } = useSession();
  const load = useLoad(() => partnershipApi.getProgram(id), [id]);
  const [editing, setEditing] = useState(false);
  const p = load.data;
  return (
    <div className="page">
      <a className="back-link" href={href('/programs')}>← Co-production programs</a>
      <PageHeader
        title={p ? p.name : 'Program'}
        subtitle={p ? <><span className="mono">{p.id}</span> · led by {p.leadNation}{p.partnerNations.length ? ` with ${p.partnerNations.join(', ')}` : ''} · <ProgramBadge status={p.status} /></> : undefined}
        actions={p && hasRole(user, 'sosa_officer') ? <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing(true)}>Edit</button> : null}
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !p ? <Spinner /> : null}
      {p ? (
        <div className="detail-grid">
          <div className="detail-main">
            {p.description ? <section className="panel"><p className="pad">{p.description}</p></section> : null}
            <section className="panel" aria-labelledby="ms-h">
              <h2 id="ms-h" className="panel-title">Milestones</h2>
              {p.milestones.length === 0 ? <p className="pad muted">No milestones yet.</p> : (
                <ol className="timeline" data-testid="milestones">
                  {[...p.milestones].sort((a, b) => a.dueOn.localeCompare(b.dueOn)).map((m) => (
                    <li key={m.id} className="event">
                      <div className="event-head"><strong>{m.title}</strong> <span className={`badge tone-${MILESTONE_TONE[m.status]}`}>{humanise(m.status)}</span></div>
                      <div className="event-meta muted small">due {formatDate(m.dueOn)}{m.completedOn ? ` · done ${formatDate(m.completedOn)}` : ''}</div>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section className="panel" aria-labelledby="risk-h">
              <h2 id="risk-h" className="panel-title">Risks</h2>
              {p.risks.length === 0 ? <p className="pad muted">No risks recorded.</p> : (
                <div className="table-wrap">
                  <table className="table" data-testid="risks">
                    <thead>
                      <tr><th scope="col">Risk</th><th scope="col" className="right">Likelihood</th><th scope="col" className="right">Impact</th><th scope="col" className="right">Score</th><th scope="col">Owner</th><th scope="col">Status</th></tr>
                    </thead>
                    <tbody>
                      {[...p.risks].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).map((k) => (
                        <tr key={k.id}>
                          <td>{k.title}{k.mitigation ? <div className="muted small">{k.mitigation}</div> : null}</td>
                          <td className="right">{k.likelihood}</td>
                          <td className="right">{k.impact}</td>
                          <td className="right"><span className={(k.score ?? 0) >= 15 ? 'risk-score risk-high' : (k.score ?? 0) >= 8 ? 'risk-score risk-medium' : 'risk-score'}>{k.score}</span></td>
                          <td>{k.owner}</td>
                          <td>{humanise(k.status)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section className="panel" aria-labelledby="req-h">
              <h2 id="req-h" className="panel-title">Priority requests under this program</h2>
              {(p.requests ?? []).length === 0 ? <p className="pad muted">No requests your nation is party to cite this program.</p> : (
                <ul className="line-list" data-testid="program-requests">
                  {p.requests!.map((r) => (
                    <li key={r.id}>
                      <a className="strong" href={href(`/requests/${r.id}`)}>{r.reference}</a> {r.title}
                      <span className="muted small">{r.fromNation} → {r.toNation} · required by {formatDate(r.requiredBy)}</span>
                      <StateBadge state={r.state} label={humanise(r.state)} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <aside className="detail-side">
            <section className="panel">
              <h2 className="panel-title">Facts</h2>
              <dl className="facts">
                <dt>Started</dt><dd>{formatDate(p.startDate)}</dd>
                <dt>DPAS program symbol</dt><dd>{p.dpasProgramSymbol ?? '—'}</dd>
                <dt>Supply network</dt><dd className="mono small">{p.networkId ?? '—'}</dd>
                <dt>Working group</dt><dd className="mono small">{p.workingGroupId ?? '—'}</dd>
              </dl>
            </section>
          </aside>
        </div>
      ) : null}
      {p && editing ? <ProgramDialog existing={p} onClose={() => setEditing(false)} onSaved={(v) => (load.setData(v), setEditing(false))} /> : null}
    </div>
  );
}

const blankMilestone = (): Milestone => ({ title: '', dueOn: '', status: 'planned', completedOn: null });
const blankRisk = (): Risk => ({ title: '', likelihood: 3, impact: 3, owner: '', mitigation: '', status: 'open' });

function ProgramDialog({ existing, onClose, onSaved }: { existing?: Program; onClose(): void; onSaved(p: Program): void }) {
  const { user, reference } = useSession();
  const [code, setCode] = useState(`${user.nation}-`);
  const [form, setForm] = useState<ProgramInput>(
    existing
      ? { name: existing.name, description: existing.description, status: existing.status, startDate: existing.startDate, partnerNations: [...existing.partnerNations], dpasProgramSymbol: existing.dpasProgramSymbol, networkId: existing.networkId, workingGroupId: existing.workingGroupId, milestones: existing.milestones.map((m) => ({ ...m })), risks: existing.risks.map((k) => ({ ...k })) }
      : { name: '', description: '', status: 'proposed', startDate: null, partnerNations: [], dpasProgramSymbol: null, networkId: null, workingGroupId: null, milestones: [], risks: [] },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ProgramInput>) => setForm({ ...form, ...patch });
  const lead = existing?.leadNation ?? user.nation;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      onSaved(existing ? await partnershipApi.updateProgram(existing.id, { ...form, version: existing.version }) : await partnershipApi.createProgram({ ...form, id: code.trim() }));
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };
  const ms = (i: number, patch: Partial<Milestone>) => set({ milestones: form.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const rk = (i: number, patch: Partial<Risk>) => set({ risks: form.risks.map((k, j) => (j === i ? { ...k, ...patch } : k)) });
  const shown = (f: string) => /^(id|name|description|status|startDate|partnerNations(\/\d+)?|dpasProgramSymbol|networkId|workingGroupId|milestones\/\d+\/(title|dueOn|completedOn)|risks\/\d+\/(title|owner|likelihood|impact))$/.test(f);
  return (
    <Dialog title={existing ? `Edit ${existing.name}` : 'New co-production program'} onClose={onClose} wide>
      <form className="form dialog-body" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner error={error} />
        <div className="grid-2">
          {!existing ? (
            <FormField id="pg-id" label="Program code" required error={errors.id} help="Requests cite it, e.g. IN-F414-ENGINE.">
              <input {...fieldProps('pg-id', errors.id)} className="mono" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />
            </FormField>
          ) : null}
          <FormField id="pg-name" label="Name" required error={errors.name}>
            <input {...fieldProps('pg-name', errors.name)} value={form.name} onChange={(e) => set({ name: e.target.value })} />
          </FormField>
          <FormField id="pg-status-field" label="Status" required error={errors.status}>
            <select {...fieldProps('pg-status-field', errors.status)} value={form.status} onChange={(e) => set({ status: e.target.value as ProgramStatus })}>
              {PROGRAM_STATUSES.map((s) => (
                <option key={s} value={s}>{humanise(s)}</option>
              ))}
            </select>
          </FormField>
          <FormField id="pg-start" label="Start date" error={errors.startDate}>
            <input type="date" {...fieldProps('pg-start', errors.startDate)} value={form.startDate ?? ''} onChange={(e) => set({ startDate: e.target.value || null })} />
          </FormField>
          <FormField id="pg-symbol" label="DPAS program symbol" error={errors.dpasProgramSymbol} help="Schedule I, e.g. A1 aircraft.">
            <input {...fieldProps('pg-symbol', errors.dpasProgramSymbol)} value={form.dpasProgramSymbol ?? ''} onChange={(e) => set({ dpasProgramSymbol: e.target.value.trim().toUpperCase() || null })} />
          </FormField>
          <FormField id="pg-network" label="Supply network id" error={errors.networkId}>
            <input {...fieldProps('pg-network', errors.networkId)} className="mono" value={form.networkId ?? ''} onChange={(e) => set({ networkId: e.target.value.trim() || null })} />
          </FormField>
          <FormField id="pg-wg" label="Working group id" error={errors.workingGroupId}>
            <input {...fieldProps('pg-wg', errors.workingGroupId)} className="mono" value={form.workingGroupId ?? ''} onChange={(e) => set({ workingGroupId: e.target.value.trim() || null })} />
          </FormField>
        </div>
        <fieldset className="fieldset">
          <legend className="field-label">Partner nations (besides {lead}, the lead)</legend>
          <div className="check-list">
            {reference.nations.filter((n) => n.code !== lead).map((n) => (
              <label key={n.code} className="check">
                <input type="checkbox" checked={form.partnerNations.includes(n.code)} onChange={(e) => set({ partnerNations: e.target.checked ? [...form.partnerNations, n.code] : form.partnerNations.filter((x) => x !== n.code) })} /> {n.name}
              </label>
            ))}
          </div>
          {errors.partnerNations ? <div className="field-error" role="alert">{errors.partnerNations}</div> : null}
        </fieldset>
        <FormField id="pg-description" label="Description" error={errors.description}>
          <textarea {...fieldProps('pg-description', errors.description)} rows={2} value={form.description} onChange={(e) => set({ description: e.target.value })} />
        </FormField>
        <h3 className="subhead">Milestones</h3>
        {form.milestones.map((m, i) => (
          <div key={i} className="register-row">
            <FormField id={`ms-${i}-title`} label="Milestone" error={errors[`milestones/${i}/title`]}>
              <input {...fieldProps(`ms-${i}-title`, errors[`milestones/${i}/title`])} value={m.title} onChange={(e) => ms(i, { title: e.target.value })} />
            </FormField>
            <FormField id={`ms-${i}-due`} label="Due" error={errors[`milestones/${i}/dueOn`]}>
              <input type="date" {...fieldProps(`ms-${i}-due`, errors[`milestones/${i}/dueOn`])} value={m.dueOn} onChange={(e) => ms(i, { dueOn: e.target.value })} />
            </FormField>
            <FormField id={`ms-${i}-status`} label="Status">
              <select id={`ms-${i}-status`} value={m.status} onChange={(e) => ms(i, { status: e.target.value as Milestone['status'] })}>
                {MILESTONE_STATUSES.map((s) => (
                  <option key={s} value={s}>{humanise(s)}</option>
                ))}
              </select>
            </FormField>
            <FormField id={`ms-${i}-done`} label="Done on" error={errors[`milestones/${i}/completedOn`]}>
              <input type="date" {...fieldProps(`ms-${i}-done`, errors[`milestones/${i}/completedOn`])} value={m.completedOn ?? ''} onChange={(e) => ms(i, { completedOn: e.target.value || null })} />
            </FormField>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ milestones: form.milestones.filter((_, j) => j !== i) })}>Remove</button>
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => set({ milestones: [...form.milestones, blankMilestone()] })}>Add milestone</button>
        <h3 className="subhead">Risks</h3>
        {form.risks.map((k, i) => (
          <div key={i} className="register-row">
            <FormField id={`rk-${i}-title`} label="Risk" error={errors[`risks/${i}/title`]}>
              <input {...fieldProps(`rk-${i}-title`, errors[`risks/${i}/title`])} value={k.title} onChange={(e) => rk(i, { title: e.target.value })} />
            </FormField>
            <FormField id={`rk-${i}-l`} label="Likelihood (1–5)" error={errors[`risks/${i}/likelihood`]}>
              <select {...fieldProps(`rk-${i}-l`, errors[`risks/${i}/likelihood`])} value={k.likelihood} onChange={(e) => rk(i, { likelihood: Number(e.target.value) })}>
                {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </FormField>
            <FormField id={`rk-${i}-i`} label="Impact (1–5)" error={errors[`risks/${i}/impact`]}>
              <select {...fieldProps(`rk-${i}-i`, errors[`risks/${i}/impact`])} value={k.impact} onChange={(e) => rk(i, { impact: Number(e.target.value) })}>
                {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </FormField>
            <FormField id={`rk-${i}-owner`} label="Owner" error={errors[`risks/${i}/owner`]}>
              <input {...fieldProps(`rk-${i}-owner`, errors[`risks/${i}/owner`])} value={k.owner} onChange={(e) => rk(i, { owner: e.target.value })} />
            </FormField>
            <FormField id={`rk-${i}-status`} label="Status">
              <select id={`rk-${i}-status`} value={k.status} onChange={(e) => rk(i, { status: e.target.value as Risk['status'] })}>
                <option value="open">Open</option>
                <option value="mitigated">Mitigated</option>
                <option value="closed">Closed</option>
              </select>
            </FormField>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ risks: form.risks.filter((_, j) => j !== i) })}>Remove</button>
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => set({ risks: [...form.risks, blankRisk()] })}>Add risk</button>
        <OtherErrors errors={errors} shown={shown} />
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : existing ? 'Save' : 'Create program'}</button>
        </div>
      </form>
    </Dialog>
  );
}
