import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client.js';
import type { AdminUser } from '../api/types.js';
import { ALL_ROLES, roleLabel } from '../format.js';
import { useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';
import { EmptyState } from './EmptyState.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Spinner } from './Spinner.js';

function NewUserForm({ onCreated }: { onCreated(): void }) {
  const orgs = useLoad(() => api.listOrganisations(), []);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const org = orgs.data?.items.find((o) => o.id === organisationId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setErrors({});
    try {
      await api.createUser({ username: username.trim(), displayName: displayName.trim(), password, organisationId, roles });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRoles([]);
      onCreated();
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      setErrors(apiErr.fieldErrors);
    } finally {
      setBusy(false);
    }
  };
  const err = (name: string) => (errors[name] ? <div id={`nu-${name}-error`} className="field-error" role="alert">{errors[name]}</div> : null);
  const aria = (name: string) => ({ id: `nu-${name}`, 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': errors[name] ? `nu-${name}-error` : undefined });

  return (
    <form className="panel form form-section" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-user-h">
      <h2 id="new-user-h" className="panel-title">Add a user</h2>
      <ErrorBanner error={error} />
      <ErrorBanner error={orgs.error} />
      <div className="grid-2">
        <div className={errors.username ? 'field has-error' : 'field'}>
          <label htmlFor="nu-username" className="field-label">Username</label>
          <input {...aria('username')} autoComplete="off" placeholder="in.officer2" value={username} onChange={(e) => setUsername(e.target.value)} />
          {err('username')}
        </div>
        <div className={errors.displayName ? 'field has-error' : 'field'}>
          <label htmlFor="nu-displayName" className="field-label">Display name</label>
          <input {...aria('displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          {err('displayName')}
        </div>
        <div className={errors.password ? 'field has-error' : 'field'}>
          <label htmlFor="nu-password" className="field-label">Initial password</label>
          <input {...aria('password')} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <div className="field-help">At least 12 characters; not a common password, a sequence or the username (a passphrase of a few words works). Share it through a separate channel.</div>
          {err('password')}
        </div>
        <div className={errors.organisationId ? 'field has-error' : 'field'}>
          <label htmlFor="nu-organisationId" className="field-label">Organisation</label>
          <select {...aria('organisationId')} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            <option value="">Choose…</option>
            {orgs.data?.items.map((o) => (
              <option key={o.id} value={o.id}>{o.name} ({o.kind})</option>
            ))}
          </select>
          {err('organisationId')}
        </div>
      </div>
      <fieldset className={errors.roles ? 'field fieldset has-error' : 'field fieldset'}>
        <legend className="field-label">Roles</legend>
        <div className="role-checks">
          {ALL_ROLES.map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles((list) => (e.target.checked ? [...list, r] : list.filter((x) => x !== r)))} />
              {roleLabel(r)}
            </label>
          ))}
        </div>
        {org ? <div className="field-help">{org.kind === 'company' ? 'A company user holds the supplier role only.' : 'The supplier role is for company users. An auditor cannot also be an admin or an officer.'}</div> : null}
        {err('roles')}
      </fieldset>
      <div className="form-foot">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Creating…' : 'Create user'}</button>
      </div>
    </form>
  );
}

export function AdminUsers() {
  const { user: me } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  const [error, setError] = useState<ApiError>();
  const [busyId, setBusyId] = useState<string>();

  const setActive = async (u: AdminUser, active: boolean) => {
    if (!active && !window.confirm(`Deactivate ${u.displayName}? Their sessions end at once.`)) return;
    setBusyId(u.id);
    setError(undefined);
    try {
      await api.updateUser(u.id, { active });
      users.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="users-h">
        <h2 id="users-h" className="panel-title">Users of {me.nation} <span className="count">{users.data?.items.length ?? ''}</span></h2>
        <ErrorBanner error={users.error ?? error} onRetry={users.error ? users.reload : undefined} />
        {users.loading && !users.data ? <Spinner /> : null}
        {users.data && users.data.items.length === 0 ? <EmptyState title="No users" /> : null}
        {users.data && users.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Username</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                  <th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id} className={u.active ? undefined : 'row-inactive'}>
                    <td>{u.displayName}</td>
                    <td className="mono">{u.username}</td>
                    <td className="truncate-cell" title={u.organisation.name}>{u.organisation.name}</td>
                    <td>{u.roles.map((r) => <span key={r} className="chip">{roleLabel(r)}</span>)}</td>
                    <td>{u.active ? <span className="chip chip-ok">Active</span> : <span className="chip chip-muted">Deactivated</span>}</td>
                    <td className="right">
                      {u.id === me.id ? (
                        <span className="muted small">you</span>
                      ) : (
                        <button type="button" className={u.active ? 'btn btn-small btn-danger-outline' : 'btn btn-small'} disabled={busyId === u.id} onClick={() => void setActive(u, !u.active)}>
                          {u.active ? 'Deactivate' : 'Reactivate'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <NewUserForm onCreated={users.reload} />
    </div>
  );
}
