import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from './executor.js';
import type { Database, PostingStatus } from './schema.js';

// The SQL of the liaison officer postings (migration 0009) and their documents. Who may read or
// change a posting is decided in src/services/liaison.

export interface DocumentInput {
  title: string;
  number: string;
  issuedOn: string | null;
}

/** The two nations of a posting, or undefined; `forUpdate` locks the row (with its version). */
export function findPostingNations(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('liaison_postings').select(['id', 'sending_nation', 'host_nation', 'version']).where('id', '=', id).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

export function listPostingRows(db: Db, ids: readonly string[]) {
  return db.selectFrom('liaison_postings').selectAll().where('id', 'in', ids).execute();
}

/** The postings one nation sends to another, oldest first (what a new peer is sent, issue #13). */
export async function listPostingIdsBetween(db: Db, sendingNation: string, hostNation: string): Promise<string[]> {
  const rows = await db.selectFrom('liaison_postings').select('id').where('sending_nation', '=', sendingNation).where('host_nation', '=', hostNation).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Documents of the postings, by issue date and title. */
export function listPostingDocumentRows(db: Db, postingIds: readonly string[]) {
  return db.selectFrom('liaison_documents').selectAll().where('posting_id', 'in', postingIds).orderBy('issued_on').orderBy('title').execute();
}

export interface PostingSearch {
  nation: string;
  role?: 'sending' | 'hosting' | undefined;
  status?: PostingStatus | undefined;
  /** Postings not ended whose end date falls in [from, until]. */
  ending?: { from: string; until: string } | undefined;
  q?: string | undefined;
}

/** Ids of the postings the nation sends or hosts matching the search, by host command then start. */
export async function searchPostingIds(db: Db, search: PostingSearch): Promise<string[]> {
  const { nation } = search;
  let query = db.selectFrom('liaison_postings').select('id');
  if (search.role === 'sending') query = query.where('sending_nation', '=', nation);
  else if (search.role === 'hosting') query = query.where('host_nation', '=', nation);
  else query = query.where((eb) => eb.or([eb('sending_nation', '=', nation), eb('host_nation', '=', nation)]));
  if (search.status) query = query.where('status', '=', search.status);
  if (search.ending) query = query.where('end_date', '>=', search.ending.from).where('end_date', '<=', search.ending.until).where('status', '!=', 'ended');
  if (search.q) {
    const like = `%${search.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('officer_name', 'ilike', like), eb('host_command', 'ilike', like), eb('location', 'ilike', like), eb('service_number', 'ilike', like), eb('host_poc_name', 'ilike', like)]));
  }
  return (await query.orderBy('host_command').orderBy('start_date').orderBy('id').execute()).map((r) => r.id);
}

export async function nationExists(db: Db, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('nations').select('code').where('code', '=', code).executeTakeFirst());
}

/**
 * The postings of one officer of the sending nation, after taking a transaction-scoped lock on
 * that officer, so two writers cannot both find no overlap and both commit.
 */
export async function lockOfficerPostings(trx: Tx, sendingNation: string, serviceNumber: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`liaison:${sendingNation}:${serviceNumber}`}))`.execute(trx);
  return trx.selectFrom('liaison_postings').select(['id', 'start_date', 'end_date', 'host_command']).where('sending_nation', '=', sendingNation).where('service_number', '=', serviceNumber).execute();
}

export async function insertPosting(db: Db, values: Insertable<Database['liaison_postings']>): Promise<void> {
  await db.insertInto('liaison_postings').values(values).execute();
}

export async function updatePostingRow(db: Db, id: string, set: Updateable<Database['liaison_postings']>): Promise<void> {
  await db.updateTable('liaison_postings').set(set).where('id', '=', id).execute();
}

/** Replaces a posting's documents with the ones given. */
export async function replacePostingDocuments(db: Db, postingId: string, documents: readonly DocumentInput[]): Promise<void> {
  await db.deleteFrom('liaison_documents').where('posting_id', '=', postingId).execute();
  if (documents.length) await db.insertInto('liaison_documents').values(documents.map((d) => ({ id: randomUUID(), posting_id: postingId, title: d.title, number: d.number, issued_on: d.issuedOn }))).execute();
}

/** A posting received from its sending nation's instance that no longer concerns this nation (its host changed), with its documents. */
export async function deleteReceivedPosting(db: Db, id: string): Promise<void> {
  await db.deleteFrom('liaison_documents').where('posting_id', '=', id).execute();
  await db.deleteFrom('liaison_postings').where('id', '=', id).where('created_by', 'is', null).execute();
}
