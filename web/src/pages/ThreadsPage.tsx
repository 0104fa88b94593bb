import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.js';
import { channelsApi, SUBJECT_KIND_LABEL, type ThreadSubjectKind } from '../api/channels.js';
import { partnershipApi } from '../api/partnership.js';
import { partnershipApi as registersApi } from '../api/registers.js';
import { InternalTag } from '../components/Badges.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { ThreadView } from '../components/ThreadView.js';
import { relative } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

const KINDS: ThreadSubjectKind[] = ['request', 'working_group', 'program', 'general'];

/** One thread on its own page (where notifications link to). */
function ThreadPage({ id }: { id: string }) {
  const load = useLoad(() => channelsApi.getThread(id), [id]);
  const t = load.data;
  return (
    <div className="page">
      <a className="back-link" href={href('/threads')}>← Threads</a>
      {t ? (
        <PageHeader
          title={t.title}
          subtitle={
            t.subject.kind === 'request' && t.subject.id ? (
              <a href={href(`/requests/${t.subject.id}`)}>{t.subject.label}</a>
            ) : (
              t.subject.label
            )
          }
        />
      ) : null}
      <ErrorBanner error={load.error} onRetry={load.error?.status === 404 ? undefined : load.reload} />
      {load.loading && !t ? <Spinner label="Loading thread…" /> : null}
      {t ? (
        <section className="panel">
          <ThreadView threadId={t.id} initial={t} />
        </section>
      ) : null}
    </div>
  );
}

/**
 * The working group or program a thread is about, chosen from those the user sees (the server
 * refuses any other id, naming the field). A user who may not list programs types the code.
 */
function SubjectPicker({ kind, value, onChange, arrangementIdOf }: { kind: 'working_group' | 'program'; value: string; onChange(id: string): void; arrangementIdOf(arrangementId: string | null): void }) {
  const { user } = useSession();
  const canListPrograms = hasRole(user, 'sosa_officer') || hasRole(user, 'auditor');
  const options = useLoad(
    async () =>
      kind === 'working_group'
        ? (await partnershipApi.listGroups({ status: 'active' })).items.map((g) => ({ id: g.id, label: g.name, arrangementId: g.arrangementId }))
        : canListPrograms
          ? (await registersApi.listPrograms({})).items.map((p) => ({ id: p.id, label: `${p.id} — ${p.name}`, arrangementId: null as string | null }))
          : null,
    [kind, canListPrograms],
  );
  const label = SUBJECT_KIND_LABEL[kind];
  if (options.data === null || (options.error && kind === 'program')) {
    return (
      <>
        <label className="field-label" htmlFor="nt-subject">{label} code</label>
        <input id="nt-subject" value={value} maxLength={100} onChange={(e) => onChange(e.target.value)} placeholder="e.g. IN-LCA-MK2-ENGINE" required />
      </>
    );
  }
  const list = options.data ?? [];
  return (
    <>
      <label className="field-label" htmlFor="nt-subject">{label}</label>
      <select
        id="nt-subject"
        value={value}
        required
        onChange={(e) => {
          onChange(e.target.value);
          arrangementIdOf(list.find((o) => o.id === e.target.value)?.arrangementId ?? null);
        }}
      >
        <option value="">{options.loading ? 'Loading…' : list.length ? `Choose a ${label.toLowerCase()}` : `No ${label.toLowerCase()} you can open a thread on`}</option>
        {list.map((o) => (
          <option key={o.id} value={o.id}>{o.label}</option>
        ))}
      </select>
    </>
  );
}

