// The impact of an event, off the request thread (issue #15). A GET reads the impact cached for
// the event's current inputs — a digest of the event's places and dates and of the nation's
// networks (they are immutable: imported or deleted, never edited, so id and creation time are
// their version). Missing, the computation is claimed in the database (one process computes it,
// even with several server instances) and runs in the background, its LPs on the shared analysis
// worker pool (src/analytics/disruption/lp-worker-pool.ts); the GET answers 'computing' at once
// and the page polls. A computation whose process died goes silent (no heartbeat) and is taken
// over by the next read after STALE_MS.
import { createHash } from 'node:crypto';
import { assessEventImpact, type NetworkImpact, type PartnerSupply } from '../../analytics/events/event-impact.js';
import type { SiteFacts } from '../../analytics/events/apply-answers.js';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import { eventDurationDays, type EventPlace } from '../../domain/events/event-model.js';
import { listNetworkModels } from '../../store/disruption-events.repository.js';
import { beatImpact, claimImpact, finishImpact, findImpactRow, listNetworkStamps, releaseImpact } from '../../store/event-requests.repository.js';
import type { AppContext } from '../context.js';
import { loadEventFacts } from './site-facts.js';

const HEARTBEAT_MS = 5_000;
export const IMPACT_STALE_MS = 30_000;
/** Threads of the shared LP pool an event impact uses: one, so a burst of event pages leaves cores to the API. */
const IMPACT_WORKERS = 1;
/** Bumped when the analysis changes, so impacts cached by an older version are computed again. */
const IMPACT_VERSION = 2;

export interface EventImpactView {
  /** computing: the page shows a spinner and asks again; ready: the analysis below; failed: `error`. */
  status: 'computing' | 'ready' | 'failed';
  computedAt: string | null;
  /** The event's duration from start to expected recovery (null: each struck site's own TTR). */
  durationDays: number | null;
  /** How many of the nation's networks were checked. */
  networksChecked: number;
  /** The networks the event strikes, each with its §4 analysis for exactly this disruption (empty while computing). */
  networks: NetworkImpact[];
  error: string | null;
}

/**
 * Which analysis of the event: as it stands (the companies' answers and the sites' statuses in
 * place), the no-action model (none of them: what the analysis said before anyone answered or
 * acted), or as it stands plus the parts the partner supplied (the after report).
 */
export type ImpactVariant = { kind: 'current' } | { kind: 'noAction' } | { kind: 'withSupply'; supply: readonly PartnerSupply[] };
const CURRENT: ImpactVariant = { kind: 'current' };

export interface ImpactEvent {
  id: string;
  nation: string;
  places: EventPlace[];
  startedAt: string;
  expectedRecoveryAt: string | null;
}

const running = new WeakMap<AppContext, Map<string, { controller: AbortController; done: Promise<void> }>>();
function runs(ctx: AppContext) {
  let map = running.get(ctx);
  if (!map) running.set(ctx, (map = new Map()));
  return map;
}

interface ImpactInputs {
  key: string;
  networksChecked: number;
  /** The companies' answers and the sites' statuses, which replace the modelled assumptions (site-facts.ts). */
  facts: SiteFacts;
}

async function inputsOf(ctx: AppContext, event: ImpactEvent, variant: ImpactVariant): Promise<ImpactInputs> {
  const [stamps, loaded] = await Promise.all([listNetworkStamps(ctx.store.db, event.nation), loadEventFacts(ctx.store.db, event.nation, { id: event.id, startedAt: event.startedAt })]);
  const facts: SiteFacts = variant.kind === 'noAction' ? new Map() : loaded.facts;
  // The current analysis keeps its key of before (its cache stays valid); a variant is another input.
  const variantKey = variant.kind === 'current' ? {} : { variant: variant.kind, supply: variant.kind === 'withSupply' ? variant.supply : [] };
  // An answer or a status change is a new input: the impact is computed again with it.
  const key = createHash('sha256')
    .update(JSON.stringify({ v: IMPACT_VERSION, places: event.places, startedAt: event.startedAt, expectedRecoveryAt: event.expectedRecoveryAt, networks: stamps.map((s) => [s.id, new Date(s.created_at).toISOString()]), facts: [...facts.entries()].sort(([a], [b]) => a.localeCompare(b)), ...variantKey }))
    .digest('hex');
  return { key, networksChecked: stamps.length, facts };
}

