import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from './executor.js';
import type { Database, SubscriptionStatus } from './schema.js';

// The SQL of the Code of Conduct registry (migration 0008 onwards): subscriptions, their status
// history, capability catalogue and contacts, and the company-side reads of the commitments desk.
// Who may read or change what is decided in src/services/code-of-conduct.

export interface CapabilityInput {
  fsc: string | null;
  sector: string;
  description: string;
  partNumbers: string[];
}
export interface ContactInput {
  name: string;
  role: string;
  email: string;
  phone: string;
}

/** Per company: requests put to it, committed, declined, delivered and delivered by the promised date. */
export interface TrackRecordRow {
  received: number;
  committed: number;
  declined: number;
  delivered: number;
  deliveredOnTime: number;
}

/** Whether requests reach the nation through the Code of Conduct workflow (then it keeps a registry). */
export async function routesCodeOfConductTo(db: Db, nation: string): Promise<boolean> {
  const row = await db.selectFrom('arrangement_directions').select('arrangement_id').where('to_nation', '=', nation).where('workflow_id', '=', 'code_of_conduct').executeTakeFirst();
  return Boolean(row);
}

export function findOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'nation', 'kind', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The organisation of the nation holding the short name, or undefined. */
export function findOrganisationByShortName(db: Db, nation: string, shortName: string) {
  return db.selectFrom('organisations').select('name').where('nation', '=', nation).where('short_name', '=', shortName).executeTakeFirst();
}

export async function insertOrganisation(db: Db, values: Insertable<Database['organisations']>): Promise<void> {
  await db.insertInto('organisations').values(values).execute();
}

/** The mirror organisations.code_of_conduct_since: the subscription date while active, null otherwise. */
export async function setCodeOfConductSince(db: Db, organisationId: string, since: string | null): Promise<void> {
  await db.updateTable('organisations').set({ code_of_conduct_since: since }).where('id', '=', organisationId).execute();
}

