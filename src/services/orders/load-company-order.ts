import { AppError } from '../../domain/errors.js';
import type { Db } from '../../store/executor.js';
import type { SupplierOrderRow } from '../../store/schema.js';
import { findCompanyOrder } from '../../store/supplier-orders.repository.js';
import { usernamesByIds } from '../../store/users.repository.js';
import { isUuid } from '../../domain/uuid.js';


export function orderNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No order ${id} in your company's order book.` });
}

/**
 * One order of the company's book; another company's order (of any nation) and a missing one
 * both answer 404. With `forUpdate` the row stays locked to the end of the transaction, so of two
 * racing decisions or changes one waits for the other and then sees its result.
 */
export async function loadCompanyOrder(db: Db, companyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<SupplierOrderRow> {
  if (!isUuid(id)) throw orderNotFound(id);
  const row = await findCompanyOrder(db, companyId, id, options);
  if (!row) throw orderNotFound(id);
  return row;
}

/** Usernames of the deciders, for the rows given. */
export function decidersOf(db: Db, rows: readonly Pick<SupplierOrderRow, 'decided_by'>[]): Promise<Map<string, string>> {
  return usernamesByIds(db, [...new Set(rows.map((r) => r.decided_by).filter((x): x is string => x !== null))]);
}
