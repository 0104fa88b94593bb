import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Schema } from '../../api/contract.js';
import { formatDate } from '../../format.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { RemoveFactorForm } from './RemoveFactorForm.js';
import { TotpQrCode } from './TotpQrCode.js';

/**
 * The authenticator app (TOTP, issue #16). Enrolment in two steps: a secret for the app (a QR
 * code of its otpauth:// link, the link, and the secret to type by hand), then a code from the app
 * confirms it and shows the recovery codes, this once. Removal asks for the password again.
 */
export function TotpSection({ status, onChange }: { status: Schema<'SecondFactorStatus'>; onChange(): Promise<unknown> }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string }>();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [removing, setRemoving] = useState(false);
  const begin = useApiMutation(() => api.startTotpEnrolment(), { onSaved: setEnrolment });
  // The status reload is part of the write: the section reads "active" when the button stops reading busy.
  const finish = useApiMutation(
    async (typed: string) => {
      const answer = await api.confirmTotpEnrolment(typed);
      setRecoveryCodes(answer.recoveryCodes);
      setEnrolment(undefined);
      setCode('');
      await onChange();
      return answer;
    },
  );
  const busy = begin.busy || finish.busy;
  const error = begin.error ?? finish.error;

  const start = () => void begin.run(undefined);
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void finish.run(code.trim());
  };

  const active = status.totp === 'active';
  return (
    <section className="panel account-section" aria-labelledby="totp-title">
      <h2 id="totp-title" className="panel-title">Authenticator app</h2>
      <div className="account-body">
        <ErrorBanner error={error} />
        {active ? (
          <p data-testid="second-factor-status">
            Active since {formatDate(status.enrolledAt)}: signing in asks for a code from your authenticator app. {status.recoveryCodesLeft} of 10 recovery codes left. An admin of your nation can reset it if you lose your phone.
          </p>
        ) : (
          <p data-testid="second-factor-status">Not active. Add an authenticator app (TOTP, e.g. on your phone) so that a stolen password is not enough.</p>
        )}
        {recoveryCodes ? (
          <div className="banner banner-info" role="status">
            <div>
              <p><strong>Your recovery codes, shown this once.</strong> Print them or keep them in a safe place: each signs you in once without your phone.</p>
              <ol className="recovery-codes" data-testid="recovery-codes">
                {recoveryCodes.map((c) => (
                  <li key={c}><code>{c}</code></li>
                ))}
              </ol>
            </div>
          </div>
        ) : null}
        {!active && !enrolment ? (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={start}>
            Set up an authenticator app
          </button>
        ) : null}
        {enrolment ? (
          <form className="form" noValidate onSubmit={confirm}>
            <p>1. Scan this code with your authenticator app, open <a href={enrolment.uri}>this setup link</a> on the phone, or type the secret key by hand:</p>
            <div className="totp-setup">
              <TotpQrCode uri={enrolment.uri} />
              <code data-testid="totp-secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </div>
            <p>2. Enter the 6-digit code the app shows now.</p>
            <div className="field">
              <label htmlFor="totp-code" className="field-label">Code</label>
              <input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy || !code.trim()}>Confirm</button>
          </form>
        ) : null}
        {active && !removing ? (
          <button type="button" className="btn btn-danger-outline" onClick={() => setRemoving(true)}>Remove the authenticator app</button>
        ) : null}
        {removing ? (
          <RemoveFactorForm what="the authenticator app" onRemove={(password) => api.removeTotp(password)} onCancel={() => setRemoving(false)} onDone={() => { setRemoving(false); setRecoveryCodes(undefined); void onChange(); }} />
        ) : null}
      </div>
    </section>
  );
}
