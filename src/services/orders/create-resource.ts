import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertProductionResource, resourceNameTaken } from '../../store/orders.repository.js';
import type { ProductionResourceRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadSupplierCompany } from './supplier-company.js';

/** Adds a production resource (a line, a cell) to the actor's company, with its daily capacity in units. */
export async function createResource(ctx: AppContext, { actor, name, capacityPerDay }: { actor: Actor; name: string; capacityPerDay: number }): Promise<ProductionResourceRow> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const company = await loadSupplierCompany(trx, actor);
    if (await resourceNameTaken(trx, company.id, name)) throw new AppError('DUPLICATE', { detail: `${company.name} already has a resource named ${name}.`, errors: [{ field: 'name', message: 'is taken' }] });
    const row = await insertProductionResource(trx, { id: randomUUID(), organisation_id: company.id, name, capacity_per_day: capacityPerDay, created_at: ctx.now() });
    await auditAs(trx, actor, { action: 'resource.create', entityType: 'production_resource', entityId: row.id, data: { organisation: company.id, name, capacityPerDay } });
    return row;
  });
}
