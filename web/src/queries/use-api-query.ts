// Reads one API resource through TanStack Query and answers in the shape the pages render from:
// { data, error, loading, reload, setData }. While a new filter loads, the previous answer stays
// on screen (dimmed by the page), as it did before.
import { keepPreviousData, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiError } from '../api/client.js';
import { toApiError } from '../use-load.js';

export interface ApiQuery<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True while an answer is awaited, the first or a reload. */
  loading: boolean;
  reload(): void;
  /** Puts a fresh copy (the answer of a save) in place without asking the server again. */
  setData(data: T): void;
}

export function useApiQuery<T>(
  key: QueryKey,
  fetch: () => Promise<T>,
  options: {
    enabled?: boolean;
    /** Milliseconds until the answer is asked again, or false to stop: a page polls while the server computes. */
    pollEvery?: (data: T | undefined) => number | false;
    /** Keep polling after a failed ask (a badge that shows the last count it got, and no error). */
    pollThroughErrors?: boolean;
  } = {},
): ApiQuery<T> {
  const client = useQueryClient();
  const { pollEvery, pollThroughErrors } = options;
  const q = useQuery({
    queryKey: key,
    queryFn: fetch,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    // A failed ask stops the polling (unless told otherwise): the error shows with its "Try again" button, as before.
    refetchInterval: pollEvery ? (query) => (query.state.status === 'error' && !pollThroughErrors ? false : pollEvery(query.state.data as T | undefined)) : undefined,
  });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  const setData = useCallback((data: T) => client.setQueryData(key, data), [client, JSON.stringify(key)]);
  return { data: q.data, error: q.error ? toApiError(q.error) : undefined, loading: q.isFetching, reload, setData };
}
