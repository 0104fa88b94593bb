// The one QueryClient of the web UI (TanStack Query). Settings keep what users saw before the
// library came in: an error shows at once with its "Try again" button (no silent retries), a page
// opened again loads afresh (nothing is kept once no screen reads it), and switching browser tabs
// does not reload the page under the user's hands.
import { QueryClient } from '@tanstack/react-query';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, gcTime: 0 },
      mutations: { retry: false },
    },
  });
}
