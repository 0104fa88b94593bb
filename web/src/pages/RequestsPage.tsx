import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestTable } from '../components/RequestTable.js';
import { Spinner } from '../components/Spinner.js';
import { URGENCY_LABEL } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { useLoad } from '../use-load.js';

const PAGE = 50;

export function RequestsPage({ query }: { query: URLSearchParams }) {
  const { user, reference } = useSession();
  const state = query.get('state') ?? '';
  const urgency = query.get('urgency') ?? '';
  const direction = (query.get('direction') ?? '') as '' | 'incoming' | 'outgoing';
  const q = query.get('q') ?? '';
  const overdue = query.get('overdue') === 'true';
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const states = useMemo(() => {
    const seen = new Map<string, string>();
    for (const wf of Object.values(reference.workflows)) for (const s of wf.states) if (!seen.has(s.id)) seen.set(s.id, s.label);
    return [...seen.entries()];
  }, [reference]);

  const load = useLoad(() => api.listRequests({ state, urgency, direction, q, overdue, limit: PAGE, offset }), [state, urgency, direction, q, overdue, offset]);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('offset' in changes)) next.delete('offset');
    const s = next.toString();
    navigate(`/requests${s ? `?${s}` : ''}`, { replace: true });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: text.trim() || undefined });
  };
  const filtered = Boolean(state || urgency || direction || q || overdue);
  const total = load.data?.total ?? 0;

  return (
    <div className="page">
      <PageHeader
        title="Requests"
        subtitle={load.data ? `${total} request${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ''}` : 'All requests your nation is party to'}
        actions={hasRole(user, 'sosa_officer') ? <a className="btn btn-primary btn-small" href={href('/requests/new')}>New request</a> : null}
      />
      <form className="filters" onSubmit={search} role="search" aria-label="Filter requests">
        <div className="filter">
          <label htmlFor="f-q">Search</label>
          <div className="search-row">
            <input id="f-q" type="search" placeholder="Reference, title, part…" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" className="btn">Search</button>
          </div>
        </div>
        <div className="filter">
          <label htmlFor="f-state">State</label>
          <select id="f-state" value={state} onChange={(e) => set({ state: e.target.value })}>
            <option value="">Any state</option>
            {states.map(([id, label]) => (
              <option key={id} value={id}>{label}</option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-urgency">Urgency</label>
          <select id="f-urgency" value={urgency} onChange={(e) => set({ urgency: e.target.value })}>
            <option value="">Any urgency</option>
            {reference.urgencies.map((u) => (
              <option key={u} value={u}>{URGENCY_LABEL[u] ?? u}</option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-direction">Direction</label>
          <select id="f-direction" value={direction} onChange={(e) => set({ direction: e.target.value })}>
            <option value="">Both</option>
            <option value="incoming">Incoming (to {user.nation})</option>
            <option value="outgoing">Outgoing (from {user.nation})</option>
          </select>
        </div>
        <label className="check filter-check">
          <input type="checkbox" checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })} />
          Overdue only
        </label>
        {filtered ? (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => navigate('/requests', { replace: true })}>
            Clear
          </button>
        ) : null}
      </form>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner /> : null}
      {load.data && load.data.items.length === 0 ? (
        <EmptyState title={filtered ? 'No request matches these filters' : 'No requests yet'}>
          {filtered ? 'Try removing a filter.' : hasRole(user, 'sosa_officer') ? <a href={href('/requests/new')}>Submit the first request</a> : 'Requests your nation is party to will appear here.'}
        </EmptyState>
      ) : null}
      {load.data && load.data.items.length > 0 ? (
        <div className={load.loading ? 'is-reloading' : undefined}>
          <RequestTable items={load.data.items} caption="Requests" />
          {total > PAGE ? (
            <nav className="pager" aria-label="Pages">
              <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => set({ offset: String(Math.max(0, offset - PAGE)) })}>
                Previous
              </button>
              <span className="muted">
                {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
              </span>
              <button type="button" className="btn btn-small" disabled={offset + PAGE >= total} onClick={() => set({ offset: String(offset + PAGE) })}>
                Next
              </button>
            </nav>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
