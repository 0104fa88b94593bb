import { startAuthentication } from '@simplewebauthn/browser';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Schema } from '../api/contract.js';
import { webauthnProblem } from '../components/account/PasskeysSection.js';
import type { User } from '../api/types.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { fieldProps } from '../components/FormField.js';
import { navigate } from '../router.js';
import { useApiMutation } from '../queries/use-api-mutation.js';

type Field = 'username' | 'password' | 'code';

/** The three steps of a sign-in, each one write: the password, then a code or a passkey if the account has a second factor. */
type Step = { kind: 'password'; username: string; password: string } | { kind: 'code'; challenge: string; code: string } | { kind: 'passkey'; challenge: string; options: NonNullable<Schema<'SecondFactorChallenge'>['passkeyOptions']> };

async function signInStep(step: Step) {
  switch (step.kind) {
    case 'password':
      return api.login(step.username, step.password);
    case 'code':
      return api.loginSecondFactor(step.challenge, step.code);
    case 'passkey':
      try {
        // The browser asks the authenticator to sign this sign-in's challenge.
        const assertion = await startAuthentication({ optionsJSON: step.options as Parameters<typeof startAuthentication>[0]['optionsJSON'] });
        return await api.loginPasskey(step.challenge, assertion as never);
      } catch (err) {
        throw webauthnProblem(err);
      }
  }
}

/** What is missing, field by field: the button is never disabled without saying why. */
function missing(username: string, password: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (!username.trim()) out.username = 'Enter your username.';
  if (!password) out.password = 'Enter your password.';
  return out;
}

