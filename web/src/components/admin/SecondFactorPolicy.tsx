// The admin's per-organisation setting (issue #16): its local accounts must set up a second factor.
import { api } from '../../api/client.js';
import type { OrganisationDetail } from '../../api/types.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { DataTable, type Column } from '../list/DataTable.js';
import { ListBody } from '../list/ListBody.js';

export function SecondFactorPolicy() {
  const organisations = useApiQuery(keys.organisations.list(), () => api.listOrganisations());
  const set = useApiMutation(({ o, required }: { o: OrganisationDetail; required: boolean }) => api.setSecondFactorRequired(o.id, required), { invalidates: [keys.organisations.all] });
  const columns: Array<Column<OrganisationDetail>> = [
    { head: 'Organisation', cell: (o) => o.name },
    { head: 'Second factor', cell: (o) => (o.secondFactorRequired ? <span className="chip chip-ok">Required</span> : <span className="muted small">optional</span>) },
    {
      head: <span className="sr-only">Actions</span>,
      cellClass: 'right',
      cell: (o) => (
        <button type="button" className="btn btn-small" disabled={set.pending?.o.id === o.id} onClick={() => void set.run({ o, required: !o.secondFactorRequired })} aria-label={o.secondFactorRequired ? `Make optional: the second factor at ${o.name}` : `Require second factor at ${o.name}`}>
          {o.secondFactorRequired ? 'Make optional' : 'Require second factor'}
        </button>
      ),
    },
  ];
  return (
    <section className="panel" aria-labelledby="second-factor-policy-h">
      <h2 id="second-factor-policy-h" className="panel-title">Second factor by organisation</h2>
      <p className="muted small panel-note">Required: a local account without an authenticator app or passkey is sent to set one up right after signing in. Single sign-on accounts follow their provider.</p>
      <ErrorBanner error={set.error} />
      <ListBody query={organisations} empty={{ title: 'No organisations' }}>
        {(rows) => <DataTable rows={rows} columns={columns} rowKey={(o) => o.id} testId="second-factor-policy" />}
      </ListBody>
    </section>
  );
}
