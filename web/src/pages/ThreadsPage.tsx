import { useEffect, useState } from 'react';
import { channelsApi, SUBJECT_KIND_LABEL, type ThreadSubjectKind, type ThreadSummary } from '../api/channels.js';
import { InternalTag } from '../components/Badges.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { DataTable, type Column } from '../components/list/DataTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { relative } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { useLoad } from '../use-load.js';
import { NewThreadForm } from './threads/NewThreadForm.js';
import { ThreadPage } from './threads/ThreadPage.js';
import { THREAD_SUBJECT_KINDS } from './threads/thread-subject-kinds.js';

const THREAD_COLUMNS: Array<Column<ThreadSummary>> = [
  {
    head: 'Thread',
    cell: (t) => (
      <>
        <a href={href(`/threads/${t.id}`)} className="strong">{t.title}</a>
        {t.following ? <span className="chip chip-muted thread-following">following</span> : null}
      </>
    ),
  },
  { head: 'About', cellClass: 'small', cell: (t) => (t.subject.kind === 'request' && t.subject.id ? <a href={href(`/requests/${t.subject.id}`)}>{t.subject.label}</a> : t.subject.label) },
  {
    head: 'Nations',
    cell: (t) => (
      <>
        {t.nations.map((n) => (
          <span key={n} className="nation-code">{n}</span>
        ))}
        {t.internal ? <InternalTag text="internal" /> : null}
      </>
    ),
  },
  { head: 'Messages', className: 'right', cell: (t) => t.messageCount },
  { head: 'Last activity', cellClass: 'small muted', cell: (t) => relative(t.lastMessageAt ?? t.createdAt) },
];

export function ThreadsPage({ id, query }: { id?: string | undefined; query: URLSearchParams }) {
  const { user } = useSession();
  const kind = (query.get('kind') ?? '') as ThreadSubjectKind | '';
  const q = query.get('q') ?? '';
  const following = query.get('following') === 'true';
  const [text, setText] = useState(q);
  const [composing, setComposing] = useState(false);
  useEffect(() => setText(q), [q]);
  const load = useLoad(() => (id ? Promise.resolve(null) : channelsApi.listThreads({ subjectKind: kind, q, following, limit: 100 })), [id, kind, q, following]);
  if (id) return <ThreadPage id={id} />;

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    const s = next.toString();
    navigate(`/threads${s ? `?${s}` : ''}`, { replace: true });
  };
  const filtered = Boolean(kind || q || following);
  const items = load.data?.items ?? [];
  const mayOpen = !hasRole(user, 'supplier') && user.roles.some((r) => r !== 'auditor');

  return (
    <div className="page">
      <PageHeader
        title="Threads"
        subtitle="Discussions with the other nation and within your own, on requests, working groups and programs"
        actions={mayOpen && !composing ? <button type="button" className="btn btn-primary btn-small" onClick={() => setComposing(true)}>New thread</button> : null}
      />
      {composing ? <NewThreadForm onDone={(tid) => { setComposing(false); navigate(`/threads/${tid}`); }} /> : null}
      <form className="filters" role="search" aria-label="Filter threads" onSubmit={(e) => { e.preventDefault(); set({ q: text.trim() || undefined }); }}>
        <div className="filter">
          <label htmlFor="t-q">Search</label>
          <div className="search-row">
            <input id="t-q" type="search" placeholder="Title…" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" className="btn">Search</button>
          </div>
        </div>
        <div className="filter">
          <label htmlFor="t-kind">About</label>
          <select id="t-kind" value={kind} onChange={(e) => set({ kind: e.target.value || undefined })}>
            <option value="">Anything</option>
            {THREAD_SUBJECT_KINDS.map((k) => (
              <option key={k} value={k}>{SUBJECT_KIND_LABEL[k]}</option>
            ))}
          </select>
        </div>
        <label className="check filter-check">
          <input type="checkbox" checked={following} onChange={(e) => set({ following: e.target.checked ? 'true' : undefined })} />
          Following only
        </label>
        {filtered ? <button type="button" className="btn btn-small btn-ghost" onClick={() => navigate('/threads', { replace: true })}>Clear</button> : null}
      </form>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner label="Loading threads…" /> : null}
      {load.data && items.length === 0 ? (
        <EmptyState title={filtered ? 'No thread matches these filters' : 'No threads yet'}>
          {filtered ? 'Try removing a filter.' : 'Threads opened on requests, working groups and programs appear here.'}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <DataTable rows={items} columns={THREAD_COLUMNS} rowKey={(t) => t.id} testId="threads-table" caption="Threads" />
        </div>
      ) : null}
    </div>
  );
}
