import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { RequestSummary } from '../api/types.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestTable } from '../components/RequestTable.js';
import { Spinner } from '../components/Spinner.js';
import { URGENCY_RANK } from '../format.js';
import { useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { toApiError } from '../use-load.js';

/** Most urgent first (armed conflict, emergency, routine), then the earliest due deadline. */
export function byUrgencyThenDeadline(a: RequestSummary, b: RequestSummary): number {
  const u = (URGENCY_RANK[a.urgency] ?? 9) - (URGENCY_RANK[b.urgency] ?? 9);
  if (u !== 0) return u;
  const da = a.nextDeadline?.dueAt ?? '9999';
  const db = b.nextDeadline?.dueAt ?? '9999';
  return da.localeCompare(db);
}

const PAGE = 200;

export function QueuePage() {
  const { user } = useSession();
  // The server builds the queue in its order (urgency, then the earliest running deadline) and
  // counts all of it: a page of 200 at a time, the next on demand, never a silent cut at the first page.
  const queue = useInfiniteQuery({
    queryKey: keys.requests.part('queue-pages'),
    queryFn: ({ pageParam }) => api.listRequests({ queue: 'mine', limit: PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && (loaded < last.total || last.totalCapped) ? loaded : undefined;
    },
  });
  const error = queue.error ? toApiError(queue.error) : undefined;
  const pages = queue.data?.pages ?? [];
  // The server decides what waits on the caller (escapes such as withdraw do not count); older servers: any action.
  const items = pages.flatMap((p) => p.items).filter((r) => r.waitingOnYou ?? r.actions.length > 0);
  const total = pages.at(-1)?.total ?? items.length;
  // Past 10,000 the server stops counting (totalCapped): "200 of more than 10,000".
  const capped = pages.at(-1)?.totalCapped ?? false;
  const overdue = items.filter((r) => r.nextDeadline?.overdue).length;
  const shown = capped ? `${items.length} of more than ${total.toLocaleString('en-US')}` : items.length < total ? `${items.length} of ${total.toLocaleString('en-US')}` : String(total);

  return (
    <div className="page">
      <PageHeader
        title="My work queue"
        subtitle={
          queue.data
            ? `${shown} request${total === 1 ? '' : 's'} waiting on you${overdue ? ` · ${overdue} overdue${capped || items.length < total ? ' among those shown' : ''}` : ''} — most urgent first`
            : 'Requests where you can act now'
        }
        actions={
          <button type="button" className="btn btn-small" onClick={() => void queue.refetch()} disabled={queue.isFetching}>
            Refresh
          </button>
        }
      />
      <ErrorBanner error={error} onRetry={() => void queue.refetch()} />
      {queue.isPending ? <Spinner /> : null}
      {queue.data && items.length === 0 ? (
        <EmptyState title="Nothing waits on you">
          Requests appear here when you, {user.displayName}, can take the next step.
        </EmptyState>
      ) : null}
      {items.length > 0 ? <RequestTable items={items} caption="Requests waiting on you" markActions={false} /> : null}
      {queue.hasNextPage ? (
        <div className="pad">
          <button type="button" className="btn" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage} data-testid="queue-more">
            {queue.isFetchingNextPage ? 'Loading…' : `Show the next ${capped ? PAGE : Math.min(PAGE, total - items.length)}`}
          </button>
        </div>
      ) : null}
    </div>
  );
}
