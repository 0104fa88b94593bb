// The Code of Conduct registry: subscribed companies, filtered by text, status, sector and FSC.
import { useState } from 'react';
import { partnershipApi, SECTOR_LABEL, SECTORS, type Subscription } from '../../api/registers.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { ListBody } from '../../components/list/ListBody.js';
import { ClearFilters, FilterBar, SearchFilter, SelectFilter, useFilters } from '../../components/list/ListFilters.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDate } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href, navigate } from '../../router.js';
import { hasRole, useSession } from '../../session.js';
import { SubscriberDialog } from './SubscriberDialog.js';
import { pct, SubscriptionBadge } from './SubscriptionBadge.js';

const STATUSES = [['active', 'Active'], ['lapsed', 'Lapsed'], ['withdrawn', 'Withdrawn']] as const;

const COLUMNS: Array<Column<Subscription>> = [
  {
    head: 'Company',
    cell: (s) => (
      <>
        <a className="row-link strong" href={href(`/code-of-conduct/${s.id}`)}>{s.organisation.name}</a>
        <div className="muted small">{s.organisation.shortName}</div>
      </>
    ),
  },
  { head: 'Status', cell: (s) => <SubscriptionBadge status={s.status} /> },
  { head: 'Subscribed', cellClass: 'nowrap', cell: (s) => formatDate(s.subscribedOn) },
  {
    head: 'Capabilities',
    cell: (s) =>
      s.capabilities.map((c, i) => (
        <span key={i} className="chip" title={c.description}>
          {c.fsc ? `FSC ${c.fsc} · ` : ''}
          {SECTOR_LABEL[c.sector] ?? c.sector}
        </span>
      )),
  },
  { head: 'Requests', className: 'right', cell: (s) => s.stats.received },
  { head: 'Committed', className: 'right', cell: (s) => s.stats.committed },
  { head: 'Declined', className: 'right', cell: (s) => s.stats.declined },
  { head: 'On time', className: 'right', cell: (s) => pct(s.stats.onTimeRate) },
];

export function SubscriberList() {
  const { user } = useSession();
  const f = useFilters({ q: '', status: '', sector: '', fsc: '' });
  const [creating, setCreating] = useState(false);
  const load = useApiQuery(keys.subscriptions.list(f.filter), () => partnershipApi.listSubscribers(f.filter));
  const writer = hasRole(user, 'sosa_officer');
  return (
    <div className="page">
      <PageHeader
        title="Code of Conduct registry"
        subtitle={`Companies of ${user.nation} that subscribed to the voluntary Code of Conduct and make every reasonable effort to give priority support`}
        actions={writer ? <button type="button" className="btn btn-primary btn-small" onClick={() => setCreating(true)}>Register a subscriber</button> : null}
      />
      <FilterBar label="Filter subscribers" onSearch={f.search}>
        <SearchFilter id="coc-q" placeholder="Company, capability, part number…" text={f.text} onText={f.setText} />
        <SelectFilter id="coc-status" label="Status" any="Any status" value={f.filter.status} options={STATUSES} onChange={(status) => f.set({ status })} />
        <SelectFilter id="coc-sector" label="Sector" any="Any sector" value={f.filter.sector} options={SECTORS.map((s) => [s, SECTOR_LABEL[s]!] as const)} onChange={(sector) => f.set({ sector })} />
        <div className="filter">
          <label htmlFor="coc-fsc">Supply class (FSC)</label>
          <input id="coc-fsc" className="input-fsc" inputMode="numeric" placeholder="2840" maxLength={4} value={f.filter.fsc} onChange={(e) => f.set({ fsc: /^\d{4}$/.test(e.target.value) ? e.target.value : '' })} />
        </div>
        <ClearFilters shown={f.filtered} onClear={f.clear} />
      </FilterBar>
      <ListBody
        query={load}
        loadingLabel="Loading the registry…"
        empty={{
          title: f.filtered ? 'No subscriber matches these filters' : 'No subscribers',
          body: f.filtered ? 'Try removing a filter.' : writer ? 'Register the first company that subscribed to the Code of Conduct.' : 'Your nation keeps no Code of Conduct registry, or it is empty.',
        }}
      >
        {(rows) => <DataTable rows={rows} columns={COLUMNS} rowKey={(s) => s.id} testId="coc-table" caption="Code of Conduct subscribers" />}
      </ListBody>
      {creating ? <SubscriberDialog onClose={() => setCreating(false)} onSaved={(s) => navigate(`/code-of-conduct/${s.id}`)} /> : null}
    </div>
  );
}
