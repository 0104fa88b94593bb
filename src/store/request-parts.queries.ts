import { sql, type RawBuilder } from 'kysely';
import type { Db } from './executor.js';

// The parts of one request (company lines, history, comments, attachments), each written once.
// A part is read either on its own (`requestId` a value: requests.repository.ts) or inside the
// detail's one statement, where `requestId` is a reference to the outer row and the query is
// aggregated into JSON (request-reads.repository.ts). One definition keeps the two reads showing
// the same columns in the same order.

/** The request's id: a value, or a reference to the outer query's `requests.id`. */
type RequestIdOrRef = string | RawBuilder<string>;

/** The company lines of the request with the company's name, oldest first. */
export function requestAssignmentsQuery(db: Db, requestId: RequestIdOrRef) {
  return db
    .selectFrom('request_assignments as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.organisation_id', 'o.name', 'a.status', 'a.details', 'a.created_at', 'a.decided_at'])
    .where('a.request_id', '=', requestId)
    .orderBy('a.created_at')
    .orderBy('o.name');
}

/** The request's history with each actor's name and organisation, in order. */
export function requestEventsQuery(db: Db, requestId: RequestIdOrRef) {
  return (
    db
      .selectFrom('request_events as e')
      // A step taken on a peer's instance has no user here, only the official's name (migration 0035): no login to show.
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['e.id', 'e.at', 'e.action', 'e.from_state', 'e.to_state', 'e.fields', 'e.visibility', 'e.actor_nation', 'u.organisation_id', 'o.kind as organisation_kind'])
      .select([sql<string>`coalesce(u.username, '')`.as('username'), sql<string>`coalesce(u.display_name, e.actor_name)`.as('display_name')])
      .where('e.request_id', '=', requestId)
      .orderBy('e.id')
  );
}

/**
 * The request's comments with each author's name and organisation, oldest first. A comment written
 * on a peer's partner copy (migration 0052) has no author here: the name its message gave, no
 * username, and no organisation of this instance (`organisation_id` '', `organisation_kind` '':
 * an official of the peer's nation, never a company).
 */
export function requestCommentsQuery(db: Db, requestId: RequestIdOrRef) {
  return db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['c.id', 'c.nation', 'c.visibility', 'c.body', 'c.created_at'])
    .select([
      sql<string>`coalesce(u.username, '')`.as('username'),
      sql<string>`coalesce(u.display_name, c.author_name)`.as('display_name'),
      sql<string>`coalesce(u.organisation_id::text, '')`.as('organisation_id'),
      sql<string>`coalesce(o.kind, '')`.as('organisation_kind'),
    ])
    .where('c.request_id', '=', requestId)
    .orderBy('c.created_at');
}

/** The request's attachments (without content) with each uploader's organisation, oldest first (a peer official's file: as for comments above). */
export function requestAttachmentsQuery(db: Db, requestId: RequestIdOrRef) {
  return db
    .selectFrom('attachments as f')
    .leftJoin('users as u', 'u.id', 'f.uploaded_by')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['f.id', 'f.filename', 'f.content_type', 'f.size', 'f.sha256', 'f.visibility', 'f.nation', 'f.created_at'])
    .select([
      // A peer's official has no account here: the name its message gave (migration 0052).
      sql<string>`coalesce(u.display_name, f.uploader_name, '')`.as('uploader_name'),
      sql<string>`coalesce(u.organisation_id::text, '')`.as('organisation_id'),
      sql<string>`coalesce(o.kind, '')`.as('organisation_kind'),
    ])
    .where('f.request_id', '=', requestId)
    .orderBy('f.created_at');
}
