import type { Actor } from '../../domain/access/actor.js';
import type { ProductionResourceRow } from '../../store/schema.js';
import { listProductionResources } from '../../store/orders.repository.js';
import type { AppContext } from '../context.js';
import { loadSupplierCompany } from './supplier-company.js';

/** The production resources of the actor's own company, by name. */
export async function listResources(ctx: AppContext, { actor }: { actor: Actor }): Promise<ProductionResourceRow[]> {
  const company = await loadSupplierCompany(ctx.store.db, actor);
  return listProductionResources(ctx.store.db, company.id);
}