/** The event's impact as cached for its current inputs; starts its computation when there is none. Never runs an LP itself. */
export async function readEventImpact(ctx: AppContext, event: ImpactEvent, variant: ImpactVariant = CURRENT): Promise<EventImpactView> {
  const durationDays = eventDurationDays({ startedAt: event.startedAt, expectedRecoveryAt: event.expectedRecoveryAt });
  const { key, networksChecked, facts } = await inputsOf(ctx, event, variant);
  const base = { durationDays, networksChecked };
  let row = await findImpactRow(ctx.store.db, event.id, key);
  if (row?.status === 'done') return { ...base, status: 'ready', computedAt: row.finished_at!.toISOString(), networks: row.result as NetworkImpact[], error: null };
  const local = runs(ctx);
  const runKey = `${event.id}:${key}`;
  if (!local.has(runKey) && (await claimImpact(ctx.store.db, event.id, key, ctx.now(), new Date(Date.now() - IMPACT_STALE_MS)))) {
    start(ctx, event, key, durationDays, facts, variant.kind === 'withSupply' ? variant.supply : []);
    row = undefined;
  }
  if (row?.status === 'failed') return { ...base, status: 'failed', computedAt: row.finished_at?.toISOString() ?? null, networks: [], error: row.error };
  return { ...base, status: 'computing', computedAt: null, networks: [], error: null };
}

/** The finished impact for the event's current inputs, or null while it is computing or failed. */
export async function readyEventImpact(ctx: AppContext, event: ImpactEvent): Promise<NetworkImpact[] | null> {
  const view = await readEventImpact(ctx, event);
  return view.status === 'ready' ? view.networks : null;
}

function start(ctx: AppContext, event: ImpactEvent, key: string, durationDays: number | null, facts: SiteFacts, supply: readonly PartnerSupply[]): void {
  const controller = new AbortController();
  const runKey = `${event.id}:${key}`;
  const done = compute(ctx, event, key, durationDays, facts, supply, controller.signal)
    .catch((error: unknown) => ctx.logger.error({ err: error, eventId: event.id }, 'event impact failed to record its end'))
    .finally(() => runs(ctx).delete(runKey));
  runs(ctx).set(runKey, { controller, done });
}

const SHUTDOWN = 'shutdown';

async function compute(ctx: AppContext, event: ImpactEvent, key: string, durationDays: number | null, facts: SiteFacts, supply: readonly PartnerSupply[], signal: AbortSignal): Promise<void> {
  const db = ctx.store.db;
  // A beat that meets a database outage is skipped; the computation goes on.
  const timer = setInterval(() => void beatImpact(db, event.id, key, new Date()).catch(() => {}), HEARTBEAT_MS);
  timer.unref();
  try {
    const networks = await listNetworkModels(db, event.nation);
    const impacts = await assessEventImpact(
      { where: event.places, durationDays },
      networks.map((n) => ({ id: n.id, name: n.name, model: n.model as SupplyNetwork })),
      { signal, workers: IMPACT_WORKERS, facts, supply },
    );
    await finishImpact(db, event.id, key, { status: 'done', result: JSON.stringify(impacts), error: null, at: ctx.now() });
  } catch (error) {
    if (signal.aborted && signal.reason === SHUTDOWN) {
      // Left for the next process to compute at once, not after a silent spell.
      await releaseImpact(db, event.id, key);
      return;
    }
    ctx.logger.error({ err: error, eventId: event.id }, 'event impact failed');
    await finishImpact(db, event.id, key, { status: 'failed', result: null, error: 'the analysis failed; the error is in the server log', at: ctx.now() });
  } finally {
    clearInterval(timer);
  }
}

/** Waits for this process's impact computations to end (tests). */
export async function settleEventImpacts(ctx: AppContext): Promise<void> {
  await Promise.all([...runs(ctx).values()].map((r) => r.done));
}

/** On server shutdown: stops this process's computations and leaves them for the next start. */
export async function stopEventImpactsForShutdown(ctx: AppContext): Promise<void> {
  for (const run of runs(ctx).values()) run.controller.abort(SHUTDOWN);
  await settleEventImpacts(ctx);
}
