import type { Insertable, Updateable } from 'kysely';
import { compiledOnce } from './compiled-once.js';
import type { Db } from './executor.js';
import type { Database, SpaRequestRow } from './schema.js';

// The SQL of the Special Priorities Assistance requests (Form BIS-999, 15 CFR 700.50): the
// request, its orders and events, and the list. Who may read or act is decided in
// src/domain/dpas/spa.ts and src/services/spa.

/**
 * What a list reader may see, each grant decided by the service from the actor's roles
 * (spaViewFor): the reader sees an SPA that any of the grants allows.
 */
export interface SpaListGrants {
  nation: string;
  /** Every SPA its company filed (a supplier). */
  ownCompanyId: string | null;
  /** Every SPA of its nation (an auditor). */
  allOfNation: boolean;
  /** Every SPA of its nation past draft (the SOSA office, program determination). */
  filedOfNation: boolean;
  /** Every SPA of its nation forwarded to Commerce (the rating authority). */
  forwardedOfNation: boolean;
  /** Another nation's SPA, past draft, about a rated order of a SOSA request its nation is party to, while the filer performs it. */
  partnerOfNationRequests: boolean;
}

/**
 * Up to `limit` SPA requests the grants allow, with the filing company's name, newest first.
 * Compiled once per shape (issue #14; the dashboard counts the register through it on every
 * read): which grants the reader has and whether a status is asked for steer the statement; the
 * nation, the company, the status and the limit are bound per call.
 */
export async function listSpaRows(db: Db, grants: SpaListGrants, filter: { status?: string | undefined }, limit: number) {
  const byNation = grants.allOfNation || grants.filedOfNation || grants.forwardedOfNation || grants.partnerOfNationRequests;
  const shape = [byNation, grants.ownCompanyId !== null, grants.allOfNation, grants.filedOfNation, grants.forwardedOfNation, grants.partnerOfNationRequests, Boolean(filter.status)].join();
  // The values that reach the SQL, in an order fixed by the shape.
  const values: unknown[] = [limit, ...(byNation ? [grants.nation] : []), ...(grants.ownCompanyId !== null ? [grants.ownCompanyId] : []), ...(filter.status ? [filter.status] : [])];
  let query = spaListQueries.get(shape);
  if (!query) {
    const template = { grants, status: filter.status };
    query = compiledOnce((b, ...stand: unknown[]) => {
      let next = 1;
      const nation = (byNation ? stand[next++] : template.grants.nation) as string;
      const ownCompanyId = template.grants.ownCompanyId !== null ? (stand[next++] as string) : null;
      const status = template.status ? (stand[next++] as string) : undefined;
      return spaListStatement(b, { ...template.grants, nation, ownCompanyId }, { status }, stand[0] as number);
    });
    spaListQueries.set(shape, query);
  }
  return (await query(db, ...values)) as SpaListRow[];
}

const spaListQueries = new Map<string, (db: Db, ...values: unknown[]) => Promise<unknown[]>>();
type SpaListRow = Awaited<ReturnType<ReturnType<typeof spaListStatement>['execute']>>[number];

function spaListStatement(db: Db, grants: SpaListGrants, filter: { status?: string | undefined }, limit: number) {
  let query = db.selectFrom('spa_requests as s').innerJoin('organisations as o', 'o.id', 's.organisation_id').selectAll('s').select('o.name as company_name');
  if (filter.status) query = query.where('s.status', '=', filter.status as SpaRequestRow['status']);
  query = query.where((eb) => {
    const own = [];
    if (grants.ownCompanyId !== null) own.push(eb('s.organisation_id', '=', grants.ownCompanyId));
    if (grants.allOfNation) own.push(eb('s.nation', '=', grants.nation));
    if (grants.filedOfNation) own.push(eb.and([eb('s.nation', '=', grants.nation), eb('s.status', '!=', 'draft')]));
    if (grants.forwardedOfNation) own.push(eb.and([eb('s.nation', '=', grants.nation), eb('s.forwarded_at', 'is not', null)]));
    if (grants.partnerOfNationRequests) {
      own.push(
        eb.and([
          eb('s.nation', '!=', grants.nation),
          eb('s.status', '!=', 'draft'),
          eb.exists(
            eb
              .selectFrom('spa_request_orders as so')
              .innerJoin('supplier_orders as so_o', 'so_o.id', 'so.order_id')
              .innerJoin('requests as r', 'r.id', 'so_o.request_id')
              .select('so.line_no')
              .whereRef('so.spa_request_id', '=', 's.id')
              // Only while the filer performs the request (border/spa.ts; partnerNationsOf decides).
              .whereRef('r.supplier_organisation_id', '=', 'so_o.organisation_id')
              .where((e) => e.or([e('r.from_nation', '=', grants.nation), e('r.to_nation', '=', grants.nation)])),
          ),
        ]),
      );
    }
    return own.length ? eb.or(own) : eb.val(false);
  });
  return query.orderBy('s.created_at', 'desc').limit(limit);
}

/** The order numbers and ratings of the SPA requests, by line. */
export function listSpaOrderSummaries(db: Db, spaIds: readonly string[]) {
  return db.selectFrom('spa_request_orders').select(['spa_request_id', 'order_number', 'rating']).where('spa_request_id', 'in', [...spaIds]).orderBy('line_no').execute();
}

