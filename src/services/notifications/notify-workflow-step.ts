import { DateTime } from 'luxon';
import { SPA_ACTION_WORDS, SPA_STATUS_WORDS } from '../../contract/words.js';
import { isCompanyUser, readBasis } from '../../domain/access/request-visibility.js';
import type { NotificationKind } from '../../domain/channels/notification-preferences.js';
import { SPA_TRANSITIONS, spaPartiesOf, spaViewFor, type SpaParty, type SpaScope, type SpaStatus } from '../../domain/dpas/spa.js';
import { awaitedStepsFor, awaitedTransitions, isNewsForRequester } from '../../domain/workflows/next-step.js';
import type { Role, TransitionSpec, WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../domain/access/actor.js';
import { isTerminal, stateLabel, type AssignmentState, type RequestState } from '../../domain/workflows/workflow-engine.js';
import type { Tx } from '../../store/executor.js';
import {
  findDeskOrderToNotify,
  findMemberUserId,
  findWorkingGroupName,
  listActiveColleagueIds,
  listActiveUsersByRoleOrCompany,
  listActiveUsersByRoleOrCompanyNaming,
  listActiveUsersWithAnyRole,
  listAssignmentStatuses,
  nationNames,
} from '../../store/notification-recipients.repository.js';
import { findRequestToNotify } from '../../store/notifications.repository.js';
import type { RequestRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { PARTNER_COPY_READERS } from '../partner-copies/partner-copy-access.js';
import { notifyUsers, prepareNotices, writeNotices, type NotificationDraft, type PreparedNotice } from './notify.js';

/**
 * Every step tells the next person (issue #11): the one place where workflow steps — of requests,
 * rated orders on a supplier's desk, SPA requests and working-group action items — turn into
 * notifications. Each hook runs in the step's own transaction (a rollback tells nobody) and keys
 * each notification by the step, so a retry never tells anyone twice. Recipients are computed
 * from who may read the subject, and a body carries only what every recipient may see: no note
 * or reason text, no person's name, no company's name.
 *
 * On sovereign instances (issue #13) the same hooks run for the steps a peer's message brings,
 * in the inbox's transaction (a refused message rolls back and tells nobody), with `inbound`:
 * only this instance's nation is told — the peer's officials are told on their own instance —
 * and a step that reaches a copy of the peer's record (a request's partner copy) tells the
 * officials who read that copy, linking to its page. Keys come from the step as the peer
 * recorded it, so a message redelivered or the same record sent again tells nobody twice.
 */

/** A step applied from a peer's message: tell only `nation`'s users here. */
export interface Inbound {
  nation: string;
}

type Trx = Tx;

interface UserRow {
  id: string;
  username: string;
  nation: string;
  roles: string[];
  organisation_id: string;
}

const asActor = (u: UserRow): Actor => ({ userId: u.id, username: u.username, nation: u.nation, organisationId: u.organisation_id, roles: u.roles as Role[] });

/** The plan's recipients with their preferences, read in one statement for every draft (issue #14). */
function prepare(ctx: AppContext, trx: Trx, plan: Map<string, { draft: NotificationDraft; users: string[] }>): Promise<PreparedNotice[]> {
  return prepareNotices(ctx, trx, [...plan.values()].map(({ draft, users }) => ({ userIds: users, draft })));
}

async function send(ctx: AppContext, trx: Trx, plan: Map<string, { draft: NotificationDraft; users: string[] }>): Promise<void> {
  await writeNotices(ctx, trx, await prepare(ctx, trx, plan));
}

function add(plan: Map<string, { draft: NotificationDraft; users: string[] }>, userId: string, draft: NotificationDraft): void {
  const key = `${draft.kind}\u0000${draft.title}\u0000${draft.body}`;
  const entry = plan.get(key);
  if (entry) entry.users.push(userId);
  else plan.set(key, { draft, users: [userId] });
}

// ——— requests (every workflow: DPAS, Code of Conduct, any configured arrangement) ———

export interface RequestStep {
  def: WorkflowDefinition;
  request: Pick<RequestRow, 'id' | 'reference' | 'title' | 'from_nation' | 'to_nation' | 'arrangement_id'>;
  /** The step taken; null for the submission. */
  transition: TransitionSpec | null;
  from: string | null;
  to: string;
  assignmentsBefore: readonly AssignmentState[];
  assignmentsAfter: readonly AssignmentState[];
  supplierAfter: string | null;
  /** Who took the step: no user of this instance (null) for a request submitted on a peer's instance. */
  actor: { userId: string | null; nation: string };
  /** The step's request_events row (for a partner copy: the step as the holder recorded it): one notification per user per step. */
  eventId: string | number;
  /** Applied from a peer's message; with `partnerCopy`, to this nation's copy of the peer's request (read by PARTNER_COPY_READERS). */
  inbound?: Inbound & { partnerCopy: boolean };
}

const OPEN_OR_PERFORMING = new Set<AssignmentState['status']>(['pending', 'placed', 'accepted']);

/**
 * Tells, after one step of a request:
 * - whoever the request now waits on: the users who may take a step the new state waits for
 *   (next-step.ts, the engine's own guard decides: officials by role and nation, the company the
 *   order is placed with or the shortlisted companies);
 * - the requesting nation's SOSA officers of the news the issue names (returns, rejections,
 *   placements and acceptances, delays, deliveries, the end);
 * - when the request ends, both nations' SOSA officers and the companies that were working on it;
 * - on a report that leaves the state as it is (a delay), the officials who may act in it.
 * Never the actor; only users who may read the request afterwards (readBasis); an internal step
 * only the acting nation.
 */
export async function notifyRequestStep(ctx: AppContext, trx: Trx, step: RequestStep): Promise<void> {
  await writeNotices(ctx, trx, await prepareRequestStepNotices(ctx, trx, step));
}

/**
 * notifyRequestStep's reads and decisions, nothing written: a create prepares its notices before
 * the statement that takes its reference number (held to the commit), with stand-ins for the
 * reference and the event, and writes them after it (create-request.ts).
 */
export async function prepareRequestStepNotices(ctx: AppContext, trx: Trx, step: RequestStep): Promise<PreparedNotice[]> {
  const { def, request, transition: t, actor, inbound } = step;
  const parties = { fromNation: request.from_nation, toNation: request.to_nation, arrangementId: request.arrangement_id };
  const after: RequestState = { state: step.to, fromNation: request.from_nation, toNation: request.to_nation, supplierOrganisationId: step.supplierAfter, assignments: step.assignmentsAfter };
  const moved = step.from !== step.to;
  const ended = isTerminal(def, step.to);
  const news = t !== null && step.from !== null && isNewsForRequester(def, t, step.from, step.to);
  const internal = t?.visibility === 'internal';
  const workingBefore = new Set(step.assignmentsBefore.filter((a) => OPEN_OR_PERFORMING.has(a.status)).map((a) => a.organisationId));
  const orgs = [...new Set([...step.assignmentsAfter.map((a) => a.organisationId), ...workingBefore])];
  const roles = [...new Set(['sosa_officer', ...awaitedTransitions(def, step.to).flatMap((x) => x.roles)])];
  // A copy's company lines are the holder's companies, none of them a company here.
  // With the acting nation's name, which the notifications name: one statement (issue #14).
  const candidates = await listActiveUsersByRoleOrCompanyNaming(trx, inbound ? [inbound.nation] : [request.from_nation, request.to_nation], roles, inbound?.partnerCopy ? [] : orgs, actor.nation);
  const mayRead = (user: Actor) => (inbound?.partnerCopy ? user.roles.some((r) => PARTNER_COPY_READERS.includes(r)) : readBasis(user, parties, step.assignmentsAfter) !== null);

  const who = candidates[0]?.named_nation ?? actor.nation;
  const stepLabel = t?.label ?? 'Submitted';
  const now = stateLabel(def, step.to);
  const head = `“${request.title}”\n${t ? `${who}: ${stepLabel}.` : `Submitted by ${who}.`} Now: ${now}.`;
  const base = inbound?.partnerCopy
    ? { link: `/partner-copies/${request.id}`, subjectKind: 'partner_copy', subjectId: request.id, eventKey: `request-step:${step.eventId}` }
    : { link: `/requests/${request.id}`, subjectKind: 'request', subjectId: request.id, eventKey: `request-step:${step.eventId}` };
  const plan = new Map<string, { draft: NotificationDraft; users: string[] }>();

  for (const row of candidates) {
    const user = asActor(row);
    if (user.userId === actor.userId) continue;
    if (internal && user.nation !== actor.nation) continue;
    if (inbound && user.nation !== inbound.nation) continue;
    if (!mayRead(user)) continue;
    const company = isCompanyUser(user);
    const mine = awaitedStepsFor(def, after, user);
    if (mine.length && moved) {
      const was = step.assignmentsBefore.find((a) => a.organisationId === user.organisationId)?.status;
      const nowStatus = step.assignmentsAfter.find((a) => a.organisationId === user.organisationId)?.status;
      if (company && (nowStatus === 'pending' || nowStatus === 'placed') && was !== nowStatus) {
        const placed = nowStatus === 'placed';
        add(plan, user.userId, {
          ...base,
          kind: 'request_assigned',
          title: placed ? `Rated order to answer: ${request.reference}` : `Request put to your company: ${request.reference}`,
          body: `“${request.title}”\n${placed ? 'A rated order has been placed with your company; accept or reject it within the 15 CFR 700.13 limits.' : 'Your company is asked to commit to this request under the Code of Conduct, or to decline with a reason.'}`,
        });
      } else {
        const labels = mine.map((x) => x.label).join(' or ');
        add(plan, user.userId, { ...base, kind: 'request_waiting', title: `${request.reference} waits on you: ${labels}`, body: head });
      }
      continue;
    }
    const requester = user.nation === request.from_nation && user.roles.includes('sosa_officer');
    const endedFor = ended && (user.roles.includes('sosa_officer') || (company && workingBefore.has(user.organisationId)));
    const update = !moved && !company && mine.length > 0;
    if ((news && requester) || endedFor || update) {
      const title = moved ? `${request.reference}: ${now}` : `${request.reference}: ${stepLabel} (${who})`;
      add(plan, user.userId, { ...base, kind: 'request_update', title, body: ended ? `${head}\nNo further step is expected.` : head });
    }
  }
  return prepare(ctx, trx, plan);
}

// ——— calendars ———

/**
 * A deadline of `nation` was counted through years whose hand-kept holiday list is not loaded:
 * its admins are told, once per nation and year (issue #11.10).
 */
export async function notifyMissingHolidayList(ctx: AppContext, trx: Trx, nation: string, years: readonly number[]): Promise<void> {
  if (years.length === 0) return;
  const admins = await listActiveUsersWithAnyRole(trx, nation, ['admin']);
  if (admins.length === 0) return;
  const name = (await nationNames(trx, [nation])).get(nation) ?? nation;
  for (const year of years) {
    await notifyUsers(ctx, trx, admins.map((a) => a.id), {
      kind: 'calendar_missing',
      title: `${name}'s ${year} holiday list is not loaded`,
      body: `A deadline counted in ${name}'s working days runs into ${year}, for which no holiday is entered. Such deadlines are provisional until the ${year} list is loaded on the Admin → Calendar page; loading it recounts them.`,
      link: `/admin?tab=calendar&year=${year}`,
      subjectKind: 'calendar',
      subjectId: nation,
      eventKey: `holiday-list-missing:${nation}:${year}`,
    });
  }
}

// ——— rated orders on a supplier's desk ———

export interface RatedOrderDeskEvent {
  orderId: string;
  actor: Actor;
  /** change: a change that keeps the decision; new_rated_order: the decision is due again (700.16(c)); cancel. */
  kind: 'change' | 'new_rated_order' | 'cancel';
  /** The rule's explanation of the change (derived from the order's terms, never the free-text reasons). */
  explanation: string;
  /** The order_history row: one notification per user per change. */
  historyId: string;
}

/**
 * A change or cancellation recorded on an order of the desk tells the company's other users, and
 * — for the rated order of a SOSA request — the officials of the supplying nation who may read
 * that request and may act on it (the SOSA office that placed it).
 */
export async function notifyRatedOrderDesk(ctx: AppContext, trx: Trx, event: RatedOrderDeskEvent): Promise<void> {
  const order = await findDeskOrderToNotify(trx, event.orderId);
  const colleagues = await listActiveColleagueIds(trx, order.organisation_id, event.actor.userId);
  const zone = (await ctx.calendars.get(order.nation, trx)).definition.timeZone;
  const due = order.acceptance_due_at ? DateTime.fromJSDate(order.acceptance_due_at, { zone }).toFormat('d LLL yyyy') : null;
  const title =
    event.kind === 'cancel' ? `Rated order ${order.order_number} cancelled` : event.kind === 'new_rated_order' ? `Rated order ${order.order_number}: accept or reject again${due ? ` by ${due}` : ''}` : `Rated order ${order.order_number} changed`;
  const draft = { kind: 'rated_order_desk' as const, title, body: event.explanation, link: '/orders', subjectKind: 'supplier_order', subjectId: order.id, eventKey: `order-history:${event.historyId}` };
  await notifyUsers(ctx, trx, colleagues, draft);
  if (!order.request_id) return;
  const request = await findRequestToNotify(trx, order.request_id);
  const assignments = await listAssignmentStatuses(trx, request.id);
  const officials = await listActiveUsersWithAnyRole(trx, request.to_nation, ['sosa_officer']);
  const parties = { fromNation: request.from_nation, toNation: request.to_nation, arrangementId: request.arrangement_id };
  const readers = officials.filter((u) => readBasis(asActor(u), parties, assignments as AssignmentState[]) !== null);
  await notifyUsers(ctx, trx, readers.map((u) => u.id), { ...draft, title: `${request.reference}: ${title}`, link: `/requests/${request.id}`, subjectKind: 'request', subjectId: request.id });
}

/**
 * Orders imported into the book with a running 700.13 clock wait on the company's decision: its
 * other users are told how many, and the first due date.
 */
export async function notifyOrdersImported(ctx: AppContext, trx: Trx, event: { organisationId: string; actor: Actor; acceptanceDueAt: readonly Date[]; importId: string }): Promise<void> {
  if (event.acceptanceDueAt.length === 0) return;
  const colleagues = await listActiveColleagueIds(trx, event.organisationId, event.actor.userId);
  const zone = (await ctx.calendars.get(event.actor.nation, trx)).definition.timeZone;
  const first = DateTime.fromMillis(Math.min(...event.acceptanceDueAt.map((d) => d.getTime())), { zone }).toFormat('d LLL yyyy');
  const n = event.acceptanceDueAt.length;
  await notifyUsers(ctx, trx, colleagues, {
    kind: 'rated_order_desk',
    title: `${n} rated order${n === 1 ? '' : 's'} to accept or reject`,
    body: `Imported into the order book; 15 CFR 700.13 limits run from receipt. The first decision is due ${first}.`,
    link: '/orders',
    subjectKind: 'organisation',
    subjectId: event.organisationId,
    eventKey: `order-import:${event.importId}`,
  });
}

// ——— Special Priorities Assistance requests ———

const SPA_STATUS_LABEL: Readonly<Record<SpaStatus, string>> = SPA_STATUS_WORDS;
const SPA_ACTION_LABEL: Readonly<Record<string, string>> = SPA_ACTION_WORDS;
const SPA_CLOSED = new Set<SpaStatus>(['resolved', 'denied', 'withdrawn']);

export interface SpaStep {
  spa: { id: string; reference: string; organisation_id: string; nation: string };
  /** The SPA's scope after the step (status, forwarded, partner nations). */
  scope: SpaScope;
  actor: Actor;
  eventId: string | number;
  /** Applied from a peer's message (`spa.set`): this nation reads the partner view it holds. */
  inbound?: Inbound;
}

/**
 * An SPA request (15 CFR 700.50) moved: the party it now waits on is told (the reviewing office
 * after a submission, Commerce after a forward), the filing company learns every step others
 * take, and its end reaches everyone who saw it — a partner nation's SOSA officers in their
 * partner view. Recipients are those spaViewFor lets read it; bodies carry status only.
 */
export async function notifySpaStep(ctx: AppContext, trx: Trx, step: SpaStep): Promise<void> {
  const { spa, scope, actor } = step;
  if (scope.status === 'draft') return;
  const actorParties = new Set(spaPartiesOf(actor, scope));
  const next = SPA_TRANSITIONS.filter((x) => x.from.includes(scope.status) && x.action !== 'withdraw' && !actorParties.has(x.by));
  const closed = SPA_CLOSED.has(scope.status);
  const nations = step.inbound ? [step.inbound.nation] : [spa.nation, ...scope.partnerNations];
  const candidates = await listActiveUsersByRoleOrCompany(trx, nations, ['sosa_officer', 'program_determination', 'rating_authority'], step.inbound ? [] : [spa.organisation_id]);
  const status = SPA_STATUS_LABEL[scope.status];
  const base = { kind: 'spa_request' as const, link: `/spa/${spa.id}`, subjectKind: 'spa_request', subjectId: spa.id, eventKey: `spa-step:${step.eventId}` };
  const body = `Special Priorities Assistance request (15 CFR 700.50): ${status.toLowerCase()}.`;
  const plan = new Map<string, { draft: NotificationDraft; users: string[] }>();
  for (const row of candidates) {
    const user = asActor(row);
    if (user.userId === actor.userId) continue;
    const view = spaViewFor(user, scope);
    if (!view) continue;
    const parties = new Set<SpaParty>(spaPartiesOf(user, scope));
    const turn = next.filter((x) => parties.has(x.by));
    if (turn.length && view === 'full') {
      add(plan, user.userId, { ...base, title: `${spa.reference} waits on you: ${[...new Set(turn.map((x) => SPA_ACTION_LABEL[x.action]))].join(' or ')}`, body });
    } else if (parties.has('filer') || closed) {
      add(plan, user.userId, { ...base, title: `${spa.reference}: ${status}`, body });
    }
  }
  await send(ctx, trx, plan);
}

// ——— working-group action items ———

export interface ActionItemEvent {
  item: { id: string; group_id: string; title: string; owner_member_id: string; owner_nation: string; due_date: string; status: string };
  kind: 'assigned' | 'status' | 'escalated';
  /** null: the scheduler. */
  actor: Actor | null;
  /** Distinguishes repeated events of one item (a status set at a time, an escalation). */
  at: Date;
  /**
   * Applied from a peer's message (`working_group.set`) to this instance's copy of the group: its
   * members are no accounts here, so the caller names the owner's account (or null), only items
   * of this nation's members tell anyone, and the key is the peer's version of the group.
   */
  inbound?: Inbound & { owner: string | null; eventKey: string };
}

/**
 * An action item waits on its owner: the owner (a member who is a user) is told when it is
 * assigned, when someone else closes or reopens it, and when it is overdue — then also the SOSA
 * officers of the owner's nation, to whom the scheduler escalates it. All of them may read the
 * group (members and the SOSA officers of its nations do).
 */
export async function notifyActionItem(ctx: AppContext, trx: Trx, event: ActionItemEvent): Promise<void> {
  const { item, inbound } = event;
  if (inbound && item.owner_nation !== inbound.nation) return;
  const group = await findWorkingGroupName(trx, item.group_id);
  const owner = inbound ? inbound.owner : await findMemberUserId(trx, item.owner_member_id);
  const users = owner ? [owner] : [];
  if (event.kind === 'escalated') {
    const officers = await listActiveUsersWithAnyRole(trx, item.owner_nation, ['sosa_officer']);
    users.push(...officers.map((o) => o.id));
  }
  const recipients = users.filter((id) => id !== event.actor?.userId);
  const status = item.status === 'open' ? 'reopened' : item.status === 'done' ? 'done' : 'cancelled';
  const title =
    event.kind === 'assigned' ? `Action item for you: ${item.title}` : event.kind === 'escalated' ? `Overdue action item: ${item.title}` : `Action item ${status}: ${item.title}`;
  const kind: NotificationKind = 'action_item';
  const nation = (await nationNames(trx, [item.owner_nation])).get(item.owner_nation) ?? item.owner_nation;
  const due = DateTime.fromISO(item.due_date).setLocale('en-GB').toFormat('ccc d LLL yyyy');
  await notifyUsers(ctx, trx, recipients, {
    kind,
    title,
    body: `${group.name}\nDue ${due}, counted in ${nation}'s working days.`,
    link: `/working-groups/${group.id}`,
    subjectKind: 'working_group',
    subjectId: group.id,
    eventKey: inbound?.eventKey ?? `action-item:${item.id}:${event.kind}:${event.at.toISOString()}`,
  });
}
