import { appendAudit, auditActionWritten } from '../../../store/audit.repository.js';
import { anyRequestExists } from '../../../store/seed/demo.repository.js';
import type { AppContext } from '../../context.js';
import { cocAcknowledged, cocCommitted, cocDeclinedByOne, cocRouted, cocSubmitted } from './coc-stories.js';
import { DemoClock } from './demo-clock.js';
import { DemoWorld, type DemoStory } from './demo-world.js';
import { dpasAtCommerce, dpasAtDod, dpasClosed, dpasDelivered, dpasInUsReview, dpasOrderPlaced, dpasOverdue, dpasReturned, dpasSubmitted } from './dpas-stories.js';
import { dpasInPerformance, dpasLate, dpasReplaced } from './dpas-order-stories.js';
import { deadlineScheduler } from './story-deadline-scheduler.js';
import { Timeline } from './timeline.js';

/** The stories of the demo's month. They run together on one clock, each step at its time. */
export const DEMO_STORIES: readonly DemoStory[] = [
  dpasSubmitted,
  dpasInUsReview,
  dpasReturned,
  dpasAtDod,
  dpasOverdue,
  dpasAtCommerce,
  dpasOrderPlaced,
  dpasInPerformance,
  dpasLate,
  dpasReplaced,
  dpasDelivered,
  dpasClosed,
  cocSubmitted,
  cocAcknowledged,
  cocRouted,
  cocCommitted,
  cocDeclinedByOne,
  deadlineScheduler,
];

/** The audit event that says a store has had its month of demo life: a second start finds it and adds nothing. */
export const DEMO_LIFE_ACTION = 'demo.life_seeded';

/** How many weekdays before today the month starts. */
const MONTH_IN_WORKING_DAYS = 23;

export interface DemoLifeResult {
  seeded: boolean;
  /** Why nothing was added, when nothing was. */
  skipped: string | null;
  stories: number;
  durationMs: number;
}

/**
 * A month of work on the demo data, ending now: requests in every state of both paths, rated
 * orders on the US suppliers' books, a flow-down tree, an SPA request, threads — each step taken
 * by the demo user whose step it is, through the services, on a clock that moves through the
 * month. So deadlines, escalations, notifications, order histories and the audit chain are those
 * the steps make. Once per store: a store that has it, or has requests of its own, is left alone.
 * The audit log records when each event was written (the seeding, today), the objects when
 * their steps happened in the demo's month.
 */
export async function seedDemoLife(base: AppContext, onProgress: (line: string) => void = () => {}): Promise<DemoLifeResult> {
  const started = Date.now();
  const db = base.store.db;
  if (await auditActionWritten(db, DEMO_LIFE_ACTION)) return { seeded: false, skipped: 'already seeded', stories: 0, durationMs: Date.now() - started };
  if (await anyRequestExists(db)) return { seeded: false, skipped: 'the store already has requests', stories: 0, durationMs: Date.now() - started };

  const end = base.now();
  const clock = new DemoClock(end, end);
  const start = clock.workingDaysAgo(MONTH_IN_WORKING_DAYS, '00:00');
  const month = new DemoClock(start, end);
  const ctx: AppContext = { ...base, now: month.now };
  const timeline = new Timeline(month);
  const world = await DemoWorld.load(ctx, month, timeline);
  let done = 0;
  await timeline.run(
    DEMO_STORIES,
    (story) => story.play(world),
    (story) => onProgress(`  [${++done}/${DEMO_STORIES.length}] ${story.name}`),
  );
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, { actorId: null, actor: 'demo', nation: null, action: DEMO_LIFE_ACTION, entityType: 'instance', entityId: 'demo-life', data: { from: start.toISOString(), to: end.toISOString(), stories: DEMO_STORIES.map((s) => s.name) } });
  });
  return { seeded: true, skipped: null, stories: DEMO_STORIES.length, durationMs: Date.now() - started };
}