export function LoginPage({ onLoggedIn, notice }: { onLoggedIn(user: User): void; notice?: string | undefined }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useApiMutation(signInStep, {
    // An ended sign-in (used or expired challenge) starts again from the password.
    onFailed: (problem) => {
      if (problem.status === 401 && /ended/.test(problem.detail ?? '')) setChallenge(undefined);
    },
  });
  const { busy, error } = signIn;
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const inputs = { username: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null), code: useRef<HTMLInputElement>(null) };
  // The code step (issue #16): the password was right, the account has a second factor.
  const [challenge, setChallenge] = useState<string>();
  // Which factors the account has, and the WebAuthn options bound to this sign-in (if it has passkeys).
  const [methods, setMethods] = useState<Schema<'SecondFactorChallenge'>['methods']>([]);
  const [passkeyOptions, setPasskeyOptions] = useState<Schema<'SecondFactorChallenge'>['passkeyOptions']>();
  const [code, setCode] = useState('');
  const [providers, setProviders] = useState<Array<{ key: string; label: string }>>([]);
  // A refused single sign-on comes back as /?sign_in_error=<reason>: shown once, then dropped from the address.
  const [ssoError] = useState(() => new URLSearchParams(window.location.search).get('sign_in_error'));
  useEffect(() => {
    if (ssoError) window.history.replaceState(null, '', window.location.pathname);
    api.signInProviders().then((r) => setProviders(r.providers), () => setProviders([]));
  }, [ssoError]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors = missing(username, password);
    setFieldErrors(errors);
    const first = (['username', 'password'] as const).find((f) => errors[f]);
    if (first) {
      inputs[first].current?.focus();
      return;
    }
    const answer = await signIn.run({ kind: 'password', username: username.trim(), password });
    if (!answer) return;
    if ('challenge' in answer) {
      setChallenge(answer.challenge);
      setMethods(answer.methods);
      setPasskeyOptions(answer.passkeyOptions);
      return;
    }
    // The organisation requires a second factor the user has not set up: enrolment first.
    if ('enrolSecondFactor' in answer && answer.enrolSecondFactor) navigate('/account', { replace: true });
    onLoggedIn(answer.user);
  };

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (!challenge) return;
    if (!code.trim()) {
      setFieldErrors({ code: 'Enter the code your authenticator app shows, or a recovery code.' });
      return;
    }
    const answer = await signIn.run({ kind: 'code', challenge, code: code.trim() });
    if (answer && 'user' in answer) return onLoggedIn(answer.user);
    setCode('');
  };

  // The passkey step. One assertion is checked per challenge, so a refusal starts again from the
  // password (kept in the form).
  const usePasskey = async () => {
    if (!challenge || !passkeyOptions) return;
    const answer = await signIn.run({ kind: 'passkey', challenge, options: passkeyOptions });
    if (!answer || !('user' in answer)) return setChallenge(undefined);
    setPassword('');
    onLoggedIn(answer.user);
  };

  // A field's error goes as soon as the field is filled in.
  const change = (field: Field, value: string, set: (v: string) => void) => {
    set(value);
    if (fieldErrors[field] && value.trim()) setFieldErrors((f) => ({ ...f, [field]: undefined }));
  };

  const field = (id: Field, label: string, input: { type?: string; autoComplete: string; autoFocus?: boolean; inputMode?: 'numeric' | 'text'; value: string; set: (v: string) => void }) => (
    <div className={fieldErrors[id] ? 'field has-error' : 'field'}>
      <label htmlFor={id} className="field-label">{label}</label>
      <input
        ref={inputs[id]}
        name={id}
        type={input.type ?? 'text'}
        autoComplete={input.autoComplete}
        autoFocus={input.autoFocus}
        inputMode={input.inputMode}
        aria-required="true"
        value={input.value}
        onChange={(e) => change(id, e.target.value, input.set)}
        {...fieldProps(id, fieldErrors[id])}
      />
      {fieldErrors[id] ? <div id={`${id}-error`} className="field-error">{fieldErrors[id]}</div> : null}
    </div>
  );

  return (
    <div className="login-page">
      <main className="login-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">S</span>
          <span>SOSA Desk</span>
        </div>
        <p className="login-sub">Security of Supply Arrangements — priority support requests between defence ministries.</p>
        <h1 className="sr-only">Sign in</h1>
        {notice ? <div className="banner banner-info" role="status">{notice}</div> : null}
        {ssoError ? <div className="banner banner-error" role="alert">{ssoError}</div> : null}
        <ErrorBanner error={error} />
        {challenge && passkeyOptions ? (
          <div className="form" aria-label="Passkey">
            <p>Use your passkey for SOSA Desk: your security key or this device's screen lock.</p>
            <button type="button" className="btn btn-primary btn-block" disabled={busy} aria-busy={busy || undefined} autoFocus onClick={() => void usePasskey()}>
              {busy ? 'Waiting for the passkey…' : 'Use a passkey'}
            </button>
            {methods.includes('totp') ? <p className="login-or"><span>or with your authenticator app</span></p> : null}
          </div>
        ) : null}
        {challenge && methods.includes('passkey') && !passkeyOptions ? (
          <div className="banner banner-warn" role="alert">Passkeys are not set up for this address of SOSA Desk; ask its operator, or use your authenticator app.</div>
        ) : null}
        {challenge && methods.includes('totp') ? (
          <form className="form" noValidate onSubmit={(e) => void submitCode(e)} aria-label="Second factor">
            <p>Enter the 6-digit code your authenticator app shows for SOSA Desk, or one of your recovery codes.</p>
            {field('code', 'Code', { autoComplete: 'one-time-code', autoFocus: !passkeyOptions, inputMode: 'text', value: code, set: setCode })}
            <button type="submit" className="btn btn-primary btn-block" disabled={busy} aria-busy={busy || undefined}>
              {busy ? 'Checking…' : 'Verify and sign in'}
            </button>
          </form>
        ) : null}
        {challenge ? (
          <button type="button" className="btn btn-ghost btn-block" onClick={() => { setChallenge(undefined); setCode(''); signIn.reset(); }}>
            Back
          </button>
        ) : null}
        {!challenge && providers.length ? (
          <div className="sso-buttons">
            {providers.map((p) => (
              <a key={p.key} className="btn btn-block sso-button" href={`/api/v1/session/oidc/${encodeURIComponent(p.key)}/start`}>
                Sign in with {p.label}
              </a>
            ))}
            <p className="login-or"><span>or with a local account</span></p>
          </div>
        ) : null}
        {challenge ? null : (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          {field('username', 'Username', { autoComplete: 'username', autoFocus: true, value: username, set: setUsername })}
          {field('password', 'Password', { type: 'password', autoComplete: 'current-password', value: password, set: setPassword })}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        )}
        <p className="login-foot">Official use only. Activity is recorded in a tamper-evident audit log.</p>
      </main>
    </div>
  );
}
