import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../../queries/use-api-mutation.js';

/**
 * Removing a second factor asks for the password again (issue #16): a session left open is not
 * enough to take a factor off. Shows the server's refusal (wrong password, or the organisation
 * requires a factor) beside the field.
 */
export function RemoveFactorForm({ what, onRemove, onCancel, onDone }: { what: string; onRemove(password: string): Promise<unknown>; onCancel(): void; onDone(): void }) {
  const [password, setPassword] = useState('');
  const remove = useApiMutation((pw: string) => onRemove(pw), { onSaved: onDone });
  const { error, busy } = remove;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void remove.run(password);
  };
  const message = error ? (error.fieldErrors.password ?? error.detail ?? error.title) : undefined;
  return (
    <form className="form remove-factor" noValidate onSubmit={submit} aria-label={`Remove ${what}`}>
      <div className={message ? 'field has-error' : 'field'}>
        <label htmlFor="remove-password" className="field-label">Your password, to remove {what}</label>
        <input id="remove-password" type="password" autoComplete="current-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={message ? true : undefined} aria-describedby={message ? 'remove-password-error' : undefined} />
        {message ? <div id="remove-password-error" className="field-error" role="alert">{message}</div> : null}
      </div>
      <div className="row-actions">
        <button type="submit" className="btn btn-danger-outline" disabled={busy || !password}>Remove</button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
