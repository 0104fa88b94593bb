import { startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { Schema } from '../../api/contract.js';
import { formatDate } from '../../format.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { toApiError } from '../../use-load.js';
import { RemoveFactorForm } from './RemoveFactorForm.js';

type Passkey = Schema<'Passkey'>;

/** The browser's own refusal (the user cancelled, no authenticator) said in a sentence. */
export function webauthnProblem(e: unknown): ApiError {
  if (e instanceof WebAuthnError || (e instanceof Error && e.name === 'NotAllowedError')) return new ApiError(0, { title: 'The passkey was not used', detail: 'The browser or the key did not complete it (cancelled, or timed out). Try again.' });
  return toApiError(e);
}

/**
 * The user's passkeys (issue #16): a named list, add one (the browser asks the authenticator to
 * create a credential for this site), remove one after typing the password again.
 */
export function PasskeysSection({ passkeys, available, onChange }: { passkeys: Passkey[]; available: boolean; onChange(): Promise<unknown> }) {
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Passkey>();
  const register = useApiMutation(async (label: string) => {
    try {
      const optionsJSON = await api.passkeyOptions();
      const response = await startRegistration({ optionsJSON: optionsJSON as Parameters<typeof startRegistration>[0]['optionsJSON'] });
      await api.registerPasskey({ name: label, response: response as never });
    } catch (err) {
      throw webauthnProblem(err);
    }
    setName('');
    setAdding(false);
    await onChange();
  });
  const { busy, error } = register;

  const add = (e: FormEvent) => {
    e.preventDefault();
    void register.run(name.trim());
  };

  return (
    <section className="panel account-section" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" className="panel-title">Passkeys</h2>
      <div className="account-body">
        <p className="muted">A security key or your device's screen lock, as a second factor after the password. Any one of your passkeys (or the authenticator app) signs you in.</p>
        <ErrorBanner error={error} />
        {passkeys.length ? (
          <ul className="passkey-list" data-testid="passkeys">
            {passkeys.map((p) => (
              <li key={p.id}>
                <span className="passkey-name">{p.name}</span>
                <span className="muted small">added {formatDate(p.createdAt)}{p.lastUsedAt ? `, last used ${formatDate(p.lastUsedAt)}` : ', not used yet'}</span>
                {removing?.id === p.id ? null : (
                  <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setRemoving(p)} aria-label={`Remove ${p.name}`}>Remove</button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="passkeys">No passkeys yet.</p>
        )}
        {removing ? (
          <RemoveFactorForm what={`the passkey “${removing.name}”`} onRemove={(password) => api.removePasskey(removing.id, password)} onCancel={() => setRemoving(undefined)} onDone={() => { setRemoving(undefined); void onChange(); }} />
        ) : null}
        {!available ? (
          <p className="muted">Passkeys are not set up for this address of SOSA Desk: its operator sets SOSA_PUBLIC_URL.</p>
        ) : adding ? (
          <form className="form" noValidate onSubmit={add} aria-label="Add a passkey">
            <div className="field">
              <label htmlFor="passkey-name" className="field-label">Name of the passkey</label>
              <input id="passkey-name" autoFocus maxLength={100} placeholder="e.g. YubiKey on my keyring" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="row-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>{busy ? 'Waiting for the passkey…' : 'Create the passkey'}</button>
              <button type="button" className="btn btn-ghost" onClick={() => setAdding(false)}>Cancel</button>
            </div>
          </form>
        ) : (
          <button type="button" className="btn" onClick={() => setAdding(true)}>Add a passkey</button>
        )}
      </div>
    </section>
  );
}
