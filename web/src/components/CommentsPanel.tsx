import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client.js';
import type { Comment, Visibility } from '../api/types.js';
import { formatDateTime } from '../format.js';
import { toApiError } from '../use-load.js';
import { InternalTag } from './Badges.js';
import { ErrorBanner } from './ErrorBanner.js';
import { VisibilityChoice } from './VisibilityChoice.js';

export function CommentsPanel({ requestId, comments, nation, writer, internalAllowed, onChanged }: { requestId: string; comments: Comment[]; nation: string; writer: boolean; internalAllowed: boolean; onChanged(): void }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('shared');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.addComment(requestId, body.trim(), visibility);
      setBody('');
      setVisibility('shared');
      onChanged();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="comments-h">
      <h2 id="comments-h" className="panel-title">
        Comments <span className="count">{comments.length}</span>
      </h2>
      {comments.length === 0 ? <p className="muted small pad">No comments yet.</p> : null}
      <ul className="comments">
        {comments.map((c) => (
          <li key={c.id} className={c.visibility === 'internal' ? 'comment internal' : 'comment'} data-testid="comment">
            <div className="comment-head">
              <strong>{c.author.displayName}</strong> <span className="nation-code">{c.nation}</span>
              <span className="muted"> · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></span>
              {c.visibility === 'internal' ? <InternalTag /> : null}
            </div>
            <div className="comment-body">{c.body}</div>
          </li>
        ))}
      </ul>
      {writer ? (
        <form className="comment-form" onSubmit={(e) => void submit(e)}>
          <ErrorBanner error={error} />
          <label htmlFor="comment-body" className="field-label">
            Add a comment
          </label>
          <textarea id="comment-body" rows={3} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Write a comment…" />
          <div className="comment-actions">
            {internalAllowed ? <VisibilityChoice name="comment-visibility" value={visibility} onChange={setVisibility} nation={nation} /> : null}
            <button type="submit" className="btn btn-primary" disabled={busy || !body.trim()}>
              {busy ? 'Posting…' : visibility === 'internal' ? 'Post internal comment' : 'Post comment'}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
