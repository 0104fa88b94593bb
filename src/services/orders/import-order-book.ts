import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { parseRating, formatRating } from '../../domain/dpas/rating.js';
import { AppError, type FieldError } from '../../domain/errors.js';
import { DATE_MAX, QUANTITY_MAX } from '../../domain/bounds.js';
import { dateBoundsProblem, lineCanFinishInRange } from '../../domain/dpas/order-bounds.js';
import { dayIndexOf } from '../../domain/dpas/scheduling/index.js';
import type { Actor } from '../../domain/access/actor.js';
import { isRealDate } from '../../domain/calendar/real-date.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertSupplierOrders, listResourceLines, openUnitsByLine, orderNumbersOf } from '../../store/orders.repository.js';
import type { SupplierOrdersTable } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { notifyOrdersImported } from '../notifications/notify-workflow-step.js';
import { parseCsv } from './csv.js';
import { acceptanceDueAt } from './desk-order.js';
import { ratedOrderProblems } from '../../domain/dpas/rated-order-elements.js';
import { loadSupplierCompany } from './supplier-company.js';
import { appendOrderHistory } from '../../store/order-history.repository.js';

export const ORDER_BOOK_COLUMNS = ['order_number', 'customer', 'rating', 'resource', 'quantity', 'required_delivery_date', 'received_date', 'accepted'] as const;
/** Optional columns: the 700.12(a)(3)-(4) elements and the ship-to. Without them a rated order is "not yet rated". */
export const OPTIONAL_ORDER_BOOK_COLUMNS = ['signed_by', 'certified', 'destination'] as const;
type Column = (typeof ORDER_BOOK_COLUMNS)[number] | (typeof OPTIONAL_ORDER_BOOK_COLUMNS)[number];
const ALL_COLUMNS: readonly string[] = [...ORDER_BOOK_COLUMNS, ...OPTIONAL_ORDER_BOOK_COLUMNS];

const MAX_LISTED_ERRORS = 500;
const TRUE_WORDS = ['true', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'no', 'n', '0', ''];

interface ParsedOrder {
  orderNumber: string;
  customer: string;
  rating: string | null;
  priority: SupplierOrdersTable['priority'];
  resourceName: string;
  quantity: number;
  requiredDeliveryDate: string;
  receivedDate: string;
  accepted: boolean;
  signedBy: string | null;
  certified: boolean | null;
  destination: string | null;
}

/**
 * Imports a CSV order book into the actor's company: every row is checked and every problem is
 * reported as `rows/<row>/<column>` (row 1 is the header, as a spreadsheet numbers it); if any
 * row is bad nothing is imported. The good book is written in one transaction with one audit
 * event. An order number already in the book, or twice in the file, is refused.
 */
export interface ImportedOrderBook {
  imported: number;
  /** The orders created, in file order: their ids open or cancel them (700.16). */
  orders: Array<{ id: string; orderNumber: string }>;
}

