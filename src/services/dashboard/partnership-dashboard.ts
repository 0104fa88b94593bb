import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../domain/access/actor.js';
import { computeBalances } from '../../domain/partnership/logistics-ledger.js';
import { formatMinor } from '../../domain/partnership/money.js';
import { daysUntil } from '../../domain/partnership/posting-overlap.js';
import { stateLabel } from '../../domain/workflows/workflow-engine.js';
import { readDashboardRows } from '../../store/dashboard.repository.js';
import type { LogisticsOrderRow } from '../../store/logistics.repository.js';
import { todayIn } from '../calendars/today-in.js';
import { registryReadScope } from '../code-of-conduct/subscription-view.js';
import type { AppContext } from '../context.js';
import { presentOrder } from '../partnership/logistics/present-logistics.js';
import { viewerOf } from '../partnership/working-groups/working-group-access.js';
import { requestReader } from '../requests/list-requests.js';
import { listSpaRequests } from '../spa/list-spa-requests.js';

/**
 * The partnership dashboard (issue #5): counts and overdue items of every register, for the
 * officials of a nation. Each figure counts the rows of the register's list route, by the same
 * conditions and with the same roles, so a user never counts a record it could not list
 * (DESIGN.md, sovereignty rule): a section the user may not list is null, not zero. The counts
 * are aggregates of one statement (store/dashboard.repository.ts, issue #14); the route test
 * compares each figure with its list route. SPA requests are counted through their list (their
 * visibility rule is applied in code row by row).
 */

/** Who sees the dashboard: the officials of a nation (a company has its own desk). */
export const DASHBOARD_ROLES: readonly Role[] = ['sosa_officer', 'auditor', 'program_determination', 'rating_authority', 'admin', 'analyst'];

/** The roles of each register's list route (kept equal to the routes' access; the access matrix checks it). */
const LEDGER_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
const POSTING_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
const PROGRAM_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
const COC_READERS: readonly Role[] = ['sosa_officer', 'auditor', 'admin'];
const SPA_READERS: readonly Role[] = ['sosa_officer', 'program_determination', 'rating_authority', 'auditor'];

const ENDING_WITHIN_DAYS = 60;
const OVERDUE_LIST_LIMIT = 20;

/** The ISO date `days` after `date` (the liaison list's "ending within N days" window). */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const holds = (actor: Actor, roles: readonly Role[]) => roles.some((r) => actor.roles.includes(r));

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export interface OverdueEntry {
  kind: 'deadline' | 'action_item' | 'settlement';
  /** The register page to open (a web route). */
  link: string;
  reference: string;
  title: string;
  detail: string;
  dueAt: string;
}

function logisticsFigures(rows: readonly LogisticsOrderRow[], now: Date) {
  const { gross, net } = computeBalances(rows.map((r) => ({ supplyingNation: r.supplying_nation, receivingNation: r.receiving_nation, currency: r.currency, amountMinor: r.amount_minor, settledMinor: r.settled_minor, claimedMinor: r.claimed_minor, settleBy: r.settle_by })));
  const overdue = rows.map((r) => presentOrder(r, now)).filter((o) => o.overdue);
  return {
    // Every unsettled order is open (the ledger's "open" status filter is the same condition).
    openOrders: rows.length,
    /** Open amounts per currency and direction (who owes whom), as the balances route answers them. */
    balances: gross.map((d) => ({ ...d, amount: formatMinor(d.openMinor, d.currency), claimed: formatMinor(d.claimedMinor, d.currency) })),
    net: net.map((d) => ({ ...d, amount: formatMinor(d.netMinor, d.currency) })),
    overdue: overdue.length,
    overdueSettlements: overdue.slice(0, OVERDUE_LIST_LIMIT).map(
      (o): OverdueEntry => ({ kind: 'settlement', link: '#/logistics', reference: o.reference, title: o.description, detail: `${o.open} ${o.currency} open, ${o.receivingNation} owes ${o.supplyingNation}`, dueAt: `${o.settleBy}T00:00:00.000Z` }),
    ),
  };
}

async function spaFigures(ctx: AppContext, actor: Actor) {
  // The SPA list's rule is applied row by row in code (spaViewFor over each request's partner nations): counted through the list itself.
  const items = await listSpaRequests(ctx, { actor });
  return { total: items.length, byStatus: countBy(items, (i) => i.status) };
}

const iso = (value: string) => new Date(value).toISOString();

