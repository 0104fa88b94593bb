import type { Db } from './executor.js';
import type { SupplierOrderRow } from './schema.js';

/** An order of the company's book, or undefined (also for another company's order). `forUpdate` locks the row. */
export function findCompanyOrder(db: Db, companyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<SupplierOrderRow | undefined> {
  return db.selectFrom('supplier_orders').selectAll().where('id', '=', id).where('organisation_id', '=', companyId).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}
