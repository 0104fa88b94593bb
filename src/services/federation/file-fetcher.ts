import { startBackgroundLoop } from '../background-loop.js';
import type { AppContext } from '../context.js';
import { fileFetchRequested, takeFileFetchRequest } from './catch-up-requests.js';
import { fetchDueFiles } from './fetch-partner-files.js';
import type { SenderOptions } from './message-sender.js';

export interface FileFetcher {
  /** Runs one round now; rounds coalesce, one at a time. */
  poke(): void;
  /** Stops the loop; a fetch in flight is cut off and left due, not counted as an attempt. */
  stop(): Promise<void>;
}

/** How often the fetcher looks for due fetches without a wake (a retry that came due, another process's files). */
export const FILE_FETCHER_INTERVAL_MS = 1_000;

/**
 * The file fetcher of the server process (issue #13), a loop of its own beside the federation
 * sender: a file's fetch may take minutes (FILE_FETCH_TIMEOUT_MS, 10 MiB on a slow link), and the
 * sender's rounds never overlap, so in the sender's round it held back every message queued
 * meanwhile. Woken by the commit that listed a file without its content (apply-request-attachment.ts
 * on a copy, apply-copy-attachment.ts on the holder of a request) or asked for it again, and every second for the retries that came due.
 */
export function startFileFetcher(ctx: AppContext, options: Pick<SenderOptions, 'fetch' | 'backoff'> & { intervalMs?: number } = {}): FileFetcher {
  const loop = startBackgroundLoop(ctx, {
    name: 'federation file fetcher',
    intervalMs: options.intervalMs ?? FILE_FETCHER_INTERVAL_MS,
    wakeAfterCommit: () => fileFetchRequested(ctx),
    round: async (stopping) => {
      takeFileFetchRequest(ctx);
      await fetchDueFiles(ctx, options, stopping);
    },
  });
  return { poke: loop.wake, stop: loop.stop };
}
