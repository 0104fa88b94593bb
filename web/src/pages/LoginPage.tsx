import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client.js';
import type { User } from '../api/types.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { toApiError } from '../use-load.js';

export function LoginPage({ onLoggedIn, notice }: { onLoggedIn(user: User): void; notice?: string | undefined }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { user } = await api.login(username.trim(), password);
      onLoggedIn(user);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

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
        <ErrorBanner error={error} />
        <form className="form" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="username" className="field-label">Username</label>
            <input id="username" name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="password" className="field-label">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy || !username || !password}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="login-foot">Official use only. Activity is recorded in a tamper-evident audit log.</p>
      </main>
    </div>
  );
}
