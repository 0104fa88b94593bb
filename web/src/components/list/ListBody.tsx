// What a list page shows under its filters: the error with "Try again", a spinner on the first
// load, an empty state that says whether filters hid everything, the table (dimmed while a new
// answer loads) and, where the list is paged, "N–M of T" with Previous and Next.
import type { ReactNode } from 'react';
import type { ApiQuery } from '../../queries/use-api-query.js';
import { EmptyState } from '../EmptyState.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { Spinner } from '../Spinner.js';

export interface Pager {
  offset: number;
  pageSize: number;
  total: number;
  /** More rows match than `total` (the server stops counting there): "of more than T", and Next stays on. */
  totalCapped?: boolean;
  onOffset(offset: number): void;
}

export function ListBody<T>({
  query,
  items,
  loadingLabel,
  empty,
  wrap = 'table-wrap',
  pager,
  children,
}: {
  /** The list's answer; its `items` are the rows. */
  query: ApiQuery<{ items: T[] }>;
  /** The rows shown, where the page narrows the answer itself (a search it runs in the browser). */
  items?: T[];
  loadingLabel?: string;
  empty: { title: string; body?: ReactNode };
  /** The class of the box around the table ('' for none). */
  wrap?: string;
  pager?: Pager;
  children: (items: T[]) => ReactNode;
}) {
  const rows = items ?? query.data?.items ?? [];
  const boxClass = [wrap, query.loading ? 'is-reloading' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <ErrorBanner error={query.error} onRetry={query.reload} />
      {query.loading && !query.data ? <Spinner {...(loadingLabel ? { label: loadingLabel } : {})} /> : null}
      {query.data && rows.length === 0 ? <EmptyState title={empty.title}>{empty.body}</EmptyState> : null}
      {rows.length > 0 ? (
        <div className={boxClass}>
          {children(rows)}
          {pager && pager.total > pager.pageSize ? <PagerNav {...pager} /> : null}
        </div>
      ) : null}
    </>
  );
}

function PagerNav({ offset, pageSize, total, totalCapped = false, onOffset }: Pager) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span className="muted">
        {offset + 1}–{totalCapped ? offset + pageSize : Math.min(offset + pageSize, total)} of {totalCapped ? `more than ${total.toLocaleString('en-US')}` : total}
      </span>
      <button type="button" className="btn btn-small" disabled={!totalCapped && offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
