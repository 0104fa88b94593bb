import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../../store/executor.js';
import { findNetwork, findNetworkWithModel } from '../../store/networks.repository.js';
import type { SupplyNetworkRow } from '../../store/schema.js';
import { isUuid } from '../../domain/uuid.js';

/** Networks are national: the owner nation's analysts build and analyse them… */
export const NETWORK_WRITERS: readonly Role[] = ['analyst'];
/** …and its SOSA officers and auditors read them. Any other nation: 404. */
export const NETWORK_READERS: readonly Role[] = ['analyst', 'sosa_officer', 'auditor'];


export function mayRead(actor: Actor): boolean {
  return actor.roles.some((r) => NETWORK_READERS.includes(r));
}
export function mayWrite(actor: Actor): boolean {
  return actor.roles.some((r) => NETWORK_WRITERS.includes(r));
}

export function networkNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No such supply network.' });
}

/**
 * The network if it exists and belongs to the actor's nation; otherwise 404 (a network of
 * another nation and a missing one answer alike). The model is loaded only when asked for.
 */
export async function loadNetworkRow(db: Db, actor: Actor, id: string, withModel: true): Promise<SupplyNetworkRow>;
export async function loadNetworkRow(db: Db, actor: Actor, id: string, withModel?: false): Promise<Omit<SupplyNetworkRow, 'model'>>;
export async function loadNetworkRow(db: Db, actor: Actor, id: string, withModel = false): Promise<SupplyNetworkRow | Omit<SupplyNetworkRow, 'model'>> {
  if (!isUuid(id)) throw networkNotFound();
  const row = withModel ? await findNetworkWithModel(db, actor.nation, id) : await findNetwork(db, actor.nation, id);
  if (!row) throw networkNotFound();
  return row;
}
