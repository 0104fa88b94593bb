import { randomUUID } from 'node:crypto';
import { knowsCompany, type RequestFacts } from '../../domain/access/border/index.js';
import { formatRating, parseRating } from '../../domain/dpas/rating.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { FieldValue } from '../../domain/workflows/workflow-engine.js';
import type { Tx } from '../../store/executor.js';
import {
  findAcceptedLinkedOrderForUpdate,
  findLinkedOrderForUpdate,
  findOrderByNumber,
  findUndecidedLinkedOrderForUpdate,
  getOrganisationNameAndNation,
  getOrganisationNation,
  insertSupplierOrder,
  listLinkedOrdersWithSupplier,
  listOpenLinkedOrderIdsForUpdate,
  listRequestItemQuantities,
  updateSupplierOrder,
  type SupplierOrderChanges,
} from '../../store/orders.repository.js';
import type { RequestRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import type { ApiSchema } from '../../contract/api-schema.js';
import { computeCompanySchedule } from './compute-schedule.js';
import { checkAcceptanceDate } from './check-acceptance-date.js';
import { acceptanceDueAt, deskFacts, elementsOf } from './desk-order.js';
import { appendOrderHistory } from '../../store/order-history.repository.js';

/**
 * A SOSA request's rated order placed at a US supplier (the DPAS workflow's place_rated_order
 * step) enters that supplier's order book, linked by request_id, not yet on a line. A second
 * placement at the same supplier (after it rejected and offered a later date) is a new rated
 * order on the same row: the decision is cleared and the clock starts again (700.13(d), 700.16(c)).
 */
export async function placeSosaRatedOrder(ctx: AppContext, trx: Tx, input: { request: RequestRow; actor: Actor; values: Record<string, FieldValue>; now: Date }): Promise<void> {
  const { request, actor, values, now } = input;
  const supplier = values.supplier as string;
  const org = await getOrganisationNation(trx, supplier);
  const calendar = await ctx.calendars.get(org.nation, trx);
  const parsed = parseRating(String(request.fields.rating ?? ''));
  const rating = parsed.ok ? formatRating(parsed.rating) : null;
  const items = await listRequestItemQuantities(trx, request.id);
  const quantity = Math.max(1, items.reduce((sum, i) => sum + Number(i.quantity), 0));
  // The customer's order number, prefixed by the request reference: unique in the supplier's book.
  const orderNumber = `${request.reference}/${String(values.order_number)}`.slice(0, 100);
  const terms = {
    order_number: orderNumber,
    customer: `${request.from_nation} via SOSA request ${request.reference}`,
    rating,
    priority: rating ? (rating.slice(0, 2) as 'DO' | 'DX') : ('unrated' as const),
    quantity,
    required_delivery_date: String(values.required_delivery_date),
    received_at: now,
    accepted: false,
    signed_by: (values.signed_by as string | undefined) ?? null,
    certified: (values.certified as boolean | undefined) ?? null,
    emergency_basis: (values.emergency_basis as 'hazard_occurred' | 'imminent_hazard' | undefined) ?? null,
    emergency_response_hours: (values.emergency_response_hours as number | undefined) ?? null,
    rated_as_of: now,
    decision: null,
    decided_at: null,
    decided_by: null,
    decision_reasons: null,
    rejection_ground: null,
    offered_delivery_date: null,
    updated_at: now,
  };
  const draft = { ...terms, id: '', organisation_id: supplier } as unknown as Parameters<typeof elementsOf>[0];
  const complete = elementsOf(draft, calendar.definition.timeZone).status === 'rated';
  const dueAt = acceptanceDueAt(terms, now, calendar, complete);
  const clash = await findOrderByNumber(trx, supplier, orderNumber);
  if (clash && clash.request_id !== request.id) {
    throw new AppError('CONFLICT', { detail: `The supplier's order book already has an order ${orderNumber}.` });
  }
  const existing = await findLinkedOrderForUpdate(trx, request.id, supplier);
  let orderId: string;
  if (existing) {
    orderId = existing.id;
    await updateSupplierOrder(trx, existing.id, { ...terms, acceptance_due_at: dueAt, cancelled_at: null });
  } else {
    orderId = randomUUID();
    await insertSupplierOrder(trx, { id: orderId, organisation_id: supplier, resource_id: null, request_id: request.id, created_at: now, ...terms, acceptance_due_at: dueAt });
  }
  await appendOrderHistory(trx, {
    orderId,
    at: now,
    actorId: actor.userId,
    kind: 'received',
    newRatedOrder: existing !== undefined,
    before: existing ? { orderNumber: existing.order_number, requiredDeliveryDate: existing.required_delivery_date, decision: existing.decision } : {},
    after: { source: 'sosa_request', reference: request.reference, orderNumber, rating, quantity, requiredDeliveryDate: terms.required_delivery_date, acceptanceDueAt: dueAt?.toISOString() ?? null },
    rule: '15 CFR 700.12(a), 700.13(d)',
  });
}

/**
 * The request's steps after placement, followed on the supplier's linked book row, so the desk and
 * the request tell one story: the decision (700.13), a delay notice with its new date (700.13(d)),
 * the delivery, the closing, and a withdrawal that cancels the open order (700.16(a)). Each is kept
 * in the order's history (700.91); the request's own event and audit record the step itself.
 */
export async function followSosaStep(ctx: AppContext, trx: Tx, input: { request: RequestRow; actor: Actor | null; action: string; values: Record<string, FieldValue>; now: Date }): Promise<void> {
  const { request, actor, action, values, now } = input;
  // A null actor: the requesting nation's official, on its own instance (issue #13); they never take the supplier's decision.
  if (action === 'accept_rated_order' || action === 'reject_rated_order') return actor ? mirrorSosaDecision(ctx, trx, { request, actor, action, values, now }) : undefined;
  if (action === 'withdraw') return cancelOpenOrders(trx, { request, actor, reason: typeof values.reason === 'string' ? values.reason : null, now });
  if (action !== 'report_delay' && action !== 'mark_delivered' && action !== 'confirm_receipt_and_close') return;
  if (!request.supplier_organisation_id) return;
  const row = await findAcceptedLinkedOrderForUpdate(trx, request.id, request.supplier_organisation_id);
  if (!row) return;
  const reasons = typeof values.reasons === 'string' ? values.reasons : typeof values.note === 'string' ? values.note : null;
  let set: SupplierOrderChanges;
  let entry: { kind: 'delay' | 'delivered' | 'closed'; before: Record<string, unknown>; after: Record<string, unknown>; rule: string | null };
  if (action === 'report_delay') {
    const date = String(values.new_delivery_date);
    set = { promised_delivery_date: date, delay_reported_at: now };
    entry = { kind: 'delay', before: { promisedDeliveryDate: row.promised_delivery_date }, after: { promisedDeliveryDate: date, source: 'sosa_request' }, rule: '15 CFR 700.13(d): the customer is told at once, with reasons and the new date' };
  } else if (action === 'mark_delivered') {
    const date = String(values.delivered_on);
    set = { delivered_on: date };
    entry = { kind: 'delivered', before: {}, after: { deliveredOn: date, shipmentReference: values.shipment_reference ?? null, source: 'sosa_request' }, rule: null };
  } else {
    set = { closed_at: now };
    entry = { kind: 'closed', before: {}, after: { closedAt: now.toISOString(), source: 'sosa_request' }, rule: '15 CFR 700.91: kept at least three years from closing' };
  }
  await updateSupplierOrder(trx, row.id, { ...set, updated_at: now });
  await appendOrderHistory(trx, { orderId: row.id, at: now, actorId: actor?.userId ?? null, kind: entry.kind, before: entry.before, after: entry.after, reasons, rule: entry.rule });
}

/** 700.16(a): the customer withdrew the request; its rated order not yet delivered is cancelled, the row kept (700.91). */
async function cancelOpenOrders(trx: Tx, input: { request: RequestRow; actor: Actor | null; reason: string | null; now: Date }): Promise<void> {
  const { request, actor, reason, now } = input;
  const rows = await listOpenLinkedOrderIdsForUpdate(trx, request.id);
  for (const row of rows) {
    await updateSupplierOrder(trx, row.id, { cancelled_at: now, acceptance_due_at: null, updated_at: now });
    await appendOrderHistory(trx, { orderId: row.id, at: now, actorId: actor?.userId ?? null, kind: 'cancel', changeKind: 'cancel', before: { cancelledAt: null }, after: { cancelledAt: now.toISOString(), source: 'sosa_request', reference: request.reference }, reasons: reason, rule: '15 CFR 700.16(a), (e)' });
  }
}

/** The supplier's accept/reject step on the request, mirrored onto its linked book row (700.13). */
async function mirrorSosaDecision(
  ctx: AppContext,
  trx: Tx,
  input: { request: RequestRow; actor: Actor; action: 'accept_rated_order' | 'reject_rated_order'; values: Record<string, FieldValue>; now: Date },
): Promise<void> {
  const { actor, values, now } = input;
  const row = await findUndecidedLinkedOrderForUpdate(trx, input.request.id, actor.organisationId);
  if (!row) return;
  const accepted = input.action === 'accept_rated_order';
  if (accepted && row.priority !== 'unrated' && row.resource_id) {
    // 700.13(b): planned on a line, the acceptance is checked against the book as on the desk.
    const org = await getOrganisationNameAndNation(trx, row.organisation_id);
    const check = await checkAcceptanceDate(ctx, trx, org, row);
    if (!check.ok) {
      throw new AppError('VALIDATION_FAILED', {
        detail: `Rated order ${row.order_number} cannot be accepted for ${row.required_delivery_date}: reject it with the earliest date possible, ${check.earliest}, offered (700.13(b)(1)).`,
        errors: [{ field: 'promised_delivery_date', message: check.text }],
        extra: { earliestDeliveryDate: check.earliest, rules: check.rules, rejectWith: { action: 'reject_rated_order', ground: check.ground, earliest_possible_date: check.earliest } },
      });
    }
  }
  const offered = !accepted && typeof values.earliest_possible_date === 'string' && values.earliest_possible_date > row.required_delivery_date ? values.earliest_possible_date : null;
  const promised = accepted && typeof values.promised_delivery_date === 'string' ? values.promised_delivery_date : null;
  const reasons = typeof values.reasons === 'string' ? values.reasons : accepted ? null : 'Rejected on the SOSA request.';
  const ground = !accepted && typeof values.ground === 'string' ? values.ground : null;
  await updateSupplierOrder(trx, row.id, { decision: accepted ? 'accepted' : 'rejected', accepted, decided_at: now, decided_by: actor.userId, decision_reasons: reasons, rejection_ground: ground, offered_delivery_date: offered, promised_delivery_date: promised, updated_at: now });
  const late = row.acceptance_due_at !== null && now.getTime() > row.acceptance_due_at.getTime();
  await appendOrderHistory(trx, {
    orderId: row.id,
    at: now,
    actorId: actor.userId,
    kind: 'decision',
    before: { decision: null },
    after: { decision: accepted ? 'accepted' : 'rejected', reasons, rejectionGround: ground, offeredDeliveryDate: offered, promisedDeliveryDate: promised, late, source: 'sosa_request' },
    reasons,
    rule: accepted ? '15 CFR 700.13(a), (d)' : '15 CFR 700.13(b)-(d)',
  });
}

/**
 * The request view's rated order as GET /requests/{id} declares it (requests.schema.ts), written once
 * (issue #12): the supplier's promise as moved by a delay notice (700.13(d)), the delivery and the
 * closing as on the desk, and the projected completion of its preferential schedule (700.14).
 */
export type LinkedRatedOrderView = NonNullable<ApiSchema<'RequestDetail'>['ratedOrder']>;

/**
 * The rated order a SOSA request placed, as its supplier's book holds it, for the request view:
 * the latest order of a company the reader may know of on the request (the border, request.ts) —
 * the supplying nation's officials the latest of all, a supplier only its own company's, the
 * requesting nation only the performing company's.
 */
export async function linkedRatedOrder(ctx: AppContext, request: RequestRow, actor: Actor, facts: RequestFacts): Promise<LinkedRatedOrderView | null> {
  const rows = await listLinkedOrdersWithSupplier(ctx.store.db, request.id);
  const row = rows.find((r) => knowsCompany(actor, facts, r.organisation_id));
  if (!row) return null;
  const calendar = await ctx.calendars.get(row.supplier_nation);
  const desk = deskFacts(row, calendar, ctx.now(), null);
  let projected: string | null = null;
  let daysLate: number | null = null;
  if (row.resource_id && desk.actions.includes('plan')) {
    const schedule = await computeCompanySchedule(ctx, { id: row.organisation_id, nation: row.supplier_nation, name: row.supplier_name });
    const planned = schedule.orders.find((o) => o.id === row.id);
    projected = planned?.projectedCompletionDate ?? null;
    daysLate = planned?.daysLate ?? null;
  }
  return {
    orderNumber: row.order_number,
    supplier: { id: row.organisation_id, name: row.supplier_name },
    status: desk.status,
    rating: row.rating,
    requiredDeliveryDate: row.required_delivery_date,
    acceptance: desk.acceptance
      ? { dueAt: desk.acceptance.dueAt, dueDate: desk.acceptance.dueDate, workingDays: desk.acceptance.workingDays, hours: desk.acceptance.hours, rule: desk.acceptance.rule, calendar: desk.acceptance.calendar, workingDaysLeft: desk.acceptance.workingDaysLeft, overdue: desk.acceptance.overdue }
      : null,
    decision: desk.decision ? { decision: desk.decision.decision, decidedAt: desk.decision.decidedAt, late: desk.decision.late, offeredDeliveryDate: desk.decision.offeredDeliveryDate } : null,
    promisedDeliveryDate: desk.promisedDeliveryDate,
    delayReportedAt: desk.delayReportedAt,
    deliveredOn: desk.deliveredOn,
    closedAt: desk.closedAt,
    projectedCompletionDate: projected,
    daysLate,
  };
}
