import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { PasskeysSection } from '../components/account/PasskeysSection.js';
import { TotpSection } from '../components/account/TotpSection.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { useSession } from '../session.js';

/** The user's own account: its second factors (issue #16), an authenticator app and passkeys. */
export function AccountPage() {
  const { user } = useSession();
  const client = useQueryClient();
  const key = keys.account.part('second-factors');
  const { data: status, error } = useApiQuery(key, () => api.secondFactorStatus());
  // The sections wait for the fresh status before they close their forms, so what they show next
  // is the factor just added or removed.
  const changed = () => client.invalidateQueries({ queryKey: key });

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
          <TotpSection status={status} onChange={changed} />
          <PasskeysSection passkeys={status.passkeys} available={status.passkeysAvailable} onChange={changed} />
        </div>
      ) : null}
    </div>
  );
}
