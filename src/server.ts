import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config.js';
import { createApp } from './http/app.js';
import { createMetricsApp } from './http/metrics.js';
import { createLogger } from './logger.js';
import { createContext, type AppContext } from './services/context.js';
import { startAuditSequencer } from './services/audit/audit-sequencer.js';
import { startMessageSender } from './services/federation/message-sender.js';
import { startFileFetcher } from './services/federation/file-fetcher.js';
import { startAuditCheckpointLoop } from './services/audit/checkpoint-loop.js';
import { startDeadlineScheduler } from './services/deadlines/escalate-overdue-deadlines.js';
import { seedDemoOrderBook } from './services/reference/seed-demo-orders.js';
import { startMailSender } from './services/notifications/mail-sender.js';
import { startRequestCountCompactor } from './services/requests/request-count-compactor.js';
import { startDigestScheduler } from './services/notifications/daily-digest.js';
import { recoverAnalysesAtStart, stopRunsForShutdown } from './services/networks/analysis-runner.js';
import { stopEventImpactsForShutdown } from './services/events/event-impact-runner.js';
import { resolveDemoPassword, type DemoPassword } from './services/reference/demo-password.js';
import { seedDemoData, type DemoSeedResult } from './services/reference/seed-demo-data.js';
import { seedDemoLife } from './services/reference/demo-life/index.js';
import { seedPartnershipDemoData } from './services/reference/seed-partnership-demo.js';
import { shareDemoWithPeers } from './services/federation/share-existing-with-peer.js';
import { seedReferenceData } from './services/reference/seed-reference-data.js';
import { closeLpWorkerPools } from './analytics/disruption/index.js';
import { openStore } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';

export interface StartOptions {
  port?: number;
  host?: string;
  demo?: boolean;
  demoPassword?: string;
  /**
   * With `demo`: also a month of demo life (requests in every state, order books, notifications),
   * once per store. The CLI's --demo asks for it; tests start from the demo users only unless they ask.
   */
  demoLife?: boolean;
  /**
   * With `demo` on a sovereign instance (config.nation, issue #13): only the shared demo records
   * this nation keeps, sent to its peers on the first start; the partner's arrive as messages, so
   * neither instance holds an unlinked second copy (`sosa demo federation`).
   */
  demoOwnNation?: boolean;
  /** A line per demo-life story as it is seeded. */
  onDemoProgress?: (line: string) => void;
  databaseUrl?: string;
  /** Embedded data folder; omitted (and no databaseUrl) → an in-memory embedded database. */
  dataDir?: string;
  /**
   * The in-memory embedded store starts as a copy of this PGlite image (a migrated one: the
   * browser tests, which otherwise paid PGlite's initdb, 7–8 s of CPU, in each of their files).
   */
  loadDataDir?: Blob;
  log?: boolean;
  scheduler?: boolean;
  now?: () => Date;
  config?: Partial<Config>;
}

/** The demo users' seeding, and where their password came from (printed at start). */
export type DemoStart = DemoSeedResult & Pick<DemoPassword, 'source' | 'file'>;

export interface RunningServer {
  url: string;
  ctx: AppContext;
  demo: DemoStart | null;
  close(): Promise<void>;
}

