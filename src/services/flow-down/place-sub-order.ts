import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { hoursDeadline, workingDayDeadline } from '../../domain/calendar/index.js';
import { deriveSubOrderRating, subOrderAcceptanceRule, type SubOrderPurpose } from '../../domain/dpas/flow-down.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { PlacedSubOrderRow } from '../../store/schema.js';
import { bookOrderNumberTaken, findOrderOfCompany, findOrganisationWithKind, insertBookOrder, insertPlacedSubOrder, placedOrderNumberTaken } from '../../store/flow-down.repository.js';
import type { AppContext } from '../context.js';
import { loadSupplierCompany } from '../orders/supplier-company.js';
import { isUuid } from '../../domain/uuid.js';

export interface PlaceSubOrderInput {
  /** A company in the system, of the placing company's nation. */
  supplierOrganisationId?: string | undefined;
  /** An external sub-supplier, by name. */
  supplierName?: string | undefined;
  orderNumber: string;
  purpose: SubOrderPurpose;
  quantity: number;
  requiredDeliveryDate: string;
  description: string;
  /** 700.17(b): the day the inventory being replaced was used to fill the rated order. */
  inventoryUsedOn?: string | undefined;
}

export interface PlacedSubOrder {
  subOrder: PlacedSubOrderRow;
  ratingText: string;
  warnings: string[];
  /** The sub-supplier's calendar time zone, in which its deadline was counted. */
  timeZone: string | null;
}


export function notFoundOrder(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No such order in your company’s book.' });
}

/**
 * The supplier places a rated sub-order with its own supplier to fill one of its rated orders,
 * extending the rating (15 CFR 700.15(a), 700.17). With a company in the system (same nation) the
 * order lands in that company's book — customer = the placing company, the rating derived, no
 * line yet, and the 700.13(d) acceptance deadline counted in the sub-supplier's calendar; an
 * external sub-supplier is recorded by name. One transaction, one audit event.
 */
