import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Store } from '../store/database.js';
import type { AnalysisQueue } from './networks/analysis-jobs.js';
import { CalendarRegistry } from './calendars/calendar-registry.js';
import { WorkflowRegistry } from './requests/workflow-registry.js';

/** Everything a use case needs from the outside world, passed explicitly. */
export interface AppContext {
  store: Store;
  config: Config;
  logger: Logger;
  now: () => Date;
  calendars: CalendarRegistry;
  workflows: WorkflowRegistry;
  /**
   * Issue #14: on PostgreSQL, the job queue scenario runs go to (set by the server and `sosa
   * worker`); absent (the embedded store, a bare test context), runs use this process' threads.
   */
  analysisQueue?: AnalysisQueue | undefined;
}

export function createContext(store: Store, config: Config, logger: Logger, now: () => Date = () => new Date()): AppContext {
  return {
    store,
    config,
    logger,
    now,
    calendars: new CalendarRegistry(store.db),
    workflows: new WorkflowRegistry(store.db),
  };
}
