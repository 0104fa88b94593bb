import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../../store/executor.js';
import { findDeskOrganisation } from '../../store/orders.repository.js';

export interface SupplierCompany {
  id: string;
  nation: string;
  name: string;
}

/** The company whose order book the actor works: its own, and only a company has one. */
export async function loadSupplierCompany(db: Db, actor: Actor): Promise<SupplierCompany> {
  const org = await findDeskOrganisation(db, actor.organisationId);
  if (!org || org.kind !== 'company' || !actor.roles.includes('supplier')) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: 'The order desk is for supplier users of a company.' });
  }
  return { id: org.id, nation: org.nation, name: org.name };
}
