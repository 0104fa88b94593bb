import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { SpaRequestInput } from '../../domain/dpas/spa.js';
import { validationError, type FieldError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { nextReferenceNumber } from '../../store/reference-counters.js';
import { findOrganisationKind, insertSpaEvent, insertSpaOrders, insertSpaRequest, listCompanyOrdersByIds, listSubOrdersPlacedByIds } from '../../store/spa.repository.js';
import type { AppContext } from '../context.js';
import { notifySpaStep } from '../notifications/notify-workflow-step.js';
import { loadSupplierCompany } from '../orders/supplier-company.js';
import { shareSpaChange } from '../federation/share-spa-change.js';
import { partnerNationsOf, scopeOf, viewSpa, withPartnerDelivery, type SpaRequestView } from './spa-view.js';

/**
 * A supplier files a Special Priorities Assistance request (Form BIS-999, 15 CFR 700.50) about
 * its own orders: an order named by id must be in its company's book or be a rated sub-order it
 * placed, and then its number and rating must be the book's. Saved as a draft, or submitted at
 * once with `submit`. One transaction with its first event and an audit event.
 */
export async function createSpaRequest(ctx: AppContext, { actor, input, submit }: { actor: Actor; input: SpaRequestInput; submit: boolean }): Promise<SpaRequestView> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const company = await loadSupplierCompany(trx, actor);
    const errors: FieldError[] = [];
    const ids = [...new Set(input.orders.flatMap((o) => (o.orderId ? [o.orderId] : [])))];
    const known = new Map<string, { order_number: string; rating: string | null }>();
    if (ids.length) {
      const own = await listCompanyOrdersByIds(trx, company.id, ids);
      const placed = await listSubOrdersPlacedByIds(trx, company.id, ids);
      for (const o of [...own, ...placed]) known.set(o.id, o);
    }
    input.orders.forEach((o, i) => {
      if (!o.orderId) return;
      const book = known.get(o.orderId);
      if (!book) errors.push({ field: `orders/${i}/orderId`, message: `is not an order of ${company.name} nor a sub-order it placed` });
      else {
        if (book.order_number !== o.orderNumber) errors.push({ field: `orders/${i}/orderNumber`, message: `the order is numbered ${book.order_number} in the book` });
        if (book.rating !== o.rating) errors.push({ field: `orders/${i}/rating`, message: book.rating ? `the order is rated ${book.rating} in the book` : 'the order is unrated: assistance is for rated orders here' });
      }
    });
    if (input.supplier.organisationId) {
      const org = await findOrganisationKind(trx, input.supplier.organisationId);
      if (!org || org.kind !== 'company' || org.nation !== company.nation) errors.push({ field: 'supplier/organisationId', message: `is not a company of ${company.nation} in the system; give the supplier's name only` });
    }
    if (errors.length) throw validationError(errors, 'The assistance request names orders or companies that do not fit.');

    const now = ctx.now();
    // A counter row in this transaction: a failed filing gives its number back (no gap).
    const series = `SPA-${company.nation}-${DateTime.fromJSDate(now, { zone: 'utc' }).year}`;
    const reference = `${series}-${String(await nextReferenceNumber(trx, series)).padStart(5, '0')}`;
    const status = submit ? 'submitted' : 'draft';
    const row = await insertSpaRequest(trx, {
      id: randomUUID(),
      reference,
      organisation_id: company.id,
      nation: company.nation,
      status,
      requester_name: input.requester.name,
      requester_title: input.requester.title || null,
      requester_email: input.requester.email,
      requester_phone: input.requester.phone || null,
      customer: input.customer || null,
      supplier_organisation_id: input.supplier.organisationId ?? null,
      supplier_name: input.supplier.name,
      supplier_contact: input.supplier.contact || null,
      program: input.program,
      problem: input.problem,
      attempts_made: input.attemptsMade,
      action_requested: input.actionRequested,
      outcome_note: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      submitted_at: submit ? now : null,
      forwarded_at: null,
      closed_at: null,
    });
    await insertSpaOrders(
      trx,
      row.id,
      input.orders.map((o, i) => ({
        line_no: i + 1,
        order_id: o.orderId ?? null,
        order_number: o.orderNumber,
        rating: o.rating,
        items: o.items,
        quantity: o.quantity,
        required_delivery_date: o.requiredDeliveryDate,
        promised_delivery_date: o.promisedDeliveryDate ?? null,
      })),
    );
    const eventId = await insertSpaEvent(trx, { spa_request_id: row.id, at: now, actor_id: actor.userId, actor_nation: actor.nation, action: submit ? 'create_and_submit' : 'create', from_status: null, to_status: status, note: null });
    await auditAs(trx, actor, {
      action: 'spa_request.create',
      entityType: 'spa_request',
      entityId: row.id,
      data: { reference, status, orders: input.orders.map((o) => `${o.orderNumber} ${o.rating}`), supplier: input.supplier.organisationId ?? input.supplier.name },
    });
    const partners = (await partnerNationsOf(trx, [row.id])).get(row.id) ?? [];
    await notifySpaStep(ctx, trx, { spa: row, scope: scopeOf(row, partners), actor, eventId });
    // Sovereign instances (issue #13): a partner nation's instance reads the partner view of a filed SPA.
    await shareSpaChange(ctx, trx, row.id);
    return withPartnerDelivery(ctx, trx, actor, await viewSpa(trx, actor, row, scopeOf(row, partners), 'full'));
  });
}
