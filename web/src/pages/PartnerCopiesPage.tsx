// The partner's copies (issue #13): on a sovereign instance, the requests each peer instance
// shared with this nation, as they were shared, the latest received first. Without a peer (a
// shared deployment, or none added yet) the page says so instead of showing an empty list.
import { partnerCopiesApi, shortMoment, type PartnerCopySummary } from '../api/partner-copies.js';
import { EmptyState } from '../components/EmptyState.js';
import { NationPair, StateBadge } from '../components/Badges.js';
import { DataTable } from '../components/list/DataTable.js';
import { ListBody } from '../components/list/ListBody.js';
import { ClearFilters, FilterBar, SearchFilter, SelectFilter } from '../components/list/ListFilters.js';
import { useUrlFilters, useWorkflowStates } from '../components/list/use-url-filters.js';
import { PageHeader } from '../components/PageHeader.js';
import { formatDateTime } from '../format.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { href } from '../router.js';
import { nationInSentence, nationName, useSession } from '../session.js';

const PAGE = 50;

export function PartnerCopiesPage({ query }: { query: URLSearchParams }) {
  const { reference } = useSession();
  const peers = reference.instance.peers;
  const state = query.get('state') ?? '';
  const peer = query.get('peer') ?? '';
  const { q, offset, text, setText, set, search, clear } = useUrlFilters('/partner-copies', query);
  const states = useWorkflowStates(reference);
  const stateLabel = (workflowId: string, id: string) => reference.workflows[workflowId]?.states.find((s) => s.id === id)?.label ?? states.find(([s]) => s === id)?.[1] ?? id;

  const filter = { state, peer, q, limit: PAGE, offset };
  const load = useApiQuery(keys.partnerCopies.list(filter), () => partnerCopiesApi.list(filter), { enabled: peers.length > 0 });
  const filtered = Boolean(state || peer || q);
  const total = load.data?.total ?? 0;
  const partners = peers.map((n) => nationInSentence(reference, n)).join(', ');

  return (
    <div className="page">
      <PageHeader
        title="Partner's copies"
        subtitle={peers.length ? `The requests ${partners} shared with this instance, as shared: each crossed as signed messages, and this instance signed a receipt for each.` : 'The requests a partner nation’s instance shares with this one.'}
      />
      {peers.length === 0 ? (
        <div data-testid="no-peer">
          <EmptyState title="No peer instance is configured">
            {reference.instance.nation
              ? `This instance (${nationName(reference, reference.instance.nation)}) exchanges messages with no partner instance yet. Once a partner's descriptor is added (sosa peer add), the requests it shares appear here.`
              : 'This is a shared deployment: both nations work on one instance, so nothing is received from a partner instance. Requests are on the Requests page.'}
          </EmptyState>
        </div>
      ) : (
        <>
          <FilterBar label="Filter the partner's copies" onSearch={search}>
            <SearchFilter id="pc-q" placeholder="Reference or title…" text={text} onText={setText} />
            <SelectFilter id="pc-state" label="State" any="Any state" value={state} options={states} onChange={(v) => set({ state: v })} />
            {peers.length > 1 ? <SelectFilter id="pc-peer" label="Partner" any="Every partner" value={peer} options={peers.map((n) => [n, nationName(reference, n)] as const)} onChange={(v) => set({ peer: v })} /> : null}
            <ClearFilters shown={filtered} onClear={clear} />
          </FilterBar>
          <ListBody
            query={load}
            empty={{ title: filtered ? 'No copy matches these filters' : 'No request received yet', body: filtered ? 'Try removing a filter.' : `Requests ${partners} shares with your nation appear here when their first message arrives.` }}
            pager={{ offset, pageSize: PAGE, total, onOffset: (o) => set({ offset: String(o) }) }}
          >
            {(items) => (
              <DataTable<PartnerCopySummary>
                rows={items}
                rowKey={(c) => `${c.peer}-${c.id}`}
                rowProps={(c) => ({ 'data-testid': 'partner-copy-row', 'data-peer': c.peer })}
                caption="Requests held as the partner shared them, the latest received first"
                columns={[
                  { head: 'Reference', cellClass: 'mono nowrap', cell: (c) => <a href={href(`/partner-copies/${c.id}`)}>{c.reference}</a> },
                  { head: 'Title', cell: (c) => c.title },
                  { head: 'Nations', cell: (c) => <NationPair from={c.fromNation} to={c.toNation} /> },
                  { head: 'State', cell: (c) => <StateBadge state={c.state} label={stateLabel(c.workflowId, c.state)} /> },
                  { head: 'From', cell: (c) => nationName(reference, c.peer) },
                  { head: 'Last received', className: 'nowrap', cell: (c) => <time dateTime={c.lastReceivedAt} title={formatDateTime(c.lastReceivedAt)}>{shortMoment(c.lastReceivedAt)}</time> },
                  { head: 'Version', className: 'right', cell: (c) => c.version },
                ]}
              />
            )}
          </ListBody>
        </>
      )}
    </div>
  );
}
