import type { SpaStatus } from '../../domain/dpas/spa.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { loadVisibleSpa, partnerNationsOf, scopeOf, viewSpa, withPartnerDelivery, type SpaRequestView } from './spa-view.js';
import { spaViewFor } from '../../domain/dpas/spa.js';
import { listSpaOrderSummaries, listSpaRows } from '../../store/spa.repository.js';
import type { ApiAnswer } from '../../contract/api-schema.js';
import { listReceivedSpaItems, readReceivedSpa } from './received-spa.js';

/** One row of the SPA register, as GET /spa-requests declares it. */
export type SpaListItem = ApiAnswer<'getSpaRequests'>['items'][number];

/**
 * The SPA requests the actor may see, newest first, filtered in SQL by the same rule as the
 * single read (spaViewFor) — the filer's company, its nation's offices (Commerce: forwarded
 * ones), its auditors, and a partner nation's SOSA officer for requests about its SOSA requests.
 */
export async function listSpaRequests(ctx: AppContext, { actor, status }: { actor: Actor; status?: SpaStatus | undefined }): Promise<SpaListItem[]> {
  const db = ctx.store.db;
  const roles = actor.roles;
  const rows = await listSpaRows(
    db,
    {
      nation: actor.nation,
      ownCompanyId: roles.includes('supplier') ? actor.organisationId : null,
      allOfNation: roles.includes('auditor'),
      filedOfNation: roles.includes('sosa_officer') || roles.includes('program_determination'),
      forwardedOfNation: roles.includes('rating_authority'),
      partnerOfNationRequests: roles.includes('sosa_officer'),
    },
    { status },
    LIMIT,
  );
  const partners = await partnerNationsOf(db, rows.map((r) => r.id));
  const orders = rows.length ? await listSpaOrderSummaries(db, rows.map((r) => r.id)) : [];
  const items: Array<SpaListItem & { createdAt: string }> = [];
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
      createdAt: r.created_at.toISOString(),
    });
  }
  // On a sovereign instance, the partner views other nations' instances sent (received-spa.ts), as the same rows.
  for (const v of await listReceivedSpaItems(ctx, actor, status, LIMIT)) {
    items.push({ id: v.id, reference: v.reference, status: v.status, view: 'partner', nation: v.nation, company: v.company.name, supplier: null, program: v.program, orders: v.orders.map((o) => `${o.orderNumber} (${o.rating})`), submittedAt: v.submittedAt, updatedAt: v.updatedAt, createdAt: v.createdAt });
  }
  return items
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, LIMIT)
    .map(({ createdAt: _createdAt, ...item }) => item);
}

const LIMIT = 500;

/** One SPA request the actor may see, else 404: one filed here, or the partner view another nation's instance sent. */
export async function getSpaRequest(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<SpaRequestView> {
  const received = await readReceivedSpa(ctx, actor, id);
  if (received) return { ...received, partnerDelivery: [] };
  const { row, scope, view } = await loadVisibleSpa(ctx.store.db, actor, id);
  return withPartnerDelivery(ctx, ctx.store.db, actor, await viewSpa(ctx.store.db, actor, row, scope, view));
}