/** For each order of the SPA requests that is the rated order of a SOSA request: the request's nations and performer, the order's company and the SPA's nation. */
export function listSpaRequestLinks(db: Db, spaIds: readonly string[]) {
  return db
    .selectFrom('spa_request_orders as so')
    .innerJoin('supplier_orders as o', 'o.id', 'so.order_id')
    .innerJoin('requests as r', 'r.id', 'o.request_id')
    .innerJoin('spa_requests as s', 's.id', 'so.spa_request_id')
    .select(['so.spa_request_id', 'r.id as request_id', 'r.arrangement_id', 'r.from_nation', 'r.to_nation', 'r.supplier_organisation_id', 'o.organisation_id', 's.nation'])
    .where('so.spa_request_id', 'in', [...spaIds])
    .execute();
}

/** The SPA request, or undefined; `forUpdate` locks it until the transaction ends. */
export function findSpaRow(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<SpaRequestRow | undefined> {
  return db.selectFrom('spa_requests').selectAll().where('id', '=', id).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

/** The SPA request's orders, by line. */
export function listSpaOrderRows(db: Db, spaId: string) {
  return db.selectFrom('spa_request_orders').selectAll().where('spa_request_id', '=', spaId).orderBy('line_no').execute();
}

/** The organisation's name (it must exist). */
export async function organisationName(db: Db, id: string): Promise<string> {
  return (await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
}

/** The SPA request's history with each actor's display name, in order. */
export function listSpaEventRows(db: Db, spaId: string) {
  return db
    .selectFrom('spa_request_events as e')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'u.display_name', 'e.actor_nation', 'e.action', 'e.from_status', 'e.to_status', 'e.note'])
    .where('e.spa_request_id', '=', spaId)
    .orderBy('e.id')
    .execute();
}

/** Of the order ids: those in the company's book, with number and rating. */
export function listCompanyOrdersByIds(db: Db, companyId: string, ids: readonly string[]) {
  return db.selectFrom('supplier_orders').select(['id', 'order_number', 'rating']).where('id', 'in', [...ids]).where('organisation_id', '=', companyId).execute();
}

/** Of the order ids: the rated sub-orders the company placed, with number and rating. */
export function listSubOrdersPlacedByIds(db: Db, companyId: string, ids: readonly string[]) {
  return db
    .selectFrom('placed_sub_orders as p')
    .innerJoin('supplier_orders as o', 'o.id', 'p.child_order_id')
    .select(['o.id', 'o.order_number', 'o.rating'])
    .where('o.id', 'in', [...ids])
    .where('p.placed_by_organisation_id', '=', companyId)
    .execute();
}

/** The organisation's id, nation and kind, or undefined. */
export function findOrganisationKind(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'nation', 'kind']).where('id', '=', id).executeTakeFirst();
}

export function insertSpaRequest(db: Db, values: Insertable<Database['spa_requests']>): Promise<SpaRequestRow> {
  return db.insertInto('spa_requests').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertSpaOrders(db: Db, spaId: string, orders: readonly Omit<Insertable<Database['spa_request_orders']>, 'spa_request_id'>[]): Promise<void> {
  await db
    .insertInto('spa_request_orders')
    .values(orders.map((o) => ({ spa_request_id: spaId, ...o })))
    .execute();
}

/** Records a step in the SPA's history; returns the event's id. */
export async function insertSpaEvent(db: Db, values: Insertable<Database['spa_request_events']>): Promise<number> {
  return (await db.insertInto('spa_request_events').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes a step on the SPA if it is still at `version` (optimistic check); the updated row, or undefined when it changed meanwhile. */
export function updateSpaAtVersion(db: Db, id: string, version: number, set: Updateable<Database['spa_requests']>): Promise<SpaRequestRow | undefined> {
  return db.updateTable('spa_requests').set(set).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/**
 * Counts one more change of what partner nations read of the SPA (its partner view, or who reads
 * it), the version `spa.set` carries (migration 0038). The row stays locked until the commit, so
 * two changes of one SPA are numbered and sent in the order they commit.
 */
export async function bumpSpaPartnerVersion(trx: Db, id: string): Promise<SpaRequestRow | undefined> {
  return trx.updateTable('spa_requests').set((eb) => ({ partner_version: eb('partner_version', '+', 1) })).where('id', '=', id).returningAll().executeTakeFirst();
}

/** The SPA requests one of whose orders is a rated order of the SOSA request. */
export async function listSpaIdsAboutRequest(db: Db, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('spa_request_orders as so')
    .innerJoin('supplier_orders as o', 'o.id', 'so.order_id')
    .select('so.spa_request_id')
    .distinct()
    .where('o.request_id', '=', requestId)
    .execute();
  return rows.map((r) => r.spa_request_id);
}

/** The filed SPA requests of `nation` about a rated order of a SOSA request `partner` is party to (the border then decides which it reads). */
export async function listFiledSpasAboutRequestsOf(db: Db, nation: string, partner: string): Promise<SpaRequestRow[]> {
  return db
    .selectFrom('spa_requests as s')
    .selectAll('s')
    .where('s.nation', '=', nation)
    .where('s.status', '!=', 'draft')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('spa_request_orders as so')
          .innerJoin('supplier_orders as o', 'o.id', 'so.order_id')
          .innerJoin('requests as r', 'r.id', 'o.request_id')
          .select('so.line_no')
          .whereRef('so.spa_request_id', '=', 's.id')
          .where((e) => e.or([e('r.from_nation', '=', partner), e('r.to_nation', '=', partner)])),
      ),
    )
    .orderBy('s.created_at')
    .execute();
}
