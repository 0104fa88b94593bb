// The working groups of the user's nation's arrangements, filtered by text, status and overdue items.
import { useState } from 'react';
import { partnershipApi } from '../../api/partnership.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { ListBody } from '../../components/list/ListBody.js';
import { InlineSelectFilter } from '../../components/list/ListFilters.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href } from '../../router.js';
import { hasRole, useSession } from '../../session.js';
import { NewGroupDialog } from './NewGroupDialog.js';

type Row = Awaited<ReturnType<typeof partnershipApi.listGroups>>['items'][number];

const COLUMNS: Array<Column<Row>> = [
  { head: 'Working group', cell: (g) => <><a className="strong" href={href(`/working-groups/${g.id}`)}>{g.name}</a>{g.status === 'closed' ? <span className="chip chip-muted">Closed</span> : null}<div className="small muted">{g.memberCount} members</div></> },
  { head: 'Nations', cellClass: 'nowrap', cell: (g) => g.nations.join(' – ') },
  { head: 'Chairs', cell: (g) => g.chairs.join(', ') || <span className="muted">—</span> },
  { head: 'Next meeting', cellClass: 'nowrap', cell: (g) => (g.nextMeeting ? formatDateTime(g.nextMeeting) : <span className="muted">none scheduled</span>) },
  { head: 'Open items', className: 'num', cellClass: 'nowrap', cell: (g) => <>{g.openItems}{g.overdueItems > 0 ? <span className="badge wg-overdue" data-testid="overdue-badge">{g.overdueItems} overdue</span> : null}</> },
];

const STATUS_CHOICES = [['active', 'Active'], ['closed', 'Closed']] as const;

export function GroupList() {
  const { user, reference } = useSession();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const filter = { q, status, overdue };
  const list = useApiQuery(keys.workingGroups.list(filter), () => partnershipApi.listGroups(filter));
  const officer = hasRole(user, 'sosa_officer');
  const filtered = Boolean(q || status || overdue);
  return (
    <div className="page">
      <PageHeader title="Working groups" subtitle="SOSA working groups of your nation's arrangements: meetings, minutes and action items." actions={officer ? <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>New working group</button> : undefined} />
      <section className="panel">
        <div className="panel-head">
          <div className="inline-filters" role="search" aria-label="Filter working groups">
            <input type="search" aria-label="Search working groups" placeholder="Search name or purpose" value={q} onChange={(e) => setQ(e.target.value)} />
            <InlineSelectFilter id="wg-f-status" label="Status" value={status} options={STATUS_CHOICES} onChange={setStatus} />
            <label className="check small nowrap"><input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> With overdue items</label>
          </div>
        </div>
        <ListBody
          query={list}
          loadingLabel="Loading working groups…"
          empty={{ title: filtered ? 'No working group matches these filters' : 'No working groups yet', body: filtered ? 'Try removing a filter.' : officer ? 'Create one for an arrangement of your nation.' : 'You are not a member of any working group.' }}
        >
          {(rows) => <DataTable rows={rows} columns={COLUMNS} rowKey={(g) => g.id} rowProps={() => ({ 'data-testid': 'wg-row' })} testId="wg-table" caption="Working groups" />}
        </ListBody>
      </section>
      {creating ? <NewGroupDialog arrangements={reference.arrangements.filter((a) => a.nationA === user.nation || a.nationB === user.nation)} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
