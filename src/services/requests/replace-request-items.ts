import type { Transaction } from 'kysely';
import { sameLineItems, type LineItemInput } from '../../domain/requests/line-items.js';
import type { Database } from '../../store/schema.js';

export interface ItemsChange {
  before: LineItemInput[];
  after: LineItemInput[];
}

/**
 * Replaces a request's line items with corrected ones (a resubmission after a return for
 * information), inside the step's transaction. Returns what changed, for the history and the
 * audit event; nothing when the items come back as they were.
 */
export async function replaceRequestItems(trx: Transaction<Database>, requestId: string, items: readonly LineItemInput[] | undefined): Promise<ItemsChange | null> {
  if (!items) return null;
  const rows = await trx.selectFrom('request_items').selectAll().where('request_id', '=', requestId).orderBy('line_no').execute();
  const before = rows.map((r): LineItemInput => ({ partNumber: r.part_number, ...(r.nsn ? { nsn: r.nsn } : {}), description: r.description, quantity: r.quantity, unit: r.unit, requiredDeliveryDate: r.required_delivery_date }));
  const after = items.map((i): LineItemInput => ({ partNumber: i.partNumber, ...(i.nsn ? { nsn: i.nsn } : {}), description: i.description, quantity: i.quantity, unit: i.unit, requiredDeliveryDate: i.requiredDeliveryDate }));
  if (sameLineItems(before, after)) return null;
  await trx.deleteFrom('request_items').where('request_id', '=', requestId).execute();
  await trx
    .insertInto('request_items')
    .values(after.map((item, i) => ({ request_id: requestId, line_no: i + 1, part_number: item.partNumber, nsn: item.nsn ?? null, description: item.description, quantity: item.quantity, unit: item.unit, required_delivery_date: item.requiredDeliveryDate })))
    .execute();
  return { before, after };
}
