import { sameLineItems, type LineItemInput } from '../../domain/requests/line-items.js';
import type { Tx } from '../../store/executor.js';
import { deleteRequestItems, insertRequestItems, listRequestItemRows } from '../../store/requests.repository.js';

export interface ItemsChange {
  before: LineItemInput[];
  after: LineItemInput[];
}

/**
 * Replaces a request's line items with corrected ones (a resubmission after a return for
 * information), inside the step's transaction. Returns what changed, for the history and the
 * audit event; nothing when the items come back as they were.
 */
export async function replaceRequestItems(trx: Tx, requestId: string, items: readonly LineItemInput[] | undefined): Promise<ItemsChange | null> {
  if (!items) return null;
  const rows = await listRequestItemRows(trx, requestId);
  const before = rows.map((r): LineItemInput => ({ partNumber: r.part_number, ...(r.nsn ? { nsn: r.nsn } : {}), description: r.description, quantity: r.quantity, unit: r.unit, requiredDeliveryDate: r.required_delivery_date }));
  const after = items.map((i): LineItemInput => ({ partNumber: i.partNumber, ...(i.nsn ? { nsn: i.nsn } : {}), description: i.description, quantity: i.quantity, unit: i.unit, requiredDeliveryDate: i.requiredDeliveryDate }));
  if (sameLineItems(before, after)) return null;
  await deleteRequestItems(trx, requestId);
  await insertRequestItems(
    trx,
    requestId,
    after.map((item, i) => ({ line_no: i + 1, part_number: item.partNumber, nsn: item.nsn ?? null, description: item.description, quantity: item.quantity, unit: item.unit, required_delivery_date: item.requiredDeliveryDate })),
  );
  return { before, after };
}