export async function placeSubOrder(ctx: AppContext, { actor, orderId, input }: { actor: Actor; orderId: string; input: PlaceSubOrderInput }): Promise<PlacedSubOrder> {
  if (!isUuid(orderId)) throw notFoundOrder();
  if ((input.supplierOrganisationId === undefined) === (input.supplierName === undefined)) {
    throw validationError([{ field: 'supplierOrganisationId', message: 'give either supplierOrganisationId (a company in the system) or supplierName (an external supplier), not both or neither' }]);
  }
  return ctx.store.db.transaction().execute(async (trx) => {
    const company = await loadSupplierCompany(trx, actor);
    const parent = await findOrderOfCompany(trx, company.id, orderId);
    if (!parent) throw notFoundOrder();
    if (parent.cancelled_at) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Order ${parent.order_number} was cancelled: no rated sub-order can be placed to fill it (15 CFR 700.16(e)).` });
    if (parent.decision === 'rejected') throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Order ${parent.order_number} was rejected: there is nothing to fill.` });

    const calendar = await ctx.calendars.get(company.nation, trx);
    const now = ctx.now();
    const today = DateTime.fromJSDate(now, { zone: calendar.definition.timeZone }).toISODate()!;
    const derived = deriveSubOrderRating(parent.rating, input.purpose, { usedOn: input.inventoryUsedOn, orderedOn: today });
    if (!derived.ok) {
      const field = derived.field === 'parentRating' ? 'orderId' : derived.field === 'usedOn' || derived.field === 'orderedOn' ? 'inventoryUsedOn' : derived.field;
      throw validationError([{ field, message: derived.message }], 'No rating can be extended to this sub-order.');
    }
    if (input.purpose !== 'inventory_replacement' && input.inventoryUsedOn !== undefined) {
      throw validationError([{ field: 'inventoryUsedOn', message: 'only an inventory replacement order (700.17(b)) names a day of use' }]);
    }
    if (input.requiredDeliveryDate < today) {
      throw validationError([{ field: 'requiredDeliveryDate', message: `${input.requiredDeliveryDate} is in the past (today is ${today} in ${company.nation})` }]);
    }
    const warnings: string[] = [];
    if (input.requiredDeliveryDate > parent.required_delivery_date && input.purpose !== 'inventory_replacement') {
      warnings.push(`The sub-order is due ${input.requiredDeliveryDate}, after the date of the order it fills (${parent.required_delivery_date}): schedule it so the rated order can still be met (15 CFR 700.14(a)).`);
    }

    if (await placedOrderNumberTaken(trx, company.id, input.orderNumber)) throw new AppError('DUPLICATE', { detail: `${company.name} already placed a sub-order numbered ${input.orderNumber}.`, errors: [{ field: 'orderNumber', message: 'is taken' }] });

    let supplier: { id: string | null; name: string };
    let childOrderId: string | null = null;
    let acceptanceDueAt: Date | null = null;
    let timeZone: string | null = null;
    const rule = subOrderAcceptanceRule(derived.level);
    if (input.supplierOrganisationId !== undefined) {
      const org = isUuid(input.supplierOrganisationId)
        ? await findOrganisationWithKind(trx, input.supplierOrganisationId)
        : undefined;
      // A company of another nation is answered like a missing one: existence does not leak.
      if (!org || org.kind !== 'company' || org.nation !== company.nation) {
        throw validationError([{ field: 'supplierOrganisationId', message: `is not a company of ${company.nation} in the system; name an external supplier with supplierName instead` }]);
      }
      if (org.id === company.id) throw validationError([{ field: 'supplierOrganisationId', message: 'is your own company: a sub-order goes to another supplier' }]);
      if (await bookOrderNumberTaken(trx, org.id, input.orderNumber)) throw new AppError('DUPLICATE', { detail: `${org.name}'s book already holds an order numbered ${input.orderNumber}; use another number.`, errors: [{ field: 'orderNumber', message: 'is taken in the supplier’s book' }] });
      supplier = { id: org.id, name: org.name };
      const subCalendar = await ctx.calendars.get(org.nation, trx);
      timeZone = subCalendar.definition.timeZone;
      // 700.13(d): counted from receipt — the order reaches the sub-supplier's book now.
      acceptanceDueAt = rule.kind === 'hours' ? hoursDeadline(now, rule.hours) : workingDayDeadline(subCalendar, now, rule.workingDays).dueAt;
      childOrderId = randomUUID();
      await insertBookOrder(trx, {
        id: childOrderId,
        organisation_id: org.id,
        order_number: input.orderNumber,
        customer: company.name,
        rating: derived.rating,
        priority: derived.level,
        resource_id: null,
        quantity: input.quantity,
        required_delivery_date: input.requiredDeliveryDate,
        received_at: now,
        accepted: false,
        request_id: null,
        created_at: now,
        parent_order_id: parent.id,
        customer_organisation_id: company.id,
        acceptance_due_at: acceptanceDueAt,
        // 700.12(a)(3)-(4): the desk places the sub-order electronically, signed by the placing
        // user and with the certification the rated order carries; without them the
        // sub-supplier's desk would show it as "not yet rated".
        signed_by: actor.username,
        certified: true,
      });
    } else {
      supplier = { id: null, name: input.supplierName! };
    }

    const subOrder = await insertPlacedSubOrder(trx, {
      id: randomUUID(),
      parent_order_id: parent.id,
      placed_by_organisation_id: company.id,
      supplier_organisation_id: supplier.id,
      supplier_name: supplier.name,
      child_order_id: childOrderId,
      order_number: input.orderNumber,
      purpose: input.purpose,
      rating: derived.rating,
      quantity: input.quantity,
      description: input.description,
      required_delivery_date: input.requiredDeliveryDate,
      inventory_used_on: input.inventoryUsedOn ?? null,
      acceptance_due_at: acceptanceDueAt,
      acceptance_rule: rule.rule,
      rating_basis: derived.text,
      placed_at: now,
      placed_by: actor.userId,
    });
    await auditAs(trx, actor, {
      action: 'sub_order.place',
      entityType: 'supplier_order',
      entityId: parent.id,
      data: { subOrder: subOrder.id, orderNumber: input.orderNumber, purpose: input.purpose, rating: derived.rating, parentRating: parent.rating, supplier: supplier.id ?? `external: ${supplier.name}`, childOrder: childOrderId, rules: derived.rules },
    });
    return { subOrder, ratingText: derived.text, warnings, timeZone };
  });
}
