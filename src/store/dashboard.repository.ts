import { sql, type RawBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { compiledOnce } from './compiled-once.js';
import type { Db } from './executor.js';
import type { LogisticsOrderRow } from './logistics.repository.js';
import { visibleRequests, type RequestReader } from './requests.repository.js';

// The partnership dashboard's figures in one statement (issue #14): each register's counts are
// aggregates (FILTER clauses, grouped counts folded into JSON) over the same rows its list route
// reads, so the dashboard costs one round trip to the database instead of twenty. A section the
// caller may not list is not queried at all (the service passes no option for it). JSON carries
// timestamps as ISO strings and counts as numbers; the service turns them back.

/** What the caller's registers are: each option present only when the caller may list that register. */
export interface DashboardQuery {
  reader: RequestReader;
  /** States no request leaves (every workflow's terminal states): not open. */
  terminalStates: readonly string[];
  userId: string;
  /** The action items of the working groups the viewer sees (working-groups.repository visibleGroups). */
  actionItems: { nation: string; userId: string; official: boolean; now: Date };
  overdueListLimit: number;
  logistics?: { nation: string };
  liaison?: { nation: string; today: string; endingUntil: string; endingSoonLimit: number };
  /** The nation's Code of Conduct registry: counted only when the nation keeps one (asked in the same statement). */
  codeOfConduct?: { nation: string; organisationId: string | null };
  programs?: { nation: string; nextMilestonesLimit: number };
}

/** A JSON object of counts per key, keys in the order of their first row by `firstBy` (as a count over a list in that order). */
function countsBy(table: RawBuilder<unknown>, key: string, firstBy: string): RawBuilder<Record<string, number>> {
  return sql<Record<string, number>>`(select coalesce(json_object_agg(k, n order by first_at, k), '{}'::json) from (select ${sql.ref(key)} as k, count(*) as n, min(${sql.ref(firstBy)}) as first_at from ${table} as t group by ${sql.ref(key)}) as c)`;
}

export interface DashboardRows {
  open_by_state: Array<{ state: string; n: number; incoming: number; outgoing: number }>;
  overdue_requests: number;
  overdue_deadlines: Array<{ id: string; reference: string; title: string; label: string; nation: string; due_at: string }>;
  action_items: { open: number; overdue: number; escalated: number; by_status: Record<string, number> };
  overdue_action_items: Array<{ group_id: string; group_name: string; title: string; owner_name: string; owner_nation: string; due_at: string; overdue_at: string | null }>;
  unread_notifications: number;
  unsettled_orders?: LogisticsOrderRow[];
  liaison?: { active: number; ending: number; ending_soon: Array<{ id: string; officer_rank: string; officer_name: string; host_command: string; end_date: string | null }> };
  code_of_conduct?: { keeps_registry: boolean; total: number; by_status: Record<string, number> };
  programs?: { total: number; by_status: Record<string, number>; next_milestones: Array<{ program_id: string; program: string; title: string; due_on: string; status: string }> };
}

/**
 * A nation's open requests per state (issue #14, flat at a million requests): the sum of the kept
 * counts (request_state_counts, as of the last compaction) and of the changes since
 * (request_state_deltas), both kept by the requests' triggers in each change's own transaction
 * (migration 0034), over the pairs of nations the nation is party to: the visible requests of
 * visibleRequests, without reading one of them. A state whose count went back to zero is absent, as
 * it is from a count of the rows.
 */
function openByStateOfNation(db: Db, nation: string, terminalStates: readonly string[]) {
  const kept = db.selectFrom('request_state_counts').select(['state', 'from_nation', 'to_nation', 'n']);
  const changes = db.selectFrom('request_state_deltas').select(['state', 'from_nation', 'to_nation', 'n']);
  let counts = db.selectFrom(kept.unionAll(changes).as('c')).where((eb) => eb.or([eb('c.from_nation', '=', nation), eb('c.to_nation', '=', nation)]));
  if (terminalStates.length) counts = counts.where('c.state', 'not in', [...terminalStates]);
  return counts
    .select([
      'c.state',
      sql<number>`sum(c.n)`.as('n'),
      sql<number>`coalesce(sum(c.n) filter (where c.to_nation = ${nation}), 0)`.as('incoming'),
      sql<number>`coalesce(sum(c.n) filter (where c.from_nation = ${nation}), 0)`.as('outgoing'),
    ])
    .groupBy('c.state')
    .having(sql<number>`sum(c.n)`, '>', 0);
}

/** A company's open requests per state: only those where its line is live (visibleRequests), which no kept count follows: counted from its rows. */
function openByStateOfCompany(db: Db, reader: RequestReader, terminalStates: readonly string[]) {
  let open = visibleRequests(db, reader);
  if (terminalStates.length) open = open.where('state', 'not in', [...terminalStates]);
  return open
    .select((eb) => ['state', eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where to_nation = ${reader.nation})`.as('incoming'), sql<number>`count(*) filter (where from_nation = ${reader.nation})`.as('outgoing')])
    .groupBy('state');
}

/**
 * The dashboard's statement, compiled once per shape (issue #14): which sections the caller may
 * list, a nation's official or a company, a member or an official of the working groups, the
 * terminal states. Building and compiling this statement with Kysely was about a tenth of a
 * dashboard's CPU in the server, to produce the same text each time; the values are bound per call.
 */
export async function readDashboardRows(db: Db, q: DashboardQuery): Promise<DashboardRows> {
  const shape = JSON.stringify([q.reader.companyId === null, q.terminalStates, q.actionItems.official, Boolean(q.logistics), Boolean(q.liaison), q.codeOfConduct ? q.codeOfConduct.organisationId === null : null, Boolean(q.programs)]);
  let query = dashboardQueries.get(shape);
  if (!query) {
    // The stand-ins take the values' places in the order boundValues takes them from each call's query.
    const template = q;
    query = compiledOnce((b, ...stand: unknown[]) => {
      let next = 0;
      return dashboardStatement(b, boundValues(template, () => stand[next++] as never));
    });
    dashboardQueries.set(shape, query);
  }
  const values: unknown[] = [];
  boundValues(q, (v) => (values.push(v), v));
  return (await query(db, ...values))[0] as DashboardRows;
}

const dashboardQueries = new Map<string, (db: Db, ...values: unknown[]) => Promise<unknown[]>>();

/**
 * The query with each value that reaches the SQL passed through `take`, always in the same order
 * for one shape; what steers the statement's shape (the sections present, a company or not, the
 * terminal states, an official of the groups or not) is kept as it is.
 */
function boundValues(q: DashboardQuery, take: <T>(value: T) => T): DashboardQuery {
  const ai = q.actionItems;
  return {
    reader: { nation: take(q.reader.nation), companyId: q.reader.companyId === null ? null : take(q.reader.companyId) },
    terminalStates: q.terminalStates,
    userId: take(q.userId),
    // An official's user id does not reach the SQL (memberOnly is `true`).
    actionItems: { nation: take(ai.nation), userId: ai.official ? ai.userId : take(ai.userId), official: ai.official, now: take(ai.now) },
    overdueListLimit: take(q.overdueListLimit),
    ...(q.logistics ? { logistics: { nation: take(q.logistics.nation) } } : {}),
    ...(q.liaison ? { liaison: { nation: take(q.liaison.nation), today: take(q.liaison.today), endingUntil: take(q.liaison.endingUntil), endingSoonLimit: take(q.liaison.endingSoonLimit) } } : {}),
    ...(q.codeOfConduct ? { codeOfConduct: { nation: take(q.codeOfConduct.nation), organisationId: q.codeOfConduct.organisationId === null ? null : take(q.codeOfConduct.organisationId) } } : {}),
    ...(q.programs ? { programs: { nation: take(q.programs.nation), nextMilestonesLimit: take(q.programs.nextMilestonesLimit) } } : {}),
  };
}

function dashboardStatement(db: Db, q: DashboardQuery) {
  const { reader } = q;
  const openByState = reader.companyId === null ? openByStateOfNation(db, reader.nation, q.terminalStates) : openByStateOfCompany(db, reader, q.terminalStates);
  // A running deadline the scheduler marked overdue (as requests.repository onlyOverdue).
  const runningOverdue = sql`exists (select 1 from deadlines od where od.request_id = requests.id and od.stopped_at is null and od.overdue_at is not null)`;
  // A nation's: from request_overdue (migration 0034), the overdue requests' nations kept beside
  // them, without a probe of each one's row. A company's (its live lines only): from the rows.
  const overdueCount =
    reader.companyId === null
      ? db
          .selectFrom('request_overdue')
          .where((eb) => eb.or([eb('from_nation', '=', reader.nation), eb('to_nation', '=', reader.nation)]))
          .select((eb) => eb.fn.countAll<number>().as('n'))
      : visibleRequests(db, reader).where(runningOverdue as never).select((eb) => eb.fn.countAll<number>().as('n'));
  const overdueDeadlines = visibleRequests(db, reader)
    .innerJoin('deadlines', 'deadlines.request_id', 'requests.id')
    .where('deadlines.stopped_at', 'is', null)
    .where('deadlines.overdue_at', 'is not', null)
    .select(['requests.id', 'requests.reference', 'requests.title', 'deadlines.label', 'deadlines.nation', 'deadlines.due_at'])
    .orderBy('deadlines.due_at')
    .limit(q.overdueListLimit);

  // Action items of the groups the viewer sees: both nations' officials, else the groups' members.
  const ai = q.actionItems;
  const memberOnly = ai.official ? sql`true` : sql`exists (select 1 from working_group_members wm where wm.group_id = g.id and wm.user_id = ${ai.userId})`;
  const items = sql`(select i.*, g.name as group_name, m.name as owner_name from working_group_action_items i
      join working_groups g on g.id = i.group_id join arrangements a on a.id = g.arrangement_id
      join working_group_members m on m.id = i.owner_member_id
      where (a.nation_a = ${ai.nation} or a.nation_b = ${ai.nation}) and ${memberOnly})`;
  // isActionItemOverdue (domain/partnership/action-item-due.ts): open and due at or before now.
  const itemOverdue = sql`status = 'open' and due_at <= ${ai.now}`;
  const actionItems = sql`(select json_build_object(
      'open', count(*) filter (where status = 'open'),
      'overdue', count(*) filter (where ${itemOverdue}),
      'escalated', count(*) filter (where status = 'open' and overdue_at is not null),
      'by_status', ${countsBy(items, 'status', 'due_at')}) from ${items} as t)`;
  const overdueItems = sql`(select coalesce(json_agg(t order by t.due_at, t.id), '[]'::json) from (select group_id, group_name, title, owner_name, owner_nation, due_at, overdue_at, id from ${items} as t where ${itemOverdue} order by due_at, id limit ${q.overdueListLimit}) as t)`;

  let query = db
    .selectNoFrom((eb) => [
      jsonArrayFrom(openByState).as('open_by_state'),
      overdueCount.as('overdue_requests'),
      jsonArrayFrom(overdueDeadlines).as('overdue_deadlines'),
      actionItems.as('action_items'),
      overdueItems.as('overdue_action_items'),
      eb.selectFrom('notifications').select((n) => n.fn.countAll<number>().as('n')).where('user_id', '=', q.userId).where('read_at', 'is', null).as('unread_notifications'),
    ])
    .$castTo<Record<string, unknown>>();

  if (q.logistics) {
    const nation = q.logistics.nation;
    query = query.select(sql`(select coalesce(json_agg(o order by o.settle_by), '[]'::json) from logistics_orders o where (o.supplying_nation = ${nation} or o.receiving_nation = ${nation}) and o.settled_minor < o.amount_minor)`.as('unsettled_orders'));
  }
  if (q.liaison) {
    const { nation, today, endingUntil, endingSoonLimit } = q.liaison;
    // Ending: the end date from today to today + N days, not already ended (liaison.repository searchPostingIds).
    const ending = sql`(select * from liaison_postings where (sending_nation = ${nation} or host_nation = ${nation}) and end_date >= ${today} and end_date <= ${endingUntil} and status != 'ended')`;
    query = query.select(
      sql`json_build_object(
        'active', (select count(*) from liaison_postings where (sending_nation = ${nation} or host_nation = ${nation}) and status = 'active'),
        'ending', (select count(*) from ${ending} as e),
        'ending_soon', (select coalesce(json_agg(e order by e.end_date, e.host_command, e.start_date, e.id), '[]'::json) from (select id, officer_rank, officer_name, host_command, end_date, start_date from ${ending} as e order by end_date, host_command, start_date, id limit ${endingSoonLimit}) as e))`.as('liaison'),
    );
  }
  if (q.codeOfConduct) {
    const { nation, organisationId } = q.codeOfConduct;
    // A company's user sees its own entry only (subscription-view registryReadScope).
    const ownEntry = organisationId === null ? sql`true` : sql`s.organisation_id = ${organisationId}`;
    const subscriptions = sql`(select s.*, o.name as company_name from coc_subscriptions s join organisations o on o.id = s.organisation_id where s.nation = ${nation} and ${ownEntry})`;
    query = query.select(
      sql`json_build_object(
        'keeps_registry', exists (select 1 from arrangement_directions where to_nation = ${nation} and workflow_id = 'code_of_conduct'),
        'total', (select count(*) from ${subscriptions} as t),
        'by_status', ${countsBy(subscriptions, 'status', 'company_name')})`.as('code_of_conduct'),
    );
  }
  if (q.programs) {
    const { nation, nextMilestonesLimit } = q.programs;
    const programs = sql`(select * from programs where nation = ${nation} or ${nation} = any(partner_nations))`;
    // Each running program's next milestone not done (program-view nextMilestone: earliest due, then position).
    const next = sql`(select p.id as program_id, p.name as program, m.title, m.due_on, m.status from ${programs} as p
        cross join lateral (select title, due_on, status from program_milestones where program_id = p.id and status != 'done' order by due_on, position limit 1) as m
        where p.status not in ('completed', 'cancelled'))`;
    query = query.select(
      sql`json_build_object(
        'total', (select count(*) from ${programs} as t),
        'by_status', ${countsBy(programs, 'status', 'name')},
        'next_milestones', (select coalesce(json_agg(n order by n.due_on, n.program), '[]'::json) from (select * from ${next} as n order by due_on, program limit ${nextMilestonesLimit}) as n))`.as('programs'),
    );
  }
  return query;
}
