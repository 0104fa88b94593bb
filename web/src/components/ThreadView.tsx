import { useState, type FormEvent } from 'react';
import { channelsApi, type ThreadDetail } from '../api/channels.js';
import type { Visibility } from '../api/types.js';
import { formatDateTime } from '../format.js';
import { useSession } from '../session.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useLoad } from '../use-load.js';
import { InternalTag } from './Badges.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Spinner } from './Spinner.js';
import { VisibilityChoice } from './VisibilityChoice.js';

/** Splits a message into text and @mentions, so mentions stand out (no HTML is ever injected). */
function MessageBody({ body, mentions }: { body: string; mentions: string[] }) {
  const parts = body.split(/(@[a-z0-9][a-z0-9._-]+)/gi);
  return (
    <div className="comment-body">
      {parts.map((p, i) => {
        const name = p.startsWith('@') ? p.slice(1).toLowerCase().replace(/[._-]+$/, '') : null;
        return name && mentions.includes(name) ? (
          <span key={i} className="mention">
            {p}
          </span>
        ) : (
          <span key={i}>{p}</span>
        );
      })}
    </div>
  );
}

/** One thread: its messages the user may see, a follow toggle, and a form to post (with @mentions). */
export function ThreadView({ threadId, initial, onChanged }: { threadId: string; initial?: ThreadDetail; onChanged?(): void }) {
  const { user } = useSession();
  const load = useLoad(() => (initial && initial.id === threadId ? Promise.resolve(initial) : channelsApi.getThread(threadId)), [threadId]);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('shared');
  // Every write here answers the thread as it now is, which replaces what is on screen.
  const write = useApiMutation((fn: () => Promise<ThreadDetail>) => fn(), {
    onSaved: (thread) => {
      load.setData(thread);
      onChanged?.();
    },
  });
  const busy = write.busy;
  const t = load.data;

  if (!t) {
    return (
      <div>
        <ErrorBanner error={load.error} onRetry={load.error?.status === 404 ? undefined : load.reload} />
        {load.loading ? <Spinner label="Loading thread…" /> : null}
      </div>
    );
  }

  const run = async (fn: () => Promise<ThreadDetail>) => (await write.run(fn)) !== undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    if (await run(() => channelsApi.postMessage(t.id, body.trim(), visibility))) {
      setBody('');
      setVisibility('shared');
    }
  };

  return (
    <div className="thread" data-testid="thread">
      <div className="thread-head">
        <div>
          <span className="thread-nations">
            {t.nations.map((n) => (
              <span key={n} className="nation-code">{n}</span>
            ))}
          </span>
          {t.internal ? <InternalTag text={`internal to ${t.nations[0]}`} /> : null}
          <span className="muted small"> · opened by {t.createdBy} · {formatDateTime(t.createdAt)}</span>
        </div>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(() => channelsApi.follow(t.id, !t.following))} aria-pressed={t.following}>
          {t.following ? 'Following' : 'Follow'}
        </button>
      </div>
      {t.messages.length === 0 ? <p className="muted small pad">No messages yet.</p> : null}
      <ul className="comments">
        {t.messages.map((m) => (
          <li key={m.id} className={m.visibility === 'internal' ? 'comment internal' : 'comment'} data-testid="thread-message">
            <div className="comment-head">
              <strong>{m.author.displayName}</strong> <span className="nation-code">{m.author.nation}</span>
              <span className="muted"> · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time></span>
              {m.visibility === 'internal' ? <InternalTag /> : null}
            </div>
            <MessageBody body={m.body} mentions={m.mentions} />
          </li>
        ))}
      </ul>
      {t.mayWrite ? (
        <form className="comment-form" onSubmit={(e) => void submit(e)}>
          <ErrorBanner error={write.error} />
          <label htmlFor={`msg-${t.id}`} className="field-label">
            Reply <span className="muted small">— mention someone with @username</span>
          </label>
          <textarea id={`msg-${t.id}`} data-testid="thread-reply" rows={3} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Write a message…" />
          <div className="comment-actions">
            {t.mayWriteInternal ? <VisibilityChoice name={`msg-vis-${t.id}`} value={visibility} onChange={setVisibility} nation={user.nation} /> : null}
            <button type="submit" className="btn btn-primary" disabled={busy || !body.trim()}>
              {busy ? 'Posting…' : visibility === 'internal' ? 'Post internal message' : 'Post message'}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted small pad">You can read this thread; your roles do not write in it.</p>
      )}
    </div>
  );
}
