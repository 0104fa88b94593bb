// The auditors' page (#/audit): search the audit log by object, actor, action and time, read each
// event in plain words, and verify the hash chain online with a checkpoint to keep.
import { Fragment, useState, type FormEvent } from 'react';
import { auditApi, PAGE_SIZE, type AuditEvent, type AuditFilters } from '../api/audit.js';
import { ACTION_FAMILIES, actionLabel, fieldLabel, OBJECT_TYPES, objectTypeLabel } from '../audit-words.js';
import { AuditVerifyPanel } from '../components/AuditVerifyPanel.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDateTime, formatValue, humanise } from '../format.js';
import { href, navigate } from '../router.js';
import { nationName, useSession } from '../session.js';
import { useLoad } from '../use-load.js';

const FILTER_KEYS = ['entityType', 'entity', 'actor', 'action', 'fromDate', 'toDate'] as const;
type FormState = Record<(typeof FILTER_KEYS)[number], string>;

/** A calendar day of the browser as the instants that bound it, for the API's time range. */
function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined;
}

function toFilters(f: FormState): AuditFilters {
  return { entityType: f.entityType || undefined, entity: f.entity.trim() || undefined, actor: f.actor.trim() || undefined, action: f.action || undefined, from: dayStart(f.fromDate), to: dayEnd(f.toDate) };
}

// Fields whose values are names of states or kinds ("mod_review", "routine"): shown as words.
const WORDY = new Set(['urgency', 'from', 'to', 'status', 'visibility', 'kind', 'scope', 'method', 'class', 'basis', 'subjectKind']);

/** A value of an event's data, readable: nested records as their own short list. */
function DataValue({ value, field }: { value: unknown; field?: string }) {
  if (field && WORDY.has(field) && typeof value === 'string' && /^[a-z_]+$/.test(value)) return <>{humanise(value)}</>;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <>—</>;
    return (
      <dl className="event-fields">
        {entries.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{fieldLabel(k)}</dt>
            <dd><DataValue value={v} field={k} /></dd>
          </Fragment>
        ))}
      </dl>
    );
  }
  if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
    return <ul className="plain-list">{value.map((v, i) => <li key={i}><DataValue value={v} /></li>)}</ul>;
  }
  return <>{formatValue(value)}</>;
}

function ObjectCell({ e }: { e: AuditEvent }) {
  const reference = typeof e.data.reference === 'string' ? e.data.reference : null;
  const name = reference ?? (typeof e.data.username === 'string' ? e.data.username : null);
  const label = objectTypeLabel(e.entityType);
  const shown = name ?? (e.entityId.length > 20 ? `${e.entityId.slice(0, 8)}…` : e.entityId);
  return (
    <>
      <div className="small muted">{label}</div>
      {e.entityType === 'request' ? <a href={href(`/requests/${e.entityId}`)} title={e.entityId}>{shown}</a> : <span title={e.entityId}>{shown}</span>}
    </>
  );
}

