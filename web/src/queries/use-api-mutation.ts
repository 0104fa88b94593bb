// A write to the API through TanStack Query: busy while it runs, the server's problem document
// kept as `error` and its field errors as `fieldErrors` (shown at the field), and on success the
// query families it names are invalidated so what is on screen reloads.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiError } from '../api/client.js';
import { toApiError } from '../use-load.js';

export interface ApiMutation<V, R> {
  /** Runs the write; answers its result, or undefined when it failed (the failure is in `error`). */
  run(vars: V): Promise<R | undefined>;
  busy: boolean;
  /** What the running write was given (which of several buttons to show as working). */
  pending: V | undefined;
  error: ApiError | undefined;
  /** The answer of the last write that succeeded, until the next one starts or `reset`. */
  result: R | undefined;
  fieldErrors: Record<string, string>;
  reset(): void;
}

const NO_FIELD_ERRORS: Record<string, string> = {};

export function useApiMutation<V, R>(write: (vars: V) => Promise<R>, options: {
    invalidates?: QueryKey[];
    /** The key whose data the answer is (a saved record): put in place at once, then reloaded with the rest. */
    stores?: (result: R) => QueryKey;
    onSaved?: (result: R, vars: V) => void;
    /** For a form that keeps its own copy of the field errors (to clear one when its field is edited). */
    onFailed?: (error: ApiError) => void;
  } = {},): ApiMutation<V, R> {
  const client = useQueryClient();
  const m = useMutation<R, ApiError, V>({
    mutationFn: async (vars) => {
      try {
        return await write(vars);
      } catch (e) {
        throw toApiError(e);
      }
    },
    onError: (error) => options.onFailed?.(error),
    onSuccess: (result, vars) => {
      // The caller's own step first (it may navigate away or close a dialog), then the reloads.
      if (options.stores) client.setQueryData(options.stores(result), result);
      options.onSaved?.(result, vars);
      // Not awaited: the button stops reading "Saving…" when the write is done, not after the reloads.
      void Promise.all((options.invalidates ?? []).map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
  const { mutateAsync, reset } = m;
  const run = useCallback(
    (vars: V) =>
      mutateAsync(vars).then(
        (r) => r,
        () => undefined,
      ),
    [mutateAsync],
  );
  return { run, busy: m.isPending, pending: m.isPending ? m.variables : undefined, error: m.error ?? undefined, result: m.data, fieldErrors: m.error?.fieldErrors ?? NO_FIELD_ERRORS, reset };
}
