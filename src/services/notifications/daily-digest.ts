import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { readBasis } from '../../domain/access/request-visibility.js';
import type { WorkingCalendar } from '../../domain/calendar/index.js';
import { awaitedStepsFor, awaitedTransitions } from '../../domain/workflows/next-step.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Tx } from '../../store/executor.js';
import { queueMail } from '../../store/mail-outbox.repository.js';
import { claimDigest, digestClaimed, listCopiedActionItemsDue, listDigestSubscribers, listDueRequestDeadlines, listOrdersToDecide, listOwnActionItemsDue, recordDigestMail } from '../../store/notifications.repository.js';
import { findOfficialByEmail, nationNames } from '../../store/notification-recipients.repository.js';
import { findStepSent, listCopiesOfRequestsFrom } from '../../store/partner-copies.repository.js';
import { readPartnerCopyBody } from '../../domain/federation/partner-copy.js';
import type { AppContext } from '../context.js';
import { loadAssignments } from '../requests/load-request.js';
import { startBackgroundLoop } from '../background-loop.js';
import { copyAsRequestState, knownWorkflow, takesStepsOnCopy, whyNoStepNow } from '../partner-copies/copy-steps.js';
import { holdsCopiesFor, PARTNER_COPY_READERS } from '../partner-copies/partner-copy-access.js';

/** The digest goes out from this local hour, in the user's nation's time zone. */
export const DIGEST_HOUR = 7;
/** What is due up to the end of this many working days after today (the user's nation's calendar). */
export const DIGEST_WORKING_DAYS = 3;
/** At most this many request deadlines are looked at per user and day. */
const MAX_DEADLINES = 500;
/** At most this many partner copies are looked at per user and day. */
const MAX_COPIES = 500;

interface DigestItem {
  dueAt: Date;
  text: string;
  link: string;
}

/** A partner's request whose copy is here and that waits on the user: no deadline crosses, so it is listed with the time it has waited since. */
interface WaitingItem {
  since: Date;
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
  // A sovereign instance digests only its own nation's accounts, as it notifies only them (notify.ts):
  // the partner's officials get theirs from their own instance, which lists what waits on them here.
  const subscribers = await listDigestSubscribers(db, ctx.config.nation);
  // Read before any digest's transaction: the registry reads through the store's own connection.
  const awaiting = ctx.config.nation ? await statesAwaitingTheRequester(ctx) : [];
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
      const waiting = await partnerCopiesWaitingOn(ctx, trx, user, awaiting);
      if (items.length === 0 && waiting.length === 0) return false;
      const mailId = randomUUID();
      const mail = composeDigest(ctx, user, calendar, day, items, waiting);
      await queueMail(trx, { id: mailId, notification_id: null, user_id: user.id, to_address: user.email, subject: mail.subject, body: mail.body, created_at: ctx.now(), next_attempt_at: ctx.now() });
      await recordDigestMail(trx, user.id, day, items.length + waiting.length, mailId);
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}

/**
 * What waits on this user and is due by the end of the horizon (overdue included): request
 * deadlines of steps the user may take now (who may read and act is decided as for the
 * notifications), the company's rated orders to accept or reject, the user's action items — in
 * this instance's groups as a member, and on a sovereign instance in its copies of peers' groups
 * (below).
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
  items.push(...(await copiedActionItemsDue(ctx, trx, user, horizon)));

  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Sovereign instances (issue #13): the action items of this nation's members in a peer's working
 * group, whose copy is here. A member of a peer's group is no account here: as the items'
 * notifications do (apply-working-group-set.ts), the item is the user's when the member's address
 * is theirs and they are the one official of the nation (a SOSA officer or auditor, who read the
 * copy) with that address. Due as the holder counted it, in the owner's working days; the link
 * opens the copy of the group.
 */
async function copiedActionItemsDue(ctx: AppContext, trx: Tx, user: Subscriber, horizon: Date): Promise<DigestItem[]> {
  if (!ctx.config.nation || user.nation !== ctx.config.nation) return [];
  const items = await listCopiedActionItemsDue(trx, user.nation, user.email, horizon);
  if (items.length === 0 || (await findOfficialByEmail(trx, user.nation, user.email)) !== user.id) return [];
  const names = await nationNames(trx, items.map((a) => a.held_by!));
  return items.map((a) => ({ dueAt: a.due_at, text: `Action item “${a.title}” (${a.group_name}, kept by ${names.get(a.held_by!) ?? a.held_by})`, link: `/working-groups/${a.group_id}` }));
}