export async function importOrderBook(ctx: AppContext, { actor, csv }: { actor: Actor; csv: string }): Promise<ImportedOrderBook> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw invalid([{ field: `rows/${parsed.line}`, message: `not valid CSV: ${parsed.message}` }]);
  const [header, ...rows] = parsed.records;
  if (!header) throw invalid([{ field: 'rows/1', message: `the file is empty: expected a header with the columns ${ORDER_BOOK_COLUMNS.join(', ')}` }]);

  const headerErrors: FieldError[] = [];
  const position = new Map<Column, number>();
  header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!ALL_COLUMNS.includes(name)) headerErrors.push({ field: `rows/1/${raw.trim() || `column ${i + 1}`}`, message: `is not a column of the order book (columns: ${ORDER_BOOK_COLUMNS.join(', ')}; optional: ${OPTIONAL_ORDER_BOOK_COLUMNS.join(', ')})` });
    else if (position.has(name as Column)) headerErrors.push({ field: `rows/1/${name}`, message: 'appears twice in the header' });
    else position.set(name as Column, i);
  });
  for (const column of ORDER_BOOK_COLUMNS) if (!position.has(column)) headerErrors.push({ field: `rows/1/${column}`, message: 'the column is missing from the header' });
  if (headerErrors.length) throw invalid(headerErrors);
  // Row numbers as a spreadsheet shows them (the header is row 1); blank lines are skipped.
  const dataRows = rows.map((record, k) => ({ record, row: k + 2 })).filter(({ record }) => !(record.fields.length === 1 && record.fields[0]!.trim() === ''));
  if (dataRows.length === 0) throw invalid([{ field: 'rows/2', message: 'the order book has no orders' }]);

  return ctx.store.db.transaction().execute(async (trx) => {
    const company = await loadSupplierCompany(trx, actor);
    const calendar = await ctx.calendars.get(company.nation, trx);
    const zone = calendar.definition.timeZone;
    const lines = await listResourceLines(trx, company.id);
    const resources = new Map(lines.map((r) => [r.name, r.id]));
    const capacity = new Map(lines.map((r) => [r.name, r.capacity_per_day]));
    // Units each line already has to make: an import may not load a line past what it can finish in range.
    const openLoad = await openUnitsByLine(trx, company.id);
    const lineLoad = new Map(lines.map((r) => [r.name, Number(openLoad.find((l) => l.resource_id === r.id)?.units ?? 0)]));
    const today = DateTime.fromJSDate(ctx.now(), { zone }).toISODate()!;
    const daysToDateMax = dayIndexOf(today, DATE_MAX);
    const existing = await orderNumbersOf(trx, company.id);

    const errors: FieldError[] = [];
    let omitted = 0;
    const firstRowOf = new Map<string, number>();
    const orders: ParsedOrder[] = [];
    for (const { record, row } of dataRows) {
      const add = (column: Column | null, message: string) => {
        if (errors.length < MAX_LISTED_ERRORS) errors.push({ field: column ? `rows/${row}/${column}` : `rows/${row}`, message });
        else omitted++;
      };
      if (record.fields.length !== header.fields.length) {
        add(null, `has ${record.fields.length} fields; the header has ${header.fields.length}`);
        continue;
      }
      const get = (c: Column) => (position.has(c) ? record.fields[position.get(c)!]!.trim() : '');
      const before = errors.length + omitted;

      const orderNumber = get('order_number');
      if (!orderNumber) add('order_number', 'is required');
      else if (orderNumber.length > 100) add('order_number', 'is longer than 100 characters');
      else if (firstRowOf.has(orderNumber)) add('order_number', `${orderNumber} is also on row ${firstRowOf.get(orderNumber)}: order numbers must be unique`);
      else if (existing.has(orderNumber)) add('order_number', `${orderNumber} is already in the order book`);
      if (orderNumber && !firstRowOf.has(orderNumber)) firstRowOf.set(orderNumber, row);

      const customer = get('customer');
      if (!customer) add('customer', 'is required');
      else if (customer.length > 200) add('customer', 'is longer than 200 characters');

      const ratingText = get('rating');
      let rating: string | null = null;
      let priority: ParsedOrder['priority'] = 'unrated';
      if (ratingText) {
        const r = parseRating(ratingText);
        if (!r.ok) add('rating', r.message);
        else {
          rating = formatRating(r.rating);
          priority = r.rating.level;
        }
      }

      const resourceName = get('resource');
      if (!resourceName) add('resource', 'is required');
      else if (!resources.has(resourceName)) add('resource', `${company.name} has no production resource named ${resourceName}`);

      const quantityText = get('quantity');
      const quantity = /^[+-]?\d+$/.test(quantityText) ? Number(quantityText) : NaN;
      if (!Number.isSafeInteger(quantity)) add('quantity', `must be a whole number of units, not "${quantityText}"`);
      else if (quantity <= 0) add('quantity', `must be more than zero, not ${quantity}`);
      else if (quantity > QUANTITY_MAX) add('quantity', `must be at most ${QUANTITY_MAX.toLocaleString('en-US')} units, not ${quantity.toLocaleString('en-US')}`);
      else if (resources.has(resourceName)) {
        // Schedulable (700.14): the line must be able to make this order, with its other work, before the end of the date range.
        const load = lineLoad.get(resourceName)! + quantity;
        const perDay = capacity.get(resourceName)!;
        if (!lineCanFinishInRange(perDay, quantity, daysToDateMax)) add('quantity', `${resourceName} makes ${perDay.toLocaleString('en-US')} units a working day: ${quantity.toLocaleString('en-US')} units cannot be made before ${DATE_MAX}`);
        else if (!lineCanFinishInRange(perDay, load, daysToDateMax)) add('quantity', `with this order ${resourceName} would have ${load.toLocaleString('en-US')} units to make: more than it can make before ${DATE_MAX}`);
        else lineLoad.set(resourceName, load);
      }

      const due = get('required_delivery_date');
      const received = get('received_date');
      // 700.12(a)(2): a rated order carries a required delivery date; "ASAP" is not a date.
      const dueOk = isRealDate(due) && dateBoundsProblem(due) === null;
      const receivedOk = isRealDate(received) && dateBoundsProblem(received) === null;
      if (!isRealDate(due)) add('required_delivery_date', `must be a date as YYYY-MM-DD ("immediately" or "as soon as possible" is not a date), not "${due}"`);
      else if (!dueOk) add('required_delivery_date', dateBoundsProblem(due)!);
      if (!isRealDate(received)) add('received_date', `must be a date as YYYY-MM-DD, not "${received}"`);
      else if (!receivedOk) add('received_date', dateBoundsProblem(received)!);
      if (dueOk && receivedOk && due < received) add('required_delivery_date', `${due} is before the order was received (${received})`);

      const acceptedText = get('accepted').toLowerCase();
      const accepted = TRUE_WORDS.includes(acceptedText);
      if (!accepted && !FALSE_WORDS.includes(acceptedText)) add('accepted', `must be true or false (or yes/no), not "${get('accepted')}"`);

      const signedBy = get('signed_by');
      if (signedBy.length > 200) add('signed_by', 'is longer than 200 characters');
      const certifiedText = get('certified').toLowerCase();
      const certified = certifiedText === '' ? null : TRUE_WORDS.includes(certifiedText);
      if (certifiedText !== '' && !certified && !FALSE_WORDS.includes(certifiedText)) add('certified', `must be true or false (or yes/no), not "${get('certified')}"`);
      const destination = get('destination');
      if (destination.length > 500) add('destination', 'is longer than 500 characters');

      if (errors.length + omitted === before) {
        orders.push({ orderNumber, customer, rating, priority, resourceName, quantity, requiredDeliveryDate: due, receivedDate: received, accepted, signedBy: signedBy || null, certified, destination: destination || null });
      }
    }
    if (errors.length + omitted > 0) {
      if (omitted) errors.push({ field: 'rows', message: `${omitted} more problems are not listed` });
      throw invalid(errors);
    }

    const now = ctx.now();
    const values = orders.map((o) => {
      // Received at the start of that day in the company's time zone (its working calendar's).
      const receivedAt = DateTime.fromISO(o.receivedDate, { zone }).toJSDate();
      const draft = { rating: o.rating, signed_by: o.signedBy, certified: o.certified, emergency_basis: null, emergency_response_hours: null };
      const complete = ratedOrderProblems({ rating: o.rating ?? undefined, requiredDeliveryDate: o.requiredDeliveryDate, signedBy: o.signedBy ?? undefined, certified: o.certified ?? undefined, receivedDate: o.receivedDate }).length === 0;
      return {
        id: randomUUID(),
        organisation_id: company.id,
        order_number: o.orderNumber,
        customer: o.customer,
        rating: o.rating,
        priority: o.priority,
        resource_id: resources.get(o.resourceName)!,
        quantity: o.quantity,
        required_delivery_date: o.requiredDeliveryDate,
        received_at: receivedAt,
        accepted: o.accepted,
        request_id: null,
        created_at: now,
        updated_at: now,
        signed_by: o.signedBy,
        certified: o.certified,
        destination: o.destination,
        rated_as_of: receivedAt,
        // 700.13(d): the clock of a complete rated order from its receipt, in the company's calendar;
        // none for an order accepted before the import (when it was decided is not known).
        acceptance_due_at: o.accepted ? null : acceptanceDueAt(draft, receivedAt, calendar, complete),
        // An order the book says was accepted is recorded as decided, by the importer, at the import.
        ...(o.accepted ? { decision: 'accepted' as const, decided_at: now, decided_by: actor.userId, decision_reasons: 'Accepted before it was imported into the order book.' } : {}),
      };
    });
    await insertSupplierOrders(trx, values);
    const historyIds = await appendOrderHistory(
      trx,
      values.map((v) => ({
        orderId: v.id,
        at: now,
        actorId: actor.userId,
        kind: 'received' as const,
        before: {},
        after: { source: 'import', receivedAt: v.received_at.toISOString(), rating: v.rating, quantity: v.quantity, requiredDeliveryDate: v.required_delivery_date, accepted: v.accepted },
        rule: null,
      })),
    );
    const count = (p: ParsedOrder['priority']) => orders.filter((o) => o.priority === p).length;
    await auditAs(trx, actor, {
      action: 'order_book.import',
      entityType: 'organisation',
      entityId: company.id,
      data: { orders: orders.length, DX: count('DX'), DO: count('DO'), unrated: count('unrated'), orderNumbers: orders.slice(0, 100).map((o) => o.orderNumber) },
    });
    await notifyOrdersImported(ctx, trx, { organisationId: company.id, actor, acceptanceDueAt: values.flatMap((v) => (v.acceptance_due_at ? [v.acceptance_due_at] : [])), importId: historyIds[0] ?? randomUUID() });
    return { imported: orders.length, orders: values.map((v) => ({ id: v.id, orderNumber: v.order_number })) };
  });
}

function invalid(errors: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', { detail: 'The order book has invalid rows; nothing was imported.', errors });
}
