// A `sosa worker` process (issue #14): works the analysis job queue of a PostgreSQL store from any
// machine that reaches it. It serves no HTTP, seeds and migrates nothing (the server migrates).
import { closeLpWorkerPools } from '../../analytics/disruption/index.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { createLogger } from '../../logger.js';
import { openStore } from '../../store/database.js';
import { createContext, type AppContext } from '../context.js';
import { startAnalysisQueue } from './analysis-jobs.js';

export interface RunningWorker {
  ctx: AppContext;
  /** Stops fetching; the jobs in hand stop and fail, so another worker retries them at once. */
  stop(): Promise<void>;
}

export async function startAnalysisWorker(options: { slots: number }): Promise<RunningWorker> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new AppError('CONFIG_INVALID', { detail: 'sosa worker works the job queue of a PostgreSQL store: set DATABASE_URL. On the embedded store the server runs analyses in its own threads.' });
  }
  const logger = createLogger(config.logLevel);
  let lastLostLog = 0;
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    poolSize: 2 + options.slots,
    onConnectionLost: (error) => {
      if (Date.now() - lastLostLog < 10_000) return;
      lastLostLog = Date.now();
      logger.warn({ reason: error.message }, 'PostgreSQL connection lost: the jobs in hand wait for it');
    },
  });
  const ctx = createContext(store, config, logger);
  try {
    ctx.analysisQueue = await startAnalysisQueue(ctx, { slots: options.slots });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    ctx,
    async stop() {
      await ctx.analysisQueue?.stop();
      await closeLpWorkerPools();
      await store.close();
    },
  };
}
