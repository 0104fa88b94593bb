import { sql, type Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of impact surveys and per-site status (issue #15, "Ask the suppliers"). Who may read or
// write is decided in src/services/events; every query here is given the nation or the company.

/** Companies of the nation among these short names (the links of network nodes). */
export function findCompaniesByShortName(db: Db, nation: string, shortNames: readonly string[]) {
  if (shortNames.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'short_name', 'name']).where('nation', '=', nation).where('kind', '=', 'company').where('short_name', 'in', [...shortNames]).execute();
}

/** Locks the event row (status changes and survey sends of one event take turns); undefined if not the nation's. */
export function lockEvent(db: Db, nation: string, eventId: string) {
  return db.selectFrom('disruption_events').select(['id', 'title', 'kind', 'started_at', 'status']).where('id', '=', eventId).where('nation', '=', nation).forUpdate().executeTakeFirst();
}

const surveyColumns = [
  'event_surveys.id',
  'event_surveys.event_id',
  'event_surveys.nation',
  'event_surveys.organisation_id',
  'event_surveys.sites',
  'event_surveys.sent_at',
  'event_surveys.answer',
  'event_surveys.answered_at',
  'organisations.short_name',
  'organisations.name as organisation_name',
  'sender.username as sent_by_username',
  'answerer.username as answered_by_username',
] as const;

function surveys(db: Db) {
  return db
    .selectFrom('event_surveys')
    .innerJoin('organisations', 'organisations.id', 'event_surveys.organisation_id')
    .innerJoin('users as sender', 'sender.id', 'event_surveys.sent_by')
    .leftJoin('users as answerer', 'answerer.id', 'event_surveys.answered_by');
}

/** The surveys of one event of the nation, by company name. */
export function listEventSurveyRows(db: Db, nation: string, eventId: string) {
  return surveys(db).select(surveyColumns).where('event_surveys.event_id', '=', eventId).where('event_surveys.nation', '=', nation).orderBy('organisations.name').orderBy('event_surveys.id').execute();
}
export type SurveyRow = Awaited<ReturnType<typeof listEventSurveyRows>>[number];

/** The surveys put to one company, newest first, with their event's kind, start and status (at most 200). */
export function listCompanySurveyRows(db: Db, organisationId: string) {
  return surveys(db)
    .innerJoin('disruption_events', 'disruption_events.id', 'event_surveys.event_id')
    .select([...surveyColumns, 'disruption_events.kind as event_kind', 'disruption_events.started_at as event_started_at', 'disruption_events.status as event_status'])
    .where('event_surveys.organisation_id', '=', organisationId)
    .orderBy('event_surveys.sent_at', 'desc')
    .orderBy('event_surveys.id')
    .limit(200)
    .execute();
}
export type CompanySurveyRow = Awaited<ReturnType<typeof listCompanySurveyRows>>[number];

/** One survey of the company (locked when `lock`), or undefined: another company's is not found. */
export function findCompanySurveyRow(db: Db, organisationId: string, id: string, lock = false) {
  let query = surveys(db)
    .innerJoin('disruption_events', 'disruption_events.id', 'event_surveys.event_id')
    .select([...surveyColumns, 'disruption_events.kind as event_kind', 'disruption_events.started_at as event_started_at', 'disruption_events.status as event_status'])
    .where('event_surveys.id', '=', id)
    .where('event_surveys.organisation_id', '=', organisationId);
  if (lock) query = query.forUpdate('event_surveys');
  return query.executeTakeFirst();
}

export async function insertSurveyRows(db: Db, rows: ReadonlyArray<Insertable<Database['event_surveys']>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('event_surveys').values([...rows]).execute();
}

export async function setSurveyAnswer(db: Db, id: string, answer: unknown, answeredBy: string, at: Date): Promise<void> {
  await db.updateTable('event_surveys').set({ answer: JSON.stringify(answer), answered_by: answeredBy, answered_at: at }).where('id', '=', id).execute();
}

/** Every status change of the event's sites, oldest first, with who made it. */
export function listSiteStatusRows(db: Db, eventId: string) {
  return db
    .selectFrom('event_site_status')
    .innerJoin('users', 'users.id', 'event_site_status.set_by')
    .select(['event_site_status.seq', 'event_site_status.network_id', 'event_site_status.node_id', 'event_site_status.status', 'event_site_status.note', 'event_site_status.set_at', 'event_site_status.survey_id', 'users.username'])
    .where('event_site_status.event_id', '=', eventId)
    .orderBy('event_site_status.seq')
    .execute();
}
export type SiteStatusRow = Awaited<ReturnType<typeof listSiteStatusRows>>[number];

export async function insertSiteStatusRows(db: Db, rows: ReadonlyArray<Insertable<Database['event_site_status']>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('event_site_status').values([...rows]).execute();
}

/** Active users of a company (its survey's recipients). */
export async function listCompanyUserIds(db: Db, organisationId: string): Promise<string[]> {
  return (await db.selectFrom('users').select('id').where('active', '=', true).where('organisation_id', '=', organisationId).where(sql<boolean>`'supplier' = any(roles)`).execute()).map((u) => u.id);
}
