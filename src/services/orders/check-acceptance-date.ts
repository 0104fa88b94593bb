import { checkAcceptance, dateOfDayIndex, dayIndexOf } from '../../domain/dpas/scheduling/index.js';
import type { RejectionGround } from '../../domain/dpas/order-decision.js';
import type { Tx } from '../../store/executor.js';
import type { SupplierOrderRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadCompanyBook } from './compute-schedule.js';
import { localDate } from './desk-order.js';
import type { SupplierCompany } from './supplier-company.js';

export type AcceptanceDateCheck =
  | { ok: true; schedule: Record<string, unknown> }
  | {
      ok: false;
      /** The earliest date the line can make it without breaking accepted rated orders: the date to offer. */
      earliest: string;
      /** 700.13(b)(1) when the line alone cannot make it; (b)(2)-(3) when accepted rated orders hold the capacity. */
      ground: RejectionGround;
      /** Why, naming the orders and dates. */
      text: string;
      rules: readonly string[];
      reason: string;
    };

/**
 * 700.13(b): checks accepting a rated order planned on a line against the company's current book:
 * can the line make it by its required date without delaying previously accepted orders it may
 * not delay? When not, gives the earliest date possible and the ground to reject with.
 */
export async function checkAcceptanceDate(ctx: AppContext, trx: Tx, company: SupplierCompany, row: SupplierOrderRow): Promise<AcceptanceDateCheck> {
  const { today, zone, book, engineResources, resourceName } = await loadCompanyBook(ctx, company, trx);
  const others = book.filter((o) => o.id !== row.order_number);
  const newOrder = {
    id: row.order_number,
    resourceId: resourceName.get(row.resource_id!)!,
    priority: row.priority,
    quantity: row.quantity,
    dueDay: dayIndexOf(today, row.required_delivery_date),
    receivedDay: dayIndexOf(today, localDate(row.received_at, zone)),
    accepted: false,
  };
  const result = checkAcceptance({ startDay: 0, resources: engineResources, orders: others }, newOrder);
  const earliest = dateOfDayIndex(today, result.earliestDay);
  if (result.status === 'cannot-accept-as-dated') {
    const text = result.text.replace(/\bday (-?\d+)\b/g, (_m, d: string) => dateOfDayIndex(today, Number(d)));
    return { ok: false, earliest, ground: result.reason === 'capacity' ? 'cannot_meet_date' : 'interferes_with_accepted_rated_orders', text, rules: result.rules, reason: result.reason };
  }
  return {
    ok: true,
    schedule: { earliestCompletion: earliest, delays: result.impact.map((i) => ({ order: i.orderId, from: dateOfDayIndex(today, i.completionBefore), to: dateOfDayIndex(today, i.completionAfter), notifyCustomer: i.notifyCustomer })) },
  };
}
