// The admin's form to add a user of the nation: organisation, roles and an initial password.
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { NewUser } from '../../api/types.js';
import { ALL_ROLES, roleLabel } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { FormField, fieldProps, InputField } from '../FormField.js';

export function NewUserForm() {
  const orgs = useApiQuery(keys.organisations.list(), () => api.listOrganisations());
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [roles, setRoles] = useState<NewUser['roles']>([]);
  const create = useApiMutation(() => api.createUser({ username: username.trim(), displayName: displayName.trim(), password, organisationId, roles }), {
    invalidates: [keys.users.all],
    onSaved: () => (setUsername(''), setDisplayName(''), setPassword(''), setRoles([])),
  });
  const errors = create.fieldErrors;
  const org = orgs.data?.items.find((o) => o.id === organisationId);

  return (
    <form className="panel form form-section" onSubmit={(e) => (e.preventDefault(), void create.run(undefined))} noValidate aria-labelledby="new-user-h">
      <h2 id="new-user-h" className="panel-title">Add a user</h2>
      <ErrorBanner error={create.error} />
      <ErrorBanner error={orgs.error} />
      <div className="grid-2">
        <FormField id="nu-username" label="Username" error={errors.username}>
          <input {...fieldProps('nu-username', errors.username)} autoComplete="off" placeholder="in.officer2" value={username} onChange={(e) => setUsername(e.target.value)} />
        </FormField>
        <InputField id="nu-displayName" label="Display name" error={errors.displayName} value={displayName} onChange={setDisplayName} />
        <FormField id="nu-password" label="Initial password" error={errors.password} help="At least 12 characters; not a common password, a sequence or the username (a passphrase of a few words works). Share it through a separate channel.">
          <input {...fieldProps('nu-password', errors.password)} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </FormField>
        <FormField id="nu-organisationId" label="Organisation" error={errors.organisationId}>
          <select {...fieldProps('nu-organisationId', errors.organisationId)} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            <option value="">Choose…</option>
            {orgs.data?.items.map((o) => (
              <option key={o.id} value={o.id}>{o.name} ({o.kind})</option>
            ))}
          </select>
        </FormField>
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
        {errors.roles ? <div id="nu-roles-error" className="field-error" role="alert">{errors.roles}</div> : null}
      </fieldset>
      <div className="form-foot">
        <button type="submit" className="btn btn-primary" disabled={create.busy}>{create.busy ? 'Creating…' : 'Create user'}</button>
      </div>
    </form>
  );
}
