import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Database } from '../../store/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface SupplierCompany {
  id: string;
  nation: string;
  name: string;
}

/** The company whose order book the actor works: its own, and only a company has one. */
export async function loadSupplierCompany(db: Executor, actor: Actor): Promise<SupplierCompany> {
  const org = await db.selectFrom('organisations').select(['id', 'nation', 'name', 'kind']).where('id', '=', actor.organisationId).executeTakeFirst();
  if (!org || org.kind !== 'company' || !actor.roles.includes('supplier')) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: 'The order desk is for supplier users of a company.' });
  }
  return { id: org.id, nation: org.nation, name: org.name };
}