type AwaitingStates = Array<{ workflowId: string; states: string[] }>;

/** The states in which each workflow awaits a step of the requesting side: only copies in those can wait on this nation. */
async function statesAwaitingTheRequester(ctx: AppContext): Promise<AwaitingStates> {
  return (await ctx.workflows.all()).map((def) => ({ workflowId: def.id, states: def.states.filter((st) => awaitedTransitions(def, st.id).some((t) => t.side === 'requesting')).map((st) => st.id) }));
}

/**
 * Sovereign instances (issue #13): the requests this nation made that its peers hold, whose copy is
 * here, and that now wait on this user — a step of the requesting side the workflow awaits in the
 * copy's state (a resubmission after a return, a receipt to confirm), which the user may take on
 * the copy (copy-steps.ts: this nation's copy, the engine's guard on role and nation) and could
 * send now (no step already on its way, the holder still a peer). The holder counts no deadline
 * for these and none crosses, so each is listed with the time it has waited since (the holder's
 * step that brought the copy to its state), linking to the copy's page.
 */
async function partnerCopiesWaitingOn(ctx: AppContext, trx: Tx, user: Subscriber, awaiting: AwaitingStates): Promise<WaitingItem[]> {
  const actor: Actor = { userId: user.id, username: user.username, nation: user.nation, organisationId: user.organisation_id, roles: user.roles as Role[] };
  if (!ctx.config.nation || !holdsCopiesFor(ctx, actor) || !actor.roles.some((r) => PARTNER_COPY_READERS.includes(r))) return [];
  const rows = await listCopiesOfRequestsFrom(trx, user.nation, awaiting, MAX_COPIES);
  const out: WaitingItem[] = [];
  const names = await nationNames(trx, rows.map((r) => r.peerNation));
  for (const row of rows) {
    const copy = readPartnerCopyBody(row.body);
    if (!copy || !takesStepsOnCopy(actor, copy.request)) continue;
    const r = copy.request;
    const def = await knownWorkflow(ctx, r.workflowId, trx);
    if (!def) continue;
    const steps = awaitedStepsFor(def, copyAsRequestState(r), actor);
    if (steps.length === 0) continue;
    if (await whyNoStepNow(ctx, trx, row, r, await findStepSent(trx, row.peerNation, row.requestId))) continue;
    const arrived = copy.history.filter((e) => e.toState === r.state).map((e) => Date.parse(e.at)).filter((t) => Number.isFinite(t));
    const since = arrived.length ? new Date(Math.max(...arrived)) : row.updatedAt;
    const holder = names.get(row.peerNation) ?? row.peerNation;
    out.push({ since, text: `${r.reference || r.id} “${r.title}” (held by ${holder}): ${steps.map((t) => t.label).join(' or ')}`, link: `/partner-copies/${row.requestId}` });
  }
  return out.sort((a, b) => a.since.getTime() - b.since.getTime());
}

function composeDigest(ctx: AppContext, user: Subscriber, calendar: WorkingCalendar, today: string, items: readonly DigestItem[], waiting: readonly WaitingItem[]): { subject: string; body: string } {
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
    ...(waiting.length
      ? [`Waiting on you in partners' requests (${waiting.length}; the partner holds the request and counts no deadline here)\n${waiting.map((i) => `- ${i.text}\n  waiting since ${when(i.since)}\n  ${base}/#${i.link}`).join('\n')}`]
      : []),
  ];
  const n = items.length;
  const w = waiting.length;
  const partners = `${w} partner request${w === 1 ? '' : 's'} waiting on you`;
  const dueWords = `Due in the next ${DIGEST_WORKING_DAYS} working days: ${n} item${n === 1 ? '' : 's'}${overdue.length ? `, ${overdue.length} overdue` : ''}`;
  return {
    subject: `[SOSA Desk] ${n === 0 ? partners : w === 0 ? dueWords : `${dueWords}; ${partners}`}`,
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
