// The SPA requests the user may read, filtered by status (kept in the address).
import { SPA_STATUS_LABEL, SPA_STATUSES, spaApi, type SpaStatus } from '../../api/spa.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { ListBody } from '../../components/list/ListBody.js';
import { InlineSelectFilter } from '../../components/list/ListFilters.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href, navigate } from '../../router.js';
import { hasRole, useSession } from '../../session.js';
import { SpaBadge } from './SpaBadge.js';

type Row = Awaited<ReturnType<typeof spaApi.list>>['items'][number];

const COLUMNS: Array<Column<Row>> = [
  { head: 'Reference', cellClass: 'nowrap', cell: (i) => <><a href={href(`/spa/${i.id}`)} className="mono">{i.reference}</a>{i.view === 'partner' ? <span className="chip chip-muted">partner view</span> : null}</> },
  { head: 'Status', cell: (i) => <SpaBadge status={i.status} /> },
  { head: 'Company', cell: (i) => i.company },
  { head: 'Orders', cellClass: 'small', cell: (i) => i.orders.join(', ') },
  { head: 'Program', cellClass: 'small', cell: (i) => i.program },
  { head: 'Submitted', cellClass: 'nowrap small', cell: (i) => (i.submittedAt ? formatDateTime(i.submittedAt) : '—') },
];

const STATUS_CHOICES = SPA_STATUSES.map((s) => [s, SPA_STATUS_LABEL[s]] as const);

export function SpaList({ query }: { query: URLSearchParams }) {
  const { user } = useSession();
  const status = (query.get('status') ?? '') as SpaStatus | '';
  const list = useApiQuery(keys.spaRequests.list({ status }), () => spaApi.list(status));
  return (
    <div className="page">
      <PageHeader
        title="Special Priorities Assistance"
        subtitle="Requests for help with rated orders that are not being met (15 CFR 700.50–700.55, Form BIS-999)"
        actions={hasRole(user, 'supplier') ? <a className="btn btn-primary" href={href('/spa/new')} data-testid="new-spa">New SPA request</a> : null}
      />
      <section className="panel" data-testid="spa-list">
        <div className="panel-head">
          <h2 className="panel-title">Requests</h2>
          <div className="inline-filters" role="search" aria-label="Filter SPA requests">
            <InlineSelectFilter id="spa-status" label="Status" value={status} options={STATUS_CHOICES} onChange={(v) => navigate(v ? `/spa?status=${v}` : '/spa', { replace: true })} />
          </div>
        </div>
        <ListBody
          query={list}
          loadingLabel="Loading requests…"
          empty={{ title: status ? 'No request in this status' : 'No SPA requests', body: hasRole(user, 'supplier') ? 'File one when a rated order cannot be met and you could not resolve it yourself.' : 'Requests filed by suppliers appear here once submitted.' }}
        >
          {(rows) => <DataTable rows={rows} columns={COLUMNS} rowKey={(i) => i.id} rowProps={(i) => ({ 'data-testid': 'spa-row', 'data-reference': i.reference })} caption="SPA requests" />}
        </ListBody>
      </section>
    </div>
  );
}
