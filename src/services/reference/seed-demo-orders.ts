import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db } from '../../store/executor.js';
import { companyHasOrders, findOrganisationByShortNameAnyNation, insertProductionResourceIfMissing, insertSupplierOrderRows } from '../../store/seed/demo.repository.js';
import { CalendarRegistry } from '../calendars/calendar-registry.js';
import { acceptanceDueAt } from '../orders/desk-order.js';
import { appendOrderHistory } from '../../store/order-history.repository.js';

/**
 * A demo order book for Ohio Precision Castings (us.supplier2), so `npm start` shows the order
 * desk at work: one line, an accepted DO order, a DO order awaiting decision, a DX order whose
 * 700.13 clock is nearly up, one that is not yet rated (no signature, 700.12) and a late unrated
 * order. Dates are relative to `now`. Seeded once: nothing is added if the company has orders.
 */
export async function seedDemoOrderBook(db: Db, now: Date): Promise<number> {
  const org = await findOrganisationByShortNameAnyNation(db, 'OHIO-CAST');
  if (!org) return 0;
  if (await companyHasOrders(db, org.id)) return 0;
  const calendar = await new CalendarRegistry(db).get(org.nation);
  const zone = calendar.definition.timeZone;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const line = randomUUID();
  await insertProductionResourceIfMissing(db, { id: line, organisation_id: org.id, name: 'Investment casting cell', capacity_per_day: 2 });
  const orders = [
    { n: 'OH-24017', customer: 'GE Aerospace, Evendale', rating: 'DO-A1', qty: 30, due: 40, received: -20, accepted: true, signed: 'J. Alvarez, Contracting Officer' },
    { n: 'OH-24031', customer: 'US Army DEVCOM', rating: 'DO-A4', qty: 8, due: 55, received: -1, accepted: false, signed: 'Maj. L. Chen' },
    { n: 'OH-24035', customer: 'Naval Sea Systems Command', rating: 'DX-A3', qty: 4, due: 30, received: -16, accepted: false, signed: 'Capt. R. Ito' },
    { n: 'OH-24038', customer: 'Raytheon, Tucson', rating: 'DO-A2', qty: 6, due: 70, received: 0, accepted: false, signed: null },
    { n: 'OH-U-5520', customer: 'Commercial aftermarket', rating: null, qty: 40, due: 10, received: -15, accepted: true, signed: null },
  ];
  const rows = orders.map((o) => {
    const receivedAt = today.plus({ days: o.received }).toJSDate();
    const terms = { rating: o.rating, emergency_basis: null, emergency_response_hours: null };
    return {
      id: randomUUID(),
      organisation_id: org.id,
      order_number: o.n,
      customer: o.customer,
      rating: o.rating,
      priority: o.rating ? (o.rating.slice(0, 2) as 'DO' | 'DX') : ('unrated' as const),
      resource_id: line,
      quantity: o.qty,
      required_delivery_date: today.plus({ days: o.due }).toISODate()!,
      received_at: receivedAt,
      accepted: o.accepted,
      request_id: null,
      signed_by: o.signed,
      certified: o.signed ? true : null,
      rated_as_of: receivedAt,
      acceptance_due_at: acceptanceDueAt(terms, receivedAt, calendar, o.signed !== null),
      updated_at: now,
      ...(o.accepted ? { decision: 'accepted' as const, decided_at: receivedAt, decision_reasons: 'Accepted (demo data).' } : {}),
    };
  });
  await insertSupplierOrderRows(db, rows);
  await appendOrderHistory(
    db,
    rows.map((r) => ({ orderId: r.id, at: r.received_at, actorId: null, kind: 'received' as const, before: {}, after: { source: 'demo', rating: r.rating, quantity: r.quantity, requiredDeliveryDate: r.required_delivery_date }, rule: null })),
  );
  return rows.length;
}
