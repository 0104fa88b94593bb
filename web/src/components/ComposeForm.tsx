// The form under a request's comments, attachments or threads, where the user adds one: what the
// server refused, the first field with its label, then the rest (help, more fields, the buttons).
import type { FormEvent, ReactNode } from 'react';
import type { ApiError } from '../api/client.js';
import type { Visibility } from '../api/types.js';
import { ErrorBanner } from './ErrorBanner.js';
import { VisibilityChoice } from './VisibilityChoice.js';

export function ComposeForm({ className, onSubmit, error, fieldId, label, children }: { className: string; onSubmit(e: FormEvent): void; error: ApiError | undefined; fieldId: string; label: ReactNode; children: ReactNode }) {
  return (
    <form className={className} onSubmit={onSubmit}>
      <ErrorBanner error={error} />
      <label htmlFor={fieldId} className="field-label">
        {label}
      </label>
      {children}
    </form>
  );
}

/**
 * The foot of a compose form: who may see the post (offered to those who may write internally),
 * any other button, then the submit button, which names an internal post as such and cannot be
 * pressed while the post is sent or before it is ready.
 */
export function ComposeActions({ visibility, submit, children }: {
  visibility: { offered: boolean; name: string; value: Visibility; onChange(v: Visibility): void; nation: string };
  submit: { busy: boolean; ready: boolean; busyLabel: string; label: string; internalLabel: string };
  children?: ReactNode;
}) {
  const { offered, ...choice } = visibility;
  return (
    <div className="comment-actions">
      {offered ? <VisibilityChoice {...choice} /> : null}
      {children}
      <button type="submit" className="btn btn-primary" disabled={submit.busy || !submit.ready}>
        {submit.busy ? submit.busyLabel : visibility.value === 'internal' ? submit.internalLabel : submit.label}
      </button>
    </div>
  );
}
