import { api } from '../api/client.js';
import { ListBody } from '../components/list/ListBody.js';
import { ClearFilters, FilterBar, SearchFilter, SelectFilter } from '../components/list/ListFilters.js';
import { useUrlFilters, useWorkflowStates } from '../components/list/use-url-filters.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestTable } from '../components/RequestTable.js';
import { URGENCY_LABEL } from '../format.js';
import { href } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';

const PAGE = 50;

export function RequestsPage({ query }: { query: URLSearchParams }) {
  const { user, reference } = useSession();
  const state = query.get('state') ?? '';
  const urgency = query.get('urgency') ?? '';
  const direction = (query.get('direction') ?? '') as '' | 'incoming' | 'outgoing';
  const overdue = query.get('overdue') === 'true';
  const { q, offset, text, setText, set, search, clear } = useUrlFilters('/requests', query);
  const states = useWorkflowStates(reference);

  const filter = { state, urgency, direction, q, overdue, limit: PAGE, offset };
  const load = useApiQuery(keys.requests.list(filter), () => api.listRequests(filter));

  const filtered = Boolean(state || urgency || direction || q || overdue);
  const total = load.data?.total ?? 0;
  const capped = load.data?.totalCapped ?? false;

  return (
    <div className="page">
      <PageHeader
        title="Requests"
        subtitle={load.data ? `${capped ? `More than ${total.toLocaleString('en-US')}` : total} request${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ''}` : 'All requests your nation is party to'}
        actions={hasRole(user, 'sosa_officer') ? <a className="btn btn-primary btn-small" href={href('/requests/new')}>New request</a> : null}
      />
      <FilterBar label="Filter requests" onSearch={search}>
        <SearchFilter id="f-q" placeholder="Reference, title, part…" text={text} onText={setText} />
        <SelectFilter id="f-state" label="State" any="Any state" value={state} options={states} onChange={(v) => set({ state: v })} />
        <SelectFilter id="f-urgency" label="Urgency" any="Any urgency" value={urgency} options={reference.urgencies.map((u) => [u, URGENCY_LABEL[u] ?? u] as const)} onChange={(v) => set({ urgency: v })} />
        <SelectFilter id="f-direction" label="Direction" any="Both" value={direction} options={[['incoming', `Incoming (to ${user.nation})`], ['outgoing', `Outgoing (from ${user.nation})`]]} onChange={(v) => set({ direction: v })} />
        <label className="check filter-check">
          <input type="checkbox" checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })} />
          Overdue only
        </label>
        <ClearFilters shown={filtered} onClear={clear} />
      </FilterBar>
      <ListBody
        query={load}
        wrap=""
        empty={{
          title: filtered ? 'No request matches these filters' : 'No requests yet',
          body: filtered ? 'Try removing a filter.' : hasRole(user, 'sosa_officer') ? <a href={href('/requests/new')}>Submit the first request</a> : 'Requests your nation is party to will appear here.',
        }}
        pager={{ offset, pageSize: PAGE, total, totalCapped: capped, onOffset: (o) => set({ offset: String(o) }) }}
      >
        {(items) => <RequestTable items={items} caption="Requests" />}
      </ListBody>
    </div>
  );
}