/** A subscription locked for the change that follows. */
export function findSubscriptionForUpdate(db: Db, id: string) {
  return db.selectFrom('coc_subscriptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findSubscriptionOfOrganisation(db: Db, organisationId: string) {
  return db.selectFrom('coc_subscriptions').select(['id', 'status', 'subscribed_on']).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function insertSubscription(db: Db, values: Insertable<Database['coc_subscriptions']>): Promise<void> {
  await db.insertInto('coc_subscriptions').values(values).execute();
}

export async function updateSubscriptionRow(db: Db, id: string, set: Updateable<Database['coc_subscriptions']>): Promise<void> {
  await db.updateTable('coc_subscriptions').set(set).where('id', '=', id).execute();
}

export async function insertStatusHistory(db: Db, values: Omit<Insertable<Database['coc_status_history']>, 'id'>): Promise<void> {
  await db.insertInto('coc_status_history').values({ id: randomUUID(), ...values }).execute();
}

/** Replaces a subscription's capability catalogue and contacts with the ones given. */
export async function replaceSubscriptionDetails(db: Db, subscriptionId: string, capabilities: readonly CapabilityInput[], contacts: readonly ContactInput[]): Promise<void> {
  await db.deleteFrom('coc_capabilities').where('subscription_id', '=', subscriptionId).execute();
  await db.deleteFrom('coc_contacts').where('subscription_id', '=', subscriptionId).execute();
  if (capabilities.length) {
    await db.insertInto('coc_capabilities').values(capabilities.map((c) => ({ id: randomUUID(), subscription_id: subscriptionId, fsc: c.fsc, sector: c.sector, description: c.description, part_numbers: c.partNumbers }))).execute();
  }
  if (contacts.length) {
    await db.insertInto('coc_contacts').values(contacts.map((c) => ({ id: randomUUID(), subscription_id: subscriptionId, name: c.name, role: c.role, email: c.email, phone: c.phone }))).execute();
  }
}

/** Subscriptions with their company's name and short name (in no particular order). */
export function listSubscriptionRows(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('coc_subscriptions as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select(['o.name as org_name', 'o.short_name as org_short'])
    .where('s.id', 'in', ids)
    .execute();
}

export function listCapabilityRows(db: Db, subscriptionIds: readonly string[]) {
  return db.selectFrom('coc_capabilities').selectAll().where('subscription_id', 'in', subscriptionIds).orderBy('sector').orderBy('fsc').orderBy('id').execute();
}

export function listContactRows(db: Db, subscriptionIds: readonly string[]) {
  return db.selectFrom('coc_contacts').selectAll().where('subscription_id', 'in', subscriptionIds).orderBy('name').execute();
}

/** Status history rows, oldest first, with the display name of who recorded each. */
export function listStatusHistoryRows(db: Db, subscriptionIds: readonly string[]) {
  return db
    .selectFrom('coc_status_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .selectAll('h')
    .select('u.display_name')
    .where('h.subscription_id', 'in', subscriptionIds)
    .orderBy('h.at')
    .orderBy('h.effective_on')
    .execute();
}

/** Per company: requests put to it, committed, declined, delivered and delivered by the promised date. */
export async function trackRecords(db: Db, organisationIds: readonly string[]): Promise<Map<string, TrackRecordRow>> {
  const out = new Map<string, TrackRecordRow>();
  if (organisationIds.length === 0) return out;
  const rows = await sql<{ organisation_id: string; received: number; committed: number; declined: number; delivered: number; on_time: number }>`
    select a.organisation_id,
      count(*)::int as received,
      (count(*) filter (where a.status = 'accepted'))::int as committed,
      (count(*) filter (where a.status = 'declined'))::int as declined,
      (count(*) filter (where a.status = 'accepted' and d.delivered_on is not null))::int as delivered,
      (count(*) filter (where a.status = 'accepted' and d.delivered_on <= a.details->>'promised_delivery_date'))::int as on_time
    from request_assignments a
    left join lateral (
      select max(e.fields->>'delivered_on') as delivered_on from request_events e where e.request_id = a.request_id and e.action = 'mark_delivered'
    ) d on true
    where a.organisation_id in (${sql.join(organisationIds.map((id) => sql`${id}::uuid`))})
    group by a.organisation_id`.execute(db);
  for (const r of rows.rows) out.set(r.organisation_id, { received: r.received, committed: r.committed, declined: r.declined, delivered: r.delivered, deliveredOnTime: r.on_time });
  return out;
}

export interface SubscriptionSearch {
  nation: string;
  /** Only this company's entry (a supplier reads its own). */
  organisationId: string | null;
  q?: string | undefined;
  status?: SubscriptionStatus | undefined;
  sector?: string | undefined;
  fsc?: string | undefined;
}

/** Ids of the nation's subscriptions matching the filter, by company name. */
export async function searchSubscriptionIds(db: Db, search: SubscriptionSearch): Promise<string[]> {
  let query = db.selectFrom('coc_subscriptions as s').innerJoin('organisations as o', 'o.id', 's.organisation_id').select('s.id').where('s.nation', '=', search.nation);
  if (search.organisationId) query = query.where('s.organisation_id', '=', search.organisationId);
  if (search.status) query = query.where('s.status', '=', search.status);
  if (search.sector || search.fsc) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('coc_capabilities as c')
          .select('c.id')
          .whereRef('c.subscription_id', '=', 's.id')
          .$if(Boolean(search.sector), (q) => q.where('c.sector', '=', search.sector!))
          .$if(Boolean(search.fsc), (q) => q.where('c.fsc', '=', search.fsc!)),
      ),
    );
  }
  if (search.q) {
    const like = `%${search.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('o.name', 'ilike', like),
        eb('o.short_name', 'ilike', like),
        eb('s.signed_by_name', 'ilike', like),
        eb.exists(eb.selectFrom('coc_capabilities as c').select('c.id').whereRef('c.subscription_id', '=', 's.id').where((e) => e.or([e('c.description', 'ilike', like), e('c.fsc', 'ilike', like), e(sql<string>`array_to_string(c.part_numbers, ' ')`, 'ilike', like)]))),
      ]),
    );
  }
  return (await query.orderBy('o.name').execute()).map((r) => r.id);
}

export async function listActiveSubscriptionIds(db: Db, nation: string): Promise<string[]> {
  return (await db.selectFrom('coc_subscriptions').select('id').where('nation', '=', nation).where('status', '=', 'active').execute()).map((r) => r.id);
}

/** The nation's subscribers that may not be routed requests now (lapsed or withdrawn), by name. */
export function listInactiveSubscribers(db: Db, nation: string) {
  return db
    .selectFrom('coc_subscriptions')
    .innerJoin('organisations', 'organisations.id', 'coc_subscriptions.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.short_name', 'coc_subscriptions.status', 'coc_subscriptions.status_since'])
    .where('coc_subscriptions.nation', '=', nation)
    .where('coc_subscriptions.status', '!=', 'active')
    .orderBy('organisations.name')
    .execute();
}

/** A request as the routing officer matches it: its addressee, workflow and program symbol. */
export function findRequestToMatch(db: Db, requestId: string) {
  return db
    .selectFrom('requests')
    .leftJoin('programs', 'programs.id', 'requests.program_id')
    .select(['requests.id', 'requests.to_nation', 'requests.workflow_id', 'programs.dpas_program_symbol'])
    .where('requests.id', '=', requestId)
    .executeTakeFirst();
}

export function listRequestItemsToMatch(db: Db, requestId: string) {
  return db.selectFrom('request_items').select(['part_number', 'nsn', 'description']).where('request_id', '=', requestId).orderBy('line_no').execute();
}

/** The company's assignments on Code of Conduct requests, with the request each belongs to. */
export function listCompanyAssignments(db: Db, organisationId: string) {
  return db
    .selectFrom('request_assignments as a')
    .innerJoin('requests as r', 'r.id', 'a.request_id')
    .select(['r.id', 'r.reference', 'r.title', 'r.urgency', 'r.required_by', 'r.state', 'r.workflow_id', 'a.status', 'a.details', 'a.created_at', 'a.decided_at'])
    .where('a.organisation_id', '=', organisationId)
    .where('r.workflow_id', '=', 'code_of_conduct')
    .execute();
}

/** The running company-response deadlines of the requests, by request id. */
export async function runningCompanyResponseDeadlines(db: Db, requestIds: readonly string[]): Promise<Map<string, Date>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db.selectFrom('deadlines').select(['request_id', 'due_at']).where('request_id', 'in', requestIds).where('kind', '=', 'company_response').where('stopped_at', 'is', null).execute();
  return new Map(rows.map((d) => [d.request_id, d.due_at]));
}