/** Opens the store (migrating it), seeds reference (and demo) data, and builds the context. */
export async function openContext(options: StartOptions): Promise<{ ctx: AppContext; demo: DemoStart | null }> {
  const config: Config = { ...loadConfig(), ...options.config };
  if (options.databaseUrl !== undefined) config.databaseUrl = options.databaseUrl;
  const logger = createLogger(options.log === false ? 'silent' : config.logLevel);
  let lastLostLog = 0;
  const onConnectionLost = (error: Error & { code?: string }) => {
    // One line per outage, not one per pooled connection (never the error object: pg-pool hangs
    // the client, with its connection parameters, on it).
    if (Date.now() - lastLostLog < 10_000) return;
    lastLostLog = Date.now();
    logger.warn({ code: error.code, reason: error.message }, 'PostgreSQL connection lost: requests get 503 until it is back');
  };
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: options.dataDir ?? (options.databaseUrl || config.databaseUrl ? undefined : 'memory://'), lock: true, onConnectionLost, loadDataDir: options.loadDataDir });
  try {
    await migrateToLatest(store.db);
    await seedReferenceData(store.db);
    // An embedded data folder keeps its demo password, so a restart does not change it.
    const dataDir = store.kind === 'pglite' && store.location !== 'memory://' ? store.location : undefined;
    const password = options.demo ? resolveDemoPassword({ chosen: options.demoPassword ?? config.demoPassword, dataDir }) : null;
    const ownNation = options.demoOwnNation ? config.nation : undefined;
    const demo = password ? { ...(await seedDemoData(store.db, password.password, ownNation)), source: password.source, file: password.file } : null;
    const ctx = createContext(store, config, logger, options.now);
    if (options.demo) await seedDemoOrderBook(store.db, ctx.now());
    // Demo records of the partnership desk (not in seedDemoData: API tests start from users only).
    if (options.demo) await seedPartnershipDemoData(store.db, ctx.now(), ownNation);
    // A sovereign demo instance (`sosa demo federation`) seeds only what its nation keeps; on its
    // first start its peers are sent that as at peering (the demo is peered before it is seeded).
    if (demo?.created && ownNation) await shareDemoWithPeers(ctx);
    if (options.demo && options.demoLife) {
      const life = await seedDemoLife(ctx, options.onDemoProgress);
      options.onDemoProgress?.(life.seeded ? `Demo life: ${life.stories} stories of the last month seeded in ${(life.durationMs / 1000).toFixed(1)} s.` : `Demo life: ${life.skipped}; nothing added.`);
    }
    return { ctx, demo };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  // Before the store opens, so the migrations' and seeds' queries could be traced too (they are
  // not: no request span is active then). Loaded only when configured.
  const config = { ...loadConfig(), ...options.config };
  const tracing = config.tracing ? (await import('./telemetry/tracing.js')).startTracing(config.tracing, { nation: config.nation }) : null;
  let ctx: AppContext;
  let demo: DemoStart | null;
  try {
    ({ ctx, demo } = await openContext(options));
  } catch (error) {
    await tracing?.shutdown();
    throw error;
  }
  // Network analyses that were running when the last server stopped will never finish: say so.
  const interrupted = await recoverAnalysesAtStart(ctx);
  if (interrupted > 0) ctx.logger.warn({ interrupted }, 'network analyses interrupted by the last stop marked failed');
  // Issue #14: on PostgreSQL scenario runs are jobs of a queue, which this process also works
  // (SOSA_WORKERS slots; 0: it only queues them for `sosa worker` processes).
  if (ctx.store.kind === 'postgres') {
    const { startAnalysisQueue } = await import('./services/networks/analysis-jobs.js');
    ctx.analysisQueue = await startAnalysisQueue(ctx, { slots: ctx.config.workers });
  }
  const app = createApp(ctx);
  // Not one of the optional schedulers: without it the audit events of the changes wait unchained.
  const sequencer = startAuditSequencer(ctx);
  // Nor is this one: without it the changes' count rows, which every dashboard sums, only grow.
  const stopCompactor = startRequestCountCompactor(ctx);
  // Sovereign instances (issue #13): the outbox is delivered to the peers from the server process.
  const sender = ctx.config.nation ? startMessageSender(ctx, { backoff: { firstMs: 1_000, capMs: ctx.config.federationRetryMaxSeconds * 1_000 }, attemptTimeoutMs: ctx.config.federationAttemptTimeoutSeconds * 1_000 }) : null;
  // Its own loop, so a slow file (minutes on a slow link) never holds back a message.
  const fileFetcher = ctx.config.nation ? startFileFetcher(ctx, { backoff: { firstMs: 1_000, capMs: ctx.config.federationRetryMaxSeconds * 1_000 } }) : null;
  const none = async () => {};
  // The peers hold signed checkpoints of this chain, so it cannot be rewritten unseen (issue #13).
  const stopCheckpoints = ctx.config.nation ? startAuditCheckpointLoop(ctx) : none;
  const stopScheduler = options.scheduler === false ? none : startDeadlineScheduler(ctx);
  const stopMail = options.scheduler === false ? none : startMailSender(ctx);
  const stopDigest = options.scheduler === false ? none : startDigestScheduler(ctx);
  const host = options.host ?? ctx.config.host;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? ctx.config.port, hostname: host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  // The metrics' own listener is loopback only: whoever can reach it is on this machine.
  const metricsServer: ServerType | null = ctx.config.metricsPort
    ? await new Promise((resolve) => {
        const s = serve({ fetch: createMetricsApp(ctx).fetch, port: ctx.config.metricsPort!, hostname: '127.0.0.1' }, () => resolve(s));
      })
    : null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ctx,
    demo,
    async close() {
      // Graceful stop (issue #16): stop accepting connections; let the requests in flight finish,
      // for at most the grace period, then cut what is left; the background loops finish their
      // tick and claim nothing more; the sequencer chains every event still queued; the store closes.
      const http = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() ends the idle keep-alive connections once; a connection whose request finishes
      // later would stay open until its keep-alive timeout: end those as they fall idle.
      const idle = setInterval(() => http.closeIdleConnections?.(), 100);
      const grace = setTimeout(() => {
        ctx.logger.warn({ graceSeconds: ctx.config.shutdownGraceSeconds }, 'requests still running at the end of the shutdown grace period: connections closed');
        http.closeAllConnections?.();
      }, ctx.config.shutdownGraceSeconds * 1000);
      grace.unref();
      await Promise.all([stopScheduler(), stopMail(), stopDigest(), stopCheckpoints(), sender?.stop(), fileFetcher?.stop()]);
      await drained;
      clearTimeout(grace);
      clearInterval(idle);
      if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      // Jobs worked here stop and fail: another worker (or this server's next start) retries them.
      await ctx.analysisQueue?.stop();
      await stopRunsForShutdown(ctx);
      await stopEventImpactsForShutdown(ctx);
      await stopCompactor();
      await sequencer.stop();
      // The LP threads are the process'; the runs that used them have just stopped.
      await closeLpWorkerPools();
      await ctx.store.close();
      // Last: the spans of the requests that finished during the shutdown are exported too.
      await tracing?.shutdown();
    },
  };
}