export async function partnershipDashboard(ctx: AppContext, actor: Actor) {
  const now = ctx.now();
  const workflows = await ctx.workflows.all();
  const terminal = [...new Set(workflows.flatMap((w) => w.states.filter((s) => s.terminal).map((s) => s.id)))];
  const label = (state: string) => {
    const def = workflows.find((w) => w.states.some((s) => s.id === state));
    return def ? stateLabel(def, state) : state;
  };
  const today = holds(actor, POSTING_READERS) ? await todayIn(ctx, actor.nation) : null;
  const registry = registryReadScope(actor);
  // Every register but SPA in one statement (issue #14); a register the caller may not list is not asked for.
  const [rows, spa] = await Promise.all([
    readDashboardRows(ctx.store.db, {
      reader: requestReader(actor),
      terminalStates: terminal,
      userId: actor.userId,
      actionItems: { ...viewerOf(actor), now },
      overdueListLimit: OVERDUE_LIST_LIMIT,
      ...(holds(actor, LEDGER_READERS) ? { logistics: { nation: actor.nation } } : {}),
      ...(today !== null ? { liaison: { nation: actor.nation, today, endingUntil: addDays(today, ENDING_WITHIN_DAYS), endingSoonLimit: 5 } } : {}),
      ...(holds(actor, COC_READERS) ? { codeOfConduct: { nation: actor.nation, organisationId: registry.organisationId } } : {}),
      ...(holds(actor, PROGRAM_READERS) ? { programs: { nation: actor.nation, nextMilestonesLimit: 5 } } : {}),
    }),
    holds(actor, SPA_READERS) ? spaFigures(ctx, actor) : null,
  ]);

  const byState = rows.open_by_state
    .map((r) => ({ state: r.state, label: label(r.state), total: Number(r.n), incoming: Number(r.incoming), outgoing: Number(r.outgoing) }))
    .sort((a, b) => b.total - a.total || a.state.localeCompare(b.state));
  // The overdue deadlines themselves: running, marked overdue by the scheduler, of visible requests.
  const overdueDeadlines = rows.overdue_deadlines.map(
    (d): OverdueEntry => ({ kind: 'deadline', link: `#/requests/${d.id}`, reference: d.reference, title: d.title, detail: `${d.label} (${d.nation})`, dueAt: iso(d.due_at) }),
  );
  const overdueItems = rows.overdue_action_items.map(
    (i): OverdueEntry => ({ kind: 'action_item', link: `#/working-groups/${i.group_id}`, reference: i.group_name ?? '', title: i.title, detail: `${i.owner_name ?? ''} (${i.owner_nation})${i.overdue_at ? ', escalated' : ''}`, dueAt: iso(i.due_at) }),
  );
  const logistics = rows.unsettled_orders ? logisticsFigures(rows.unsettled_orders, now) : null;
  const overdue = [...overdueDeadlines, ...overdueItems, ...(logistics?.overdueSettlements ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const liaison =
    rows.liaison && today !== null
      ? {
          active: Number(rows.liaison.active),
          endingWithinDays: ENDING_WITHIN_DAYS,
          ending: Number(rows.liaison.ending),
          endingSoon: rows.liaison.ending_soon.map((p) => ({ id: p.id, officer: `${p.officer_rank} ${p.officer_name}`.trim(), hostCommand: p.host_command, endDate: p.end_date, daysToEnd: daysUntil(p.end_date, today) })),
        }
      : null;
  // A nation's Code of Conduct registry is its own: counted only for the nation that keeps one.
  const coc = rows.code_of_conduct;
  const programs = rows.programs;
  return {
    nation: actor.nation,
    generatedAt: now.toISOString(),
    requests: {
      open: { total: byState.reduce((n, s) => n + s.total, 0), incoming: byState.reduce((n, s) => n + s.incoming, 0), outgoing: byState.reduce((n, s) => n + s.outgoing, 0), byState },
      overdue: Number(rows.overdue_requests),
    },
    actionItems: { open: Number(rows.action_items.open), overdue: Number(rows.action_items.overdue), escalated: Number(rows.action_items.escalated), byStatus: rows.action_items.by_status },
    logistics: logistics && { openOrders: logistics.openOrders, balances: logistics.balances, net: logistics.net, overdue: logistics.overdue },
    liaison,
    codeOfConduct: coc?.keeps_registry ? { total: Number(coc.total), byStatus: coc.by_status } : null,
    programs: programs
      ? {
          total: Number(programs.total),
          byStatus: programs.by_status,
          nextMilestones: programs.next_milestones.map((m) => ({ programId: m.program_id, program: m.program, title: m.title, dueOn: m.due_on, status: m.status })),
        }
      : null,
    spa,
    notifications: { unread: Number(rows.unread_notifications) },
    /** Everything past due, oldest first: request deadlines, action items, settlements. */
    overdue,
  };
}

export type PartnershipDashboard = Awaited<ReturnType<typeof partnershipDashboard>>;
