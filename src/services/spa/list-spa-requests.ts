import type { SpaStatus } from '../../domain/dpas/spa.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { loadVisibleSpa, partnerNationsOf, scopeOf, viewSpa, type SpaRequestView } from './spa-view.js';
import { spaViewFor } from '../../domain/dpas/spa.js';

export interface SpaListItem {
  id: string;
  reference: string;
  status: SpaStatus;
  view: 'full' | 'partner';
  nation: string;
  company: string;
  supplier: string | null;
  program: string;
  orders: string[];
  submittedAt: string | null;
  updatedAt: string;
}

/**
 * The SPA requests the actor may see, newest first, filtered in SQL by the same rule as the
 * single read (spaViewFor) — the filer's company, its nation's offices (Commerce: forwarded
 * ones), its auditors, and a partner nation's SOSA officer for requests about its SOSA requests.
 */
export async function listSpaRequests(ctx: AppContext, { actor, status }: { actor: Actor; status?: SpaStatus | undefined }): Promise<SpaListItem[]> {
  const db = ctx.store.db;
  const roles = actor.roles;
  let query = db.selectFrom('spa_requests as s').innerJoin('organisations as o', 'o.id', 's.organisation_id').selectAll('s').select('o.name as company_name');
  if (status) query = query.where('s.status', '=', status);
  query = query.where((eb) => {
    const own = [];
    if (roles.includes('supplier')) own.push(eb('s.organisation_id', '=', actor.organisationId));
    if (roles.includes('auditor')) own.push(eb('s.nation', '=', actor.nation));
    if (roles.includes('sosa_officer') || roles.includes('program_determination')) own.push(eb.and([eb('s.nation', '=', actor.nation), eb('s.status', '!=', 'draft')]));
    if (roles.includes('rating_authority')) own.push(eb.and([eb('s.nation', '=', actor.nation), eb('s.forwarded_at', 'is not', null)]));
    if (roles.includes('sosa_officer')) {
      own.push(
        eb.and([
          eb('s.nation', '!=', actor.nation),
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
              .where((e) => e.or([e('r.from_nation', '=', actor.nation), e('r.to_nation', '=', actor.nation)])),
          ),
        ]),
      );
    }
    return own.length ? eb.or(own) : eb.val(false);
  });
  const rows = await query.orderBy('s.created_at', 'desc').limit(500).execute();
  const partners = await partnerNationsOf(db, rows.map((r) => r.id));
  const orders = rows.length ? await db.selectFrom('spa_request_orders').select(['spa_request_id', 'order_number', 'rating']).where('spa_request_id', 'in', rows.map((r) => r.id)).orderBy('line_no').execute() : [];
  const items: SpaListItem[] = [];
  for (const r of rows) {
    // The SQL filter and the single-read rule are one rule; the list keeps only what both allow.
    const view = spaViewFor(actor, scopeOf(r, partners.get(r.id) ?? []));
    if (!view) continue;
    items.push({
      id: r.id,
      reference: r.reference,
      status: r.status,
      view,
      nation: r.nation,
      company: r.company_name,
      supplier: view === 'full' ? r.supplier_name : null,
      program: r.program,
      orders: orders.filter((o) => o.spa_request_id === r.id).map((o) => `${o.order_number} (${o.rating})`),
      submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
      updatedAt: r.updated_at.toISOString(),
    });
  }
  return items;
}

/** One SPA request the actor may see, else 404. */
export async function getSpaRequest(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<SpaRequestView> {
  const { row, scope, view } = await loadVisibleSpa(ctx.store.db, actor, id);
  return viewSpa(ctx.store.db, actor, row, scope, view);
}
