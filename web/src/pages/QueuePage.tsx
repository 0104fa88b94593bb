import { api } from '../api/client.js';
import type { RequestSummary } from '../api/types.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestTable } from '../components/RequestTable.js';
import { Spinner } from '../components/Spinner.js';
import { URGENCY_RANK } from '../format.js';
import { useSession } from '../session.js';
import { useLoad } from '../use-load.js';

/** Most urgent first (armed conflict, emergency, routine), then the earliest due deadline. */
export function byUrgencyThenDeadline(a: RequestSummary, b: RequestSummary): number {
  const u = (URGENCY_RANK[a.urgency] ?? 9) - (URGENCY_RANK[b.urgency] ?? 9);
  if (u !== 0) return u;
  const da = a.nextDeadline?.dueAt ?? '9999';
  const db = b.nextDeadline?.dueAt ?? '9999';
  return da.localeCompare(db);
}

export function QueuePage() {
  const { user } = useSession();
  const load = useLoad(() => api.listRequests({ queue: 'mine', limit: 200 }), []);
  // The server decides what waits on the caller (escapes such as withdraw do not count); older servers: any action.
  const items = (load.data?.items ?? []).filter((r) => r.waitingOnYou ?? r.actions.length > 0).sort(byUrgencyThenDeadline);
  const overdue = items.filter((r) => r.nextDeadline?.overdue).length;

  return (
    <div className="page">
      <PageHeader
        title="My work queue"
        subtitle={
          load.data
            ? `${items.length} request${items.length === 1 ? '' : 's'} waiting on you${overdue ? ` · ${overdue} overdue` : ''} — most urgent first`
            : 'Requests where you can act now'
        }
        actions={
          <button type="button" className="btn btn-small" onClick={load.reload} disabled={load.loading}>
            Refresh
          </button>
        }
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner /> : null}
      {load.data && items.length === 0 ? (
        <EmptyState title="Nothing waits on you">
          Requests appear here when you, {user.displayName}, can take the next step.
        </EmptyState>
      ) : null}
      {items.length > 0 ? <RequestTable items={items} caption="Requests waiting on you" markActions={false} /> : null}
    </div>
  );
}
