import { spaOrderLine, spaPartnerNations, spaPartnerView, type SpaFacts, type SpaOrderLink } from '../../domain/access/border/index.js';
import { spaActionsFor, spaPartiesOf, spaViewFor, type SpaAction, type SpaScope, type SpaStatus, type SpaView } from '../../domain/dpas/spa.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db as Executor } from '../../store/executor.js';
import type { SpaRequestOrderRow, SpaRequestRow } from '../../store/schema.js';
import { findSpaRow, listSpaEventRows, listSpaOrderRows, listSpaRequestLinks, organisationName } from '../../store/spa.repository.js';
import type { ApiSchema } from '../../contract/api-schema.js';
import { SPA_REQUEST_OBJECT } from '../../domain/federation/bodies.js';
import type { AppContext } from '../context.js';
import { partnerDelivery } from '../federation/delivery-state.js';
import { isUuid } from '../../domain/uuid.js';


export function spaNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No such Special Priorities Assistance request.' });
}

/** A SPA request as the caller may read it, as the SPA routes declare it. */
export type SpaRequestView = ApiSchema<'SpaRequest'>;
/** The SPA as presented from its rows; `withPartnerDelivery` adds what the outbox says of it. */
export type SpaRecordView = Omit<SpaRequestView, 'partnerDelivery'>;
export type SpaEventView = NonNullable<SpaRequestView['events']>[number];

/**
 * The nations (other than the filer's) that read each SPA's partner view: those whose SOSA request
 * one of its orders is the rated order of, while the filer performs that request (the border,
 * domain/access/border/spa.ts) — not once its order there was rejected or replaced.
 */
export async function partnerNationsOf(db: Executor, spaIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const [id, { nation, links }] of await spaLinksOf(db, spaIds)) {
    const nations = spaPartnerNations(nation, links);
    if (nations.length) out.set(id, nations);
  }
  return out;
}

/** Each SPA's nation and its orders that are rated orders of SOSA requests, as the border reads them (SPAs with none are absent). */
export async function spaLinksOf(db: Executor, spaIds: readonly string[]): Promise<Map<string, { nation: string; links: SpaOrderLink[] }>> {
  const out = new Map<string, { nation: string; links: SpaOrderLink[] }>();
  if (spaIds.length === 0) return out;
  for (const r of await listSpaRequestLinks(db, spaIds)) {
    const entry = out.get(r.spa_request_id) ?? { nation: r.nation, links: [] };
    entry.links.push({ orderCompany: r.organisation_id, request: { id: r.request_id, arrangementId: r.arrangement_id, fromNation: r.from_nation, toNation: r.to_nation, supplierOrganisationId: r.supplier_organisation_id } });
    out.set(r.spa_request_id, entry);
  }
  return out;
}

export function scopeOf(row: SpaRequestRow, partnerNations: readonly string[]): SpaScope {
  return { organisationId: row.organisation_id, nation: row.nation, status: row.status, forwarded: row.forwarded_at !== null, partnerNations };
}

/** Loads one SPA the actor may see (else 404), with its scope and view. */
export async function loadVisibleSpa(db: Executor, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<{ row: SpaRequestRow; scope: SpaScope; view: Exclude<SpaView, null> }> {
  if (!isUuid(id)) throw spaNotFound();
  const row = await findSpaRow(db, id, options);
  if (!row) throw spaNotFound();
  const partners = (await partnerNationsOf(db, [row.id])).get(row.id) ?? [];
  const scope = scopeOf(row, partners);
  const view = spaViewFor(actor, scope);
  if (!view) throw spaNotFound();
  return { row, scope, view };
}

/**
 * Presents an SPA for the actor. The partner view (a SOSA officer of the nation whose request is
 * concerned) leaves out the company's contact, the problem text and what it tried: BIS-999
 * content is business-confidential (DPA 705(d)); the status, orders, program, action requested
 * and outcome are what the partner's priority support depends on.
 */
export function presentSpa(actor: Actor, row: SpaRequestRow, scope: SpaScope, view: 'full' | 'partner', orders: readonly SpaRequestOrderRow[], companyName: string, events: SpaEventView[] | null): SpaRecordView {
  // The partner view is the border's (border/spa.ts), the same that crosses to a peer as `spa.set`.
  if (view === 'partner') return spaPartnerView(spaFactsOf(row, orders, companyName));
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    view,
    nation: row.nation,
    company: { id: row.organisation_id, name: companyName },
    requester: { name: row.requester_name, title: row.requester_title, email: row.requester_email, phone: row.requester_phone },
    customer: row.customer,
    supplier: { organisationId: row.supplier_organisation_id, name: row.supplier_name, contact: row.supplier_contact },
    orders: orders.map((o) => spaOrderLine(o, o.order_id)),
    program: row.program,
    problem: row.problem,
    attemptsMade: row.attempts_made,
    actionRequested: row.action_requested,
    outcomeNote: row.outcome_note,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
    forwardedAt: row.forwarded_at ? row.forwarded_at.toISOString() : null,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    version: row.version,
    actions: spaActionsFor(row.status, spaPartiesOf(actor, scope)),
    events,
  };
}

/** What the border builds the partner view from. */
export function spaFactsOf(row: SpaRequestRow, orders: readonly SpaRequestOrderRow[], companyName: string): SpaFacts {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    nation: row.nation,
    organisationId: row.organisation_id,
    companyName,
    program: row.program,
    actionRequested: row.action_requested,
    outcomeNote: row.outcome_note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    forwardedAt: row.forwarded_at,
    closedAt: row.closed_at,
    version: row.version,
    orders,
  };
}

/** Loads the orders, company name and history and presents one SPA. */
export async function viewSpa(db: Executor, actor: Actor, row: SpaRequestRow, scope: SpaScope, view: 'full' | 'partner'): Promise<SpaRecordView> {
  const orders = await listSpaOrderRows(db, row.id);
  const companyName = await organisationName(db, row.organisation_id);
  let events: SpaEventView[] | null = null;
  if (view === 'full') {
    const rows = await listSpaEventRows(db, row.id);
    events = rows.map((e) => ({ at: e.at.toISOString(), actor: e.display_name, nation: e.actor_nation, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, note: e.note }));
  }
  return presentSpa(actor, row, scope, view, orders, companyName, events);
}

/**
 * Issue #13: whether each partner nation's instance received the SPA's latest partner view
 * (`spa.set`), shown to this instance's own officials who read the whole SPA. A partner view read
 * here (sent by another instance, or the partner's read on a shared deployment) has none: its
 * delivery is the filer's instance's business. Read in the caller's transaction when it has one.
 */
export async function withPartnerDelivery(ctx: AppContext, db: Executor, actor: Actor, spa: SpaRecordView): Promise<SpaRequestView> {
  return { ...spa, partnerDelivery: spa.view === 'full' ? await partnerDelivery(ctx, actor, SPA_REQUEST_OBJECT, spa.id, db) : [] };
}
