import { useEffect, useState } from 'react';
import { api, type ApiError } from '../api/client.js';
import { PasskeysSection } from '../components/account/PasskeysSection.js';
import { TotpSection } from '../components/account/TotpSection.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../session.js';
import { toApiError } from '../use-load.js';

type Status = Awaited<ReturnType<typeof api.secondFactorStatus>>;

/** The user's own account: its second factors (issue #16), an authenticator app and passkeys. */
export function AccountPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<ApiError>();

  const load = () => api.secondFactorStatus().then(setStatus, (e) => setError(toApiError(e)));
  useEffect(() => void load(), []);

  const none = status && status.totp !== 'active' && status.passkeys.length === 0;
  return (
    <div className="page">
      <PageHeader title="Your account" subtitle={`${user.displayName} (${user.username}) — ${user.organisation.name}`} />
      <ErrorBanner error={error} />
      {status?.requiredByOrganisation && none ? (
        <div className="banner banner-warn" role="alert">
          {user.organisation.name} requires a second factor: set up an authenticator app or a passkey now.
        </div>
      ) : null}
      {status ? (
        <div className="stack account-sections">
          <p className="muted" data-testid="second-factor-summary">
            {none ? 'Signing in asks for your password only.' : 'Signing in asks for your password, then one of your second factors below.'}
          </p>
          <TotpSection status={status} onChange={load} />
          <PasskeysSection passkeys={status.passkeys} available={status.passkeysAvailable} onChange={load} />
        </div>
      ) : null}
    </div>
  );
}
