import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { readBasis } from '../../domain/access/request-visibility.js';
import type { WorkingCalendar } from '../../domain/calendar/index.js';
import { awaitedStepsFor } from '../../domain/workflows/next-step.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Tx } from '../../store/executor.js';
import { queueMail } from '../../store/mail-outbox.repository.js';
import { claimDigest, digestClaimed, listDigestSubscribers, listDueRequestDeadlines, listOrdersToDecide, listOwnActionItemsDue, recordDigestMail } from '../../store/notifications.repository.js';
import type { AppContext } from '../context.js';
import { loadAssignments } from '../requests/load-request.js';
import { startBackgroundLoop } from '../background-loop.js';

/** The digest goes out from this local hour, in the user's nation's time zone. */
export const DIGEST_HOUR = 7;
/** What is due up to the end of this many working days after today (the user's nation's calendar). */
export const DIGEST_WORKING_DAYS = 3;
/** At most this many request deadlines are looked at per user and day. */
const MAX_DEADLINES = 500;

interface DigestItem {
  dueAt: Date;
  text: string;
  link: string;
}

interface Subscriber {
  id: string;
  username: string;
  display_name: string;
  email: string;
  nation: string;
  roles: string[];
  organisation_id: string;
}

/**
 * Queues each subscriber's daily digest (issue #11: "a daily digest per user of what is due in
 * the next working days"), once per user and local day: the user's row in notification_digests
 * is the claim, written in the same transaction as the mail, so two server processes on one
 * PostgreSQL never queue it twice (the second insert waits for the first and then does nothing),
 * and a crash queues it again at the next tick. A day with nothing due sends nothing.
 */
export async function queueDailyDigests(ctx: AppContext): Promise<number> {
  if (!ctx.config.smtpUrl) return 0;
  const db = ctx.store.db;
  const subscribers = await listDigestSubscribers(db);
  let queued = 0;
  for (const user of subscribers as Subscriber[]) {
    const calendar = await ctx.calendars.get(user.nation);
    const local = DateTime.fromJSDate(ctx.now(), { zone: calendar.definition.timeZone });
    if (local.hour < DIGEST_HOUR) continue;
    const day = local.toISODate()!;
    if (await digestClaimed(db, user.id, day)) continue;
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await claimDigest(trx, user.id, day, ctx.now()))) return false;
      const items = await dueItemsFor(ctx, trx, user, calendar, day);
      if (items.length === 0) return false;
      const mailId = randomUUID();
      const mail = composeDigest(ctx, user, calendar, day, items);
      await queueMail(trx, { id: mailId, notification_id: null, user_id: user.id, to_address: user.email, subject: mail.subject, body: mail.body, created_at: ctx.now(), next_attempt_at: ctx.now() });
      await recordDigestMail(trx, user.id, day, items.length, mailId);
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}

/**
 * What waits on this user and is due by the end of the horizon (overdue included): request
 * deadlines of steps the user may take now (who may read and act is decided as for the
 * notifications), the company's rated orders to accept or reject, the user's action items.
 */
async function dueItemsFor(ctx: AppContext, trx: Tx, user: Subscriber, calendar: WorkingCalendar, today: string): Promise<DigestItem[]> {
  const zone = calendar.definition.timeZone;
  const horizon = DateTime.fromISO(calendar.addWorkingDays(today, DIGEST_WORKING_DAYS), { zone }).endOf('day').toJSDate();
  const actor: Actor = { userId: user.id, username: user.username, nation: user.nation, organisationId: user.organisation_id, roles: user.roles as Role[] };
  const items: DigestItem[] = [];

  const deadlines = await listDueRequestDeadlines(trx, user.nation, horizon, MAX_DEADLINES);
  for (const d of deadlines) {
    const assignments = await loadAssignments(trx, d.id);
    const parties = { fromNation: d.from_nation, toNation: d.to_nation, arrangementId: d.arrangement_id };
    if (readBasis(actor, parties, assignments) === null) continue;
    const def = await ctx.workflows.get(d.workflow_id, trx);
    const steps = awaitedStepsFor(def, { state: d.state, fromNation: d.from_nation, toNation: d.to_nation, supplierOrganisationId: d.supplier_organisation_id, assignments }, actor);
    if (steps.length === 0) continue;
    const labels = steps.map((s) => s.label).join(' or ');
    items.push({ dueAt: d.due_at, text: `${d.reference} “${d.title}”: ${labels}${labels === d.label ? '' : ` (${d.label})`}`, link: `/requests/${d.id}` });
  }

  if (actor.roles.includes('supplier')) {
    const orders = await listOrdersToDecide(trx, user.organisation_id, horizon);
    for (const o of orders) items.push({ dueAt: o.acceptance_due_at!, text: `Rated order ${o.order_number} (${o.rating}, ${o.customer}): accept or reject (15 CFR 700.13)`, link: '/orders' });
  }

  const actionItems = await listOwnActionItemsDue(trx, user.id, horizon);
  for (const a of actionItems) items.push({ dueAt: a.due_at, text: `Action item “${a.title}” (${a.group_name})`, link: `/working-groups/${a.group_id}` });

  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

function composeDigest(ctx: AppContext, user: Subscriber, calendar: WorkingCalendar, today: string, items: readonly DigestItem[]): { subject: string; body: string } {
  const zone = calendar.definition.timeZone;
  const place = `${zone.split('/').pop()!.replace(/_/g, ' ')} time`;
  const when = (d: Date) => `${DateTime.fromJSDate(d, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm')} (${place})`;
  const base = ctx.config.publicUrl ? ctx.config.publicUrl.replace(/\/+$/, '') : '';
  const now = ctx.now().getTime();
  const overdue = items.filter((i) => i.dueAt.getTime() <= now);
  const due = items.filter((i) => i.dueAt.getTime() > now);
  const until = DateTime.fromISO(calendar.addWorkingDays(today, DIGEST_WORKING_DAYS), { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy');
  const line = (i: DigestItem, verb: string) => `- ${i.text}\n  ${verb} ${when(i.dueAt)}\n  ${base}/#${i.link}`;
  const sections = [
    ...(overdue.length ? [`Overdue (${overdue.length})\n${overdue.map((i) => line(i, 'was due')).join('\n')}`] : []),
    ...(due.length ? [`Due by ${until} (${due.length})\n${due.map((i) => line(i, 'due')).join('\n')}`] : []),
  ];
  const n = items.length;
  return {
    subject: `[SOSA Desk] Due in the next ${DIGEST_WORKING_DAYS} working days: ${n} item${n === 1 ? '' : 's'}${overdue.length ? `, ${overdue.length} overdue` : ''}`,
    body: `Good morning, ${user.display_name}.\n\nWhat waits on you in SOSA Desk, counted in ${calendar.definition.nation} working days:\n\n${sections.join('\n\n')}\n\nYou receive this digest once a day because you chose it on the Notifications page of SOSA Desk.\n`,
  };
}

/** Runs the digest on the scheduler's interval; nothing runs without an SMTP server. */
export function startDigestScheduler(ctx: AppContext): () => Promise<void> {
  if (!ctx.config.smtpUrl) return async () => {};
  const loop = startBackgroundLoop(ctx, {
    name: 'daily digest',
    intervalMs: ctx.config.schedulerIntervalSeconds * 1000,
    round: async () => {
      const queued = await queueDailyDigests(ctx);
      if (queued > 0) ctx.logger.info({ queued }, 'daily digests queued');
    },
  });
  return loop.stop;
}
