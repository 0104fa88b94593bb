import { useState, type FormEvent } from 'react';
import { channelsApi, type ThreadDetail, type ThreadSubjectKind } from '../api/channels.js';
import type { Visibility } from '../api/types.js';
import { relative } from '../format.js';
import { hasRole, useSession } from '../session.js';
import { useLoad } from '../use-load.js';
import { InternalTag } from './Badges.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Spinner } from './Spinner.js';
import { ThreadView } from './ThreadView.js';
import { ComposeActions, ComposeForm } from './ComposeForm.js';

/**
 * The discussion threads on one subject (a request, a working group, a program): the list, one
 * open thread at a time, and a form to open a new one. For subjects other than a request, the
 * caller passes the arrangement whose two nations share a new thread.
 */
export function ThreadsPanel({ subjectKind, subjectId, arrangementId, writer }: { subjectKind: ThreadSubjectKind; subjectId: string; arrangementId?: string; writer: boolean }) {
  const { user } = useSession();
  const load = useLoad(() => channelsApi.listThreads({ subjectKind, subjectId, limit: 100 }), [subjectKind, subjectId]);
  const [openId, setOpenId] = useState<string>();
  const [created, setCreated] = useState<ThreadDetail>();
  const [composing, setComposing] = useState(false);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('shared');
  const official = !hasRole(user, 'supplier');

  const open = useApiMutation(
    () =>
      channelsApi.createThread({
        subjectKind,
        subjectId,
        title: title.trim(),
        scope: visibility === 'internal' ? 'internal' : 'arrangement',
        ...(arrangementId ? { arrangementId } : {}),
        ...(body.trim() ? { message: { body: body.trim(), visibility: 'shared' } } : {}),
      }),
    {
      onSaved: (t) => {
        setCreated(t);
        setOpenId(t.id);
        setComposing(false);
        setTitle('');
        setBody('');
        setVisibility('shared');
        load.reload();
      },
    },
  );
  const create = (e: FormEvent) => {
    e.preventDefault();
    void open.run(undefined);
  };

  const items = load.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="threads-h" data-testid="threads-panel">
      <div className="panel-head">
        <h2 id="threads-h" className="panel-title">
          Threads <span className="count">{items.length}</span>
        </h2>
        {writer && !composing ? (
          <button type="button" className="btn btn-small" onClick={() => setComposing(true)}>
            New thread
          </button>
        ) : null}
      </div>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner label="Loading threads…" /> : null}
      {composing ? (
        <ComposeForm className="comment-form thread-new" onSubmit={create} error={open.error} fieldId={`thread-title-${subjectId}`} label="Title">
          <input id={`thread-title-${subjectId}`} data-testid="thread-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} required />
          <label className="field-label" htmlFor={`thread-body-${subjectId}`}>First message <span className="muted small">— @username mentions notify</span></label>
          <textarea id={`thread-body-${subjectId}`} data-testid="thread-body" rows={3} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} />
          <ComposeActions
            visibility={{ offered: official, name: `thread-scope-${subjectId}`, value: visibility, onChange: setVisibility, nation: user.nation }}
            submit={{ busy: open.busy, ready: title.trim() !== '', busyLabel: 'Opening…', label: 'Open thread', internalLabel: 'Open internal thread' }}
          >
            <button type="button" className="btn btn-ghost" onClick={() => setComposing(false)}>Cancel</button>
          </ComposeActions>
        </ComposeForm>
      ) : null}
      {load.data && items.length === 0 && !composing ? <p className="muted small pad">No threads yet{writer ? ': open one to discuss this with the other nation, or internally.' : '.'}</p> : null}
      <ul className="thread-list">
        {items.map((t) => (
          <li key={t.id} className={openId === t.id ? 'thread-item open' : 'thread-item'}>
            <button type="button" className="thread-toggle" aria-expanded={openId === t.id} onClick={() => setOpenId(openId === t.id ? undefined : t.id)}>
              <span className="thread-title">{t.title}</span>
              {t.internal ? <InternalTag text={`internal to ${t.nations[0]}`} /> : null}
              <span className="muted small">
                {t.messageCount} message{t.messageCount === 1 ? '' : 's'}
                {t.lastMessageAt ? ` · ${relative(t.lastMessageAt)}` : ''}
              </span>
            </button>
            {openId === t.id ? <ThreadView threadId={t.id} initial={created} onChanged={load.reload} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
