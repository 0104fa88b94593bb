import type { ExpressionBuilder } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL behind "who is told": the active users a workflow step may concern, and the few facts
// of its subject a notification names. Who among them may read the subject is decided in
// src/services/notifications/notify-workflow-step.ts (the border).

const USER = ['users.id', 'users.username', 'users.nation', 'users.roles', 'users.organisation_id'] as const;

function hasAnyRole(eb: ExpressionBuilder<Database, 'users'>, roles: readonly string[]) {
  return eb.or(roles.map((r) => eb(eb.val(r), '=', eb.fn.any('users.roles'))));
}

export async function nationNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = codes.length ? await db.selectFrom('nations').select(['code', 'name']).where('code', 'in', [...new Set(codes)]).execute() : [];
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Active users of the nations holding one of the roles, or belonging to one of the companies. */
export function listActiveUsersByRoleOrCompany(db: Db, nations: readonly string[], roles: readonly string[], organisationIds: readonly string[]) {
  return db
    .selectFrom('users')
    .select(USER)
    .where('active', '=', true)
    .where('nation', 'in', nations)
    .where((eb) => eb.or([hasAnyRole(eb, roles), ...(organisationIds.length ? [eb('organisation_id', 'in', organisationIds)] : [])]))
    .execute();
}

/**
 * The same users as listActiveUsersByRoleOrCompany, each row with the name of `nation` (a
 * request step's notification names the acting nation): one statement (issue #14). No users, no
 * name: nobody is told, and the name is not needed.
 */
export function listActiveUsersByRoleOrCompanyNaming(db: Db, nations: readonly string[], roles: readonly string[], organisationIds: readonly string[], nation: string) {
  return db
    .selectFrom('users')
    .select(USER)
    .select((eb) => eb.selectFrom('nations').select('nations.name').where('nations.code', '=', nation).as('named_nation'))
    .where('active', '=', true)
    .where('nation', 'in', nations)
    .where((eb) => eb.or([hasAnyRole(eb, roles), ...(organisationIds.length ? [eb('organisation_id', 'in', organisationIds)] : [])]))
    .execute();
}

/** Active users of the nation holding one of the roles. */
export function listActiveUsersWithAnyRole(db: Db, nation: string, roles: readonly string[]) {
  return db.selectFrom('users').select(USER).where('active', '=', true).where('nation', '=', nation).where((eb) => hasAnyRole(eb, roles)).execute();
}

/** Ids of the company's other active users. */
export async function listActiveColleagueIds(db: Db, organisationId: string, exceptUserId: string): Promise<string[]> {
  return (await db.selectFrom('users').select('id').where('active', '=', true).where('organisation_id', '=', organisationId).where('id', '<>', exceptUserId).execute()).map((u) => u.id);
}

/** An order of a supplier's desk with its company's nation. */
export function findDeskOrderToNotify(db: Db, orderId: string) {
  return db
    .selectFrom('supplier_orders')
    .innerJoin('organisations', 'organisations.id', 'supplier_orders.organisation_id')
    .select(['supplier_orders.id', 'order_number', 'organisation_id', 'request_id', 'acceptance_due_at', 'organisations.nation'])
    .where('supplier_orders.id', '=', orderId)
    .executeTakeFirstOrThrow();
}

/** The companies' lines on a request and their status. */
export function listAssignmentStatuses(db: Db, requestId: string) {
  return db.selectFrom('request_assignments').select(['organisation_id as organisationId', 'status']).where('request_id', '=', requestId).execute();
}

export function findWorkingGroupName(db: Db, groupId: string) {
  return db.selectFrom('working_groups').select(['id', 'name']).where('id', '=', groupId).executeTakeFirstOrThrow();
}

/** The user behind a working-group member, if the member is a user. */
export async function findMemberUserId(db: Db, memberId: string): Promise<string | null> {
  return (await db.selectFrom('working_group_members').select('user_id').where('id', '=', memberId).executeTakeFirst())?.user_id ?? null;
}

/**
 * The one active official of `nation` (a SOSA officer or auditor: who reads a peer's working group
 * here) whose address is `email`, or null (none, or more than one). A member of a peer's group is
 * no account here; its address is how this instance knows it is one of its own officials.
 */
export async function findOfficialByEmail(db: Db, nation: string, email: string): Promise<string | null> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('active', '=', true)
    .where('nation', '=', nation)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where((eb) => hasAnyRole(eb, ['sosa_officer', 'auditor']))
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0]!.id : null;
}
