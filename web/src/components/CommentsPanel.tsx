import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Comment, Visibility } from '../api/types.js';
import { formatDateTime } from '../format.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { InternalTag } from './Badges.js';
import { ComposeActions, ComposeForm } from './ComposeForm.js';

export function CommentsPanel({ requestId, comments, nation, writer, internalAllowed, onChanged }: { requestId: string; comments: Comment[]; nation: string; writer: boolean; internalAllowed: boolean; onChanged(): void }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('shared');
  const post = useApiMutation((v: { body: string; visibility: Visibility }) => api.addComment(requestId, v.body, v.visibility), {
    onSaved: () => {
      setBody('');
      setVisibility('shared');
      onChanged();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) void post.run({ body: body.trim(), visibility });
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
        <ComposeForm className="comment-form" onSubmit={submit} error={post.error} fieldId="comment-body" label="Add a comment">
          <textarea id="comment-body" rows={3} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Write a comment…" />
          <ComposeActions
            visibility={{ offered: internalAllowed, name: 'comment-visibility', value: visibility, onChange: setVisibility, nation }}
            submit={{ busy: post.busy, ready: body.trim() !== '', busyLabel: 'Posting…', label: 'Post comment', internalLabel: 'Post internal comment' }}
          />
        </ComposeForm>
      ) : null}
    </section>
  );
}
