import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { DateTime } from 'luxon';
import { readBasis } from '../../domain/access/request-visibility.js';
import type { WorkingCalendar } from '../../domain/calendar/index.js';
import { awaitedStepsFor } from '../../domain/workflows/next-step.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadAssignments } from '../requests/load-request.js';
import { loopHealth } from '../database-outage.js';

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
  const subscribers = await db
    .selectFrom('notification_preferences as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.nation', 'u.roles', 'u.organisation_id'])
    .where('p.daily_digest', '=', true)
    .where('p.email_digest', '<>', 'off')
    .where('u.active', '=', true)
    .where('u.email', 'is not', null)
    .execute();
  let queued = 0;
  for (const user of subscribers as Subscriber[]) {
    const calendar = await ctx.calendars.get(user.nation);
    const local = DateTime.fromJSDate(ctx.now(), { zone: calendar.definition.timeZone });
    if (local.hour < DIGEST_HOUR) continue;
    const day = local.toISODate()!;
    const done = await db.selectFrom('notification_digests').select('user_id').where('user_id', '=', user.id).where('digest_date', '=', day).executeTakeFirst();
    if (done) continue;
    const sent = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('notification_digests')
        .values({ user_id: user.id, digest_date: day, created_at: ctx.now(), items: 0, mail_id: null })
        .onConflict((oc) => oc.columns(['user_id', 'digest_date']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!claimed) return false;
      const items = await dueItemsFor(ctx, trx, user, calendar, day);
      if (items.length === 0) return false;
      const mailId = randomUUID();
      const mail = composeDigest(ctx, user, calendar, day, items);
      await trx.insertInto('mail_outbox').values({ id: mailId, notification_id: null, user_id: user.id, to_address: user.email, subject: mail.subject, body: mail.body, created_at: ctx.now(), next_attempt_at: ctx.now() }).execute();
      await trx.updateTable('notification_digests').set({ items: items.length, mail_id: mailId }).where('user_id', '=', user.id).where('digest_date', '=', day).execute();
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
async function dueItemsFor(ctx: AppContext, trx: Transaction<Database>, user: Subscriber, calendar: WorkingCalendar, today: string): Promise<DigestItem[]> {
  const zone = calendar.definition.timeZone;
  const horizon = DateTime.fromISO(calendar.addWorkingDays(today, DIGEST_WORKING_DAYS), { zone }).endOf('day').toJSDate();
  const actor: Actor = { userId: user.id, username: user.username, nation: user.nation, organisationId: user.organisation_id, roles: user.roles as Role[] };
  const items: DigestItem[] = [];

  const deadlines = await trx
    .selectFrom('deadlines')
    .innerJoin('requests', 'requests.id', 'deadlines.request_id')
    .select(['deadlines.label', 'deadlines.due_at', 'requests.id', 'requests.reference', 'requests.title', 'requests.state', 'requests.workflow_id', 'requests.from_nation', 'requests.to_nation', 'requests.arrangement_id', 'requests.supplier_organisation_id'])
    .where('deadlines.stopped_at', 'is', null)
    .where('deadlines.due_at', '<=', horizon)
    .where((eb) => eb.or([eb('requests.from_nation', '=', user.nation), eb('requests.to_nation', '=', user.nation)]))
    .orderBy('deadlines.due_at')
    .limit(MAX_DEADLINES)
    .execute();
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
    const orders = await trx
      .selectFrom('supplier_orders')
      .select(['order_number', 'customer', 'rating', 'acceptance_due_at'])
      .where('organisation_id', '=', user.organisation_id)
      .where('decision', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('request_id', 'is', null) // a SOSA request's order is listed by its request's deadline
      .where('acceptance_due_at', 'is not', null)
      .where('acceptance_due_at', '<=', horizon)
      .orderBy('acceptance_due_at')
      .execute();
    for (const o of orders) items.push({ dueAt: o.acceptance_due_at!, text: `Rated order ${o.order_number} (${o.rating}, ${o.customer}): accept or reject (15 CFR 700.13)`, link: '/orders' });
  }

  const actionItems = await trx
    .selectFrom('working_group_action_items as i')
    .innerJoin('working_group_members as m', 'm.id', 'i.owner_member_id')
    .innerJoin('working_groups as g', 'g.id', 'i.group_id')
    .select(['i.title', 'i.due_at', 'g.id as group_id', 'g.name as group_name'])
    .where('m.user_id', '=', user.id)
    .where('i.status', '=', 'open')
    .where('i.due_at', '<=', horizon)
    .execute();
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
export function startDigestScheduler(ctx: AppContext): () => void {
  if (!ctx.config.smtpUrl) return () => {};
  let running = false;
  const health = loopHealth(ctx, 'daily digest');
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const queued = await queueDailyDigests(ctx);
      health.succeeded();
      if (queued > 0) ctx.logger.info({ queued }, 'daily digests queued');
    } catch (error) {
      health.failed(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, ctx.config.schedulerIntervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
