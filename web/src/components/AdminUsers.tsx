// The admin's users of the nation: deactivate or reactivate them, and add new ones.
import { api } from '../api/client.js';
import type { AdminUser } from '../api/types.js';
import { roleLabel } from '../format.js';
import { keys } from '../queries/keys.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { useSession } from '../session.js';
import { NewUserForm } from './admin/NewUserForm.js';
import { SecondFactorPolicy } from './admin/SecondFactorPolicy.js';
import { ErrorBanner } from './ErrorBanner.js';
import { DataTable, type Column } from './list/DataTable.js';
import { ListBody } from './list/ListBody.js';

const COLUMNS: Array<Column<AdminUser>> = [
  { head: 'Name', cell: (u) => u.displayName },
  { head: 'Username', cellClass: 'mono', cell: (u) => u.username },
  { head: 'Organisation', cellClass: 'truncate-cell', cell: (u) => <span title={u.organisation.name}>{u.organisation.name}</span> },
  { head: 'Roles', cell: (u) => u.roles.map((r) => <span key={r} className="chip">{roleLabel(r)}</span>) },
  { head: 'Status', cell: (u) => (u.active ? <span className="chip chip-ok">Active</span> : <span className="chip chip-muted">Deactivated</span>) },
  { head: 'Second factor', cell: (u) => (u.secondFactors.length ? u.secondFactors.map((f) => <span key={f} className="chip">{f === 'totp' ? 'App' : 'Passkey'}</span>) : <span className="muted small">none</span>) },
];

export function AdminUsers() {
  const { user: me } = useSession();
  const users = useApiQuery(keys.users.list(), () => api.listUsers());
  const update = useApiMutation(({ u, active }: { u: AdminUser; active: boolean }) => api.updateUser(u.id, { active }), { invalidates: [keys.users.all] });
  // A lost phone or key (issue #16): the user's app, recovery codes and passkeys go; the next sign-in needs the password only.
  const reset = useApiMutation((u: AdminUser) => api.resetSecondFactor(u.id), { invalidates: [keys.users.all] });
  const resetSecondFactor = (u: AdminUser) => {
    if (!window.confirm(`Reset the second factor of ${u.displayName}? Their authenticator app, recovery codes and passkeys are removed; their next sign-in asks for the password only.`)) return;
    void reset.run(u);
  };
  const setActive = (u: AdminUser, active: boolean) => {
    if (!active && !window.confirm(`Deactivate ${u.displayName}? Their sessions end at once.`)) return;
    void update.run({ u, active });
  };
  const columns: Array<Column<AdminUser>> = [
    ...COLUMNS,
    {
      head: <span className="sr-only">Actions</span>,
      cellClass: 'right',
      cell: (u) =>
        u.id === me.id ? (
          <span className="muted small">you</span>
        ) : (
          <span className="row-actions row-actions-nowrap">
            {u.secondFactors.length ? (
              <button type="button" className="btn btn-small" disabled={reset.pending?.id === u.id} onClick={() => resetSecondFactor(u)} aria-label={`Reset second factor of ${u.username}`}>
                Reset second factor
              </button>
            ) : null}
            <button type="button" className={u.active ? 'btn btn-small btn-danger-outline' : 'btn btn-small'} disabled={update.pending?.u.id === u.id} onClick={() => setActive(u, !u.active)}>
              {u.active ? 'Deactivate' : 'Reactivate'}
            </button>
          </span>
        ),
    },
  ];

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="users-h">
        <h2 id="users-h" className="panel-title">Users of {me.nation} <span className="count">{users.data?.items.length ?? ''}</span></h2>
        <ErrorBanner error={update.error ?? reset.error} />
        <ListBody query={users} empty={{ title: 'No users' }}>
          {(rows) => <DataTable rows={rows} columns={columns} rowKey={(u) => u.id} rowProps={(u) => (u.active ? {} : { className: 'row-inactive' })} testId="users-table" />}
        </ListBody>
      </section>
      <SecondFactorPolicy />
      <NewUserForm />
    </div>
  );
}
