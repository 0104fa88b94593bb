import { useEffect, useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../session.js';
import { toApiError } from '../use-load.js';

type Status = Awaited<ReturnType<typeof api.secondFactorStatus>>;

/**
 * The user's own account: the second factor (issue #16). Enrolment in two steps: a secret for the
 * authenticator app (its otpauth:// link, and the secret to type by hand), then a code from the
 * app confirms it and shows the recovery codes, this once.
 */
export function AccountPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<Status>();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string }>();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const load = () => api.secondFactorStatus().then(setStatus, (e) => setError(toApiError(e)));
  useEffect(() => void load(), []);

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setEnrolment(await api.startTotpEnrolment());
    } catch (e) {
      setError(toApiError(e));
    }
    setBusy(false);
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.confirmTotpEnrolment(code.trim());
      setRecoveryCodes(answer.recoveryCodes);
      setEnrolment(undefined);
      setCode('');
      await load();
    } catch (err) {
      setError(toApiError(err));
    }
    setBusy(false);
  };

  return (
    <div className="page">
      <PageHeader title="Your account" subtitle={`${user.displayName} (${user.username}) — ${user.organisation.name}`} />
      <ErrorBanner error={error} />
      <section className="card" aria-labelledby="second-factor-title">
        <h2 id="second-factor-title">Second factor</h2>
        {status?.requiredByOrganisation && status.totp !== 'active' ? (
          <div className="banner banner-warn" role="alert">
            {user.organisation.name} requires a second factor: set up an authenticator app now.
          </div>
        ) : null}
        {status?.totp === 'active' ? (
          <p data-testid="second-factor-status">
            Active since {status.enrolledAt ? new Date(status.enrolledAt).toLocaleDateString() : '—'}: signing in asks for a code from your authenticator app. {status.recoveryCodesLeft} of 10 recovery codes left. An admin of your nation can reset it if you lose your phone.
          </p>
        ) : (
          <p data-testid="second-factor-status">Not active: signing in asks for your password only. Add an authenticator app (TOTP, e.g. on your phone) so that a stolen password is not enough.</p>
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
        {status && status.totp !== 'active' && !enrolment ? (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void start()}>
            Set up an authenticator app
          </button>
        ) : null}
        {enrolment ? (
          <form className="form" noValidate onSubmit={(e) => void confirm(e)}>
            <p>
              1. In your authenticator app, add an account: open <a href={enrolment.uri}>this setup link</a> on the phone, or type the secret key by hand:
            </p>
            <p><code data-testid="totp-secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
            <p>2. Enter the 6-digit code the app shows now.</p>
            <div className="field">
              <label htmlFor="totp-code" className="field-label">Code</label>
              <input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy || !code.trim()}>Confirm</button>
          </form>
        ) : null}
      </section>
    </div>
  );
}