/** A new thread outside a request: general, a working group or a program; shared with an arrangement's other nation, or internal. */
function NewThreadForm({ onDone }: { onDone(id: string): void }) {
  const { user, reference } = useSession();
  const arrangements = reference.arrangements.filter((a) => a.nationA === user.nation || a.nationB === user.nation);
  const [kind, setKind] = useState<ThreadSubjectKind>('general');
  const [subjectId, setSubjectId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [scope, setScope] = useState<'internal' | 'arrangement'>('arrangement');
  const [arrangementId, setArrangementId] = useState(arrangements.find((a) => a.id === 'US-IN')?.id ?? arrangements[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const t = await channelsApi.createThread({
        subjectKind: kind,
        ...(kind !== 'general' ? { subjectId: subjectId.trim() } : {}),
        title: title.trim(),
        scope,
        ...(scope === 'arrangement' ? { arrangementId } : {}),
        ...(body.trim() ? { message: { body: body.trim(), visibility: 'shared' } } : {}),
      });
      onDone(t.id);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel thread-new-page" onSubmit={(e) => void submit(e)} aria-label="New thread">
      <h2 className="panel-title">New thread</h2>
      <div className="pad stack">
        <ErrorBanner error={error} />
        <div className="form-row">
          <label className="field-label" htmlFor="nt-kind">About</label>
          <select id="nt-kind" value={kind} onChange={(e) => { setKind(e.target.value as ThreadSubjectKind); setSubjectId(''); }}>
            {KINDS.filter((k) => k !== 'request').map((k) => (
              <option key={k} value={k}>{SUBJECT_KIND_LABEL[k]}</option>
            ))}
          </select>
          {kind === 'working_group' || kind === 'program' ? (
            <SubjectPicker kind={kind} value={subjectId} onChange={setSubjectId} arrangementIdOf={(a) => { if (a) setArrangementId(a); }} />
          ) : null}
        </div>
        <fieldset className="visibility-choice">
          <legend className="field-label">Who takes part</legend>
          <label className={scope === 'arrangement' ? 'seg active' : 'seg'}>
            <input type="radio" name="nt-scope" checked={scope === 'arrangement'} onChange={() => setScope('arrangement')} />
            Both nations
          </label>
          <label className={scope === 'internal' ? 'seg active internal' : 'seg'}>
            <input type="radio" name="nt-scope" checked={scope === 'internal'} onChange={() => setScope('internal')} />
            {user.nation} only
          </label>
          {scope === 'arrangement' ? (
            <select aria-label="Arrangement" value={arrangementId} onChange={(e) => setArrangementId(e.target.value)}>
              {arrangements.map((a) => (
                <option key={a.id} value={a.id}>{a.name}</option>
              ))}
            </select>
          ) : (
            <span className="visibility-help">Internal: only officials of {user.nation} see it. The other nation never sees it.</span>
          )}
        </fieldset>
        <label className="field-label" htmlFor="nt-title">Title</label>
        <input id="nt-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} required />
        <label className="field-label" htmlFor="nt-body">First message <span className="muted small">— @username mentions notify</span></label>
        <textarea id="nt-body" rows={3} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy || !title.trim()}>{busy ? 'Opening…' : 'Open thread'}</button>
        </div>
      </div>
    </form>
  );
}

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
            {KINDS.map((k) => (
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
          <table className="table" data-testid="threads-table">
            <caption className="sr-only">Threads</caption>
            <thead>
              <tr>
                <th scope="col">Thread</th>
                <th scope="col">About</th>
                <th scope="col">Nations</th>
                <th scope="col" className="right">Messages</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id}>
                  <td>
                    <a href={href(`/threads/${t.id}`)} className="strong">{t.title}</a>
                    {t.following ? <span className="chip chip-muted thread-following">following</span> : null}
                  </td>
                  <td className="small">
                    {t.subject.kind === 'request' && t.subject.id ? <a href={href(`/requests/${t.subject.id}`)}>{t.subject.label}</a> : t.subject.label}
                  </td>
                  <td>
                    {t.nations.map((n) => (
                      <span key={n} className="nation-code">{n}</span>
                    ))}
                    {t.internal ? <InternalTag text="internal" /> : null}
                  </td>
                  <td className="right">{t.messageCount}</td>
                  <td className="small muted">{relative(t.lastMessageAt ?? t.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