export function AuditPage({ query }: { query: URLSearchParams }) {
  const { user, reference } = useSession();
  const initial = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as FormState;
  const [form, setForm] = useState<FormState>(initial);
  // Older pages are reached through the seq cursor; the stack lets the auditor go back.
  const [cursors, setCursors] = useState<number[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const applied = toFilters(initial);
  const appliedKey = query.toString();
  const before = cursors[cursors.length - 1];
  const load = useLoad(() => auditApi.search(applied, before), [appliedKey, before]);

  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const search = (e?: FormEvent) => {
    e?.preventDefault();
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) if (form[k].trim()) q.set(k, form[k].trim());
    setCursors([]);
    setOpen(null);
    navigate(`/audit${q.toString() ? `?${q}` : ''}`, { replace: true });
  };
  const clear = () => {
    setForm(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as FormState);
    setCursors([]);
    navigate('/audit', { replace: true });
  };
  const filtered = FILTER_KEYS.some((k) => initial[k]);
  const items = load.data?.items ?? [];
  const page = cursors.length + 1;

  return (
    <div className="page page-audit">
      <PageHeader
        title="Audit log"
        subtitle={`Every change and every access of another nation, as ${nationName(reference, user.nation)}'s auditors may read it: your nation's events, those of records your nation shares with a partner, and this system's own.`}
      />
      <AuditVerifyPanel />
      <form className="filters" onSubmit={search} role="search" aria-label="Search the audit log">
        <div className="filter">
          <label htmlFor="a-type">Object</label>
          <select id="a-type" value={form.entityType} onChange={set('entityType')}>
            <option value="">Any kind</option>
            {OBJECT_TYPES.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="a-entity">Reference or id</label>
          <input id="a-entity" value={form.entity} onChange={set('entity')} placeholder="IN-2026-0001" />
        </div>
        <div className="filter">
          <label htmlFor="a-actor">Who (username)</label>
          <input id="a-actor" value={form.actor} onChange={set('actor')} placeholder="in.sosa" autoCapitalize="none" spellCheck={false} />
        </div>
        <div className="filter">
          <label htmlFor="a-action">What</label>
          <select id="a-action" value={form.action} onChange={set('action')}>
            <option value="">Anything</option>
            {form.action && !ACTION_FAMILIES.some(([a]) => a === form.action) ? <option value={form.action}>{actionLabel(form.action)}</option> : null}
            {ACTION_FAMILIES.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="a-from">From</label>
          <input id="a-from" type="date" value={form.fromDate} onChange={set('fromDate')} />
        </div>
        <div className="filter">
          <label htmlFor="a-to">To</label>
          <input id="a-to" type="date" value={form.toDate} onChange={set('toDate')} />
        </div>
        <button type="submit" className="btn btn-primary">Search</button>
        {filtered ? <button type="button" className="btn btn-small btn-ghost" onClick={clear}>Clear</button> : null}
      </form>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner label="Reading the audit log…" /> : null}
      {load.data && items.length === 0 ? (
        <EmptyState title={filtered ? 'No event matches this search' : 'No events yet'}>{filtered ? 'Widen the time range or remove a filter.' : null}</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <section className="panel" aria-label="Audit events">
          <div className="table-wrap">
            <table className="table table-audit" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">On what</th>
                  <th scope="col" className="num">Event</th>
                  <th scope="col"><span className="sr-only">Details</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <Fragment key={e.seq}>
                    <tr data-testid="audit-row">
                      <td>{formatDateTime(e.at)}</td>
                      <td>
                        <span className="strong">{e.actor}</span> {e.nation ? <span className="nation-code" title={nationName(reference, e.nation)}>{e.nation}</span> : null}
                      </td>
                      <td>{actionLabel(e.action)}</td>
                      <td><ObjectCell e={e} /></td>
                      <td className="num mono">{e.seq}</td>
                      <td>
                        <button type="button" className="btn btn-small btn-ghost" aria-expanded={open === e.seq} aria-controls={`ev-${e.seq}`} onClick={() => setOpen(open === e.seq ? null : e.seq)}>
                          {open === e.seq ? 'Hide' : 'Details'}
                        </button>
                      </td>
                    </tr>
                    {open === e.seq ? (
                      <tr className="audit-detail" id={`ev-${e.seq}`} data-testid="audit-detail">
                        <td colSpan={6}>
                          <dl className="audit-facts">
                            <dt>Recorded</dt>
                            <dd>{formatDateTime(e.at)}</dd>
                            <dt>By</dt>
                            <dd>{e.actor}{e.nation ? ` (${nationName(reference, e.nation)})` : ' (no account of this system)'}</dd>
                            <dt>Event</dt>
                            <dd>{actionLabel(e.action)} · <button type="button" className="link-button" onClick={() => { setForm({ ...form, action: e.action }); navigate(`/audit?action=${encodeURIComponent(e.action)}`, { replace: true }); setCursors([]); }}>all events like this</button></dd>
                            <dt>On</dt>
                            <dd>{objectTypeLabel(e.entityType)} <span className="mono small">{e.entityId}</span> · <button type="button" className="link-button" onClick={() => { setForm({ ...form, entityType: e.entityType, entity: e.entityId }); navigate(`/audit?entityType=${encodeURIComponent(e.entityType)}&entity=${encodeURIComponent(e.entityId)}`, { replace: true }); setCursors([]); }}>history of this object</button></dd>
                            <dt>Read by the auditors of</dt>
                            <dd>{e.readers.includes('*') ? 'every nation on this system' : e.readers.map((n) => nationName(reference, n)).join(', ')}</dd>
                            <dt>Details</dt>
                            <dd><DataValue value={e.data} /></dd>
                            <dt>Hash</dt>
                            <dd className="mono small audit-hash">{e.hash}</dd>
                          </dl>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <span className="small muted">Page {page} · newest first · {PAGE_SIZE} per page</span>
            <button type="button" className="btn btn-small" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>Newer</button>
            <button type="button" className="btn btn-small" disabled={!load.data?.next} onClick={() => load.data?.next && 'beforeSeq' in load.data.next && setCursors([...cursors, load.data.next.beforeSeq])}>Older</button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
