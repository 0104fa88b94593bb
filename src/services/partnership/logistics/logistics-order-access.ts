import { DATE_BOUNDS_MESSAGE, isDateInBounds, latestDateAnywhere } from '../../../domain/bounds.js';
import { AppError, validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import type { Db } from '../../../store/executor.js';
import { findLogisticsOrder, type LogisticsOrderRow } from '../../../store/logistics.repository.js';
import { isLogisticsParty } from '../../../domain/access/border/logistics.js';
import { notFound } from '../partnership-access.js';
import { isUuid } from '../../../domain/uuid.js';

// The SOSA officers and auditors of the two nations see a logistics order; only the officers
// write; anyone of another nation gets 404.

/** The order if the actor's nation supplies or receives it; 404 otherwise. `forUpdate` locks the row. */
export async function loadOrder(db: Db, actor: Actor, id: string, forUpdate = false): Promise<LogisticsOrderRow> {
  if (!isUuid(id)) throw notFound('logistics order', id);
  const row = await findLogisticsOrder(db, id, { forUpdate });
  if (!row || !isLogisticsParty(actor.nation, row)) throw notFound('logistics order', id);
  return row;
}

/**
 * On a sovereign instance (issue #13) an order is kept by its supplying nation's instance
 * (domain/access/border/logistics.ts): a copy received from it is read here and written there.
 */
export function requireKeptHere(order: LogisticsOrderRow): void {
  if (order.received_from !== null) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: `Logistics order ${order.reference} is kept on ${order.received_from}'s desk, the supplying nation's, and reaches this one as a copy: it is settled and its claims decided there.` });
  }
}

export const requireOfficer = (actor: Actor) => {
  if (!actor.roles.includes('sosa_officer')) throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Only the SOSA officers of the two nations write to the logistics ledger.' });
};

/** A date something happened on: within the domain bounds and not later than today anywhere on earth. */
export function checkRecordedDate(field: string, date: string, now: Date): void {
  if (!isDateInBounds(date)) throw validationError([{ field, message: DATE_BOUNDS_MESSAGE }]);
  const latest = latestDateAnywhere(now);
  if (date > latest) throw validationError([{ field, message: `must not be in the future (it is ${latest} at the latest anywhere)` }]);
}
