import * as border from './border/request.js';

/**
 * The sovereignty rule (DESIGN.md) on requests lives in ./border (one projection per object
 * kind); these are its names as the rest of the code has long used them.
 */
export { isCompanyUser, mayReadInternal, type ReadBasis } from './border/request.js';

/** Why this actor may read the request, or null (answered as 404): see border/request.ts. */
export function readBasis(
  actor: border.BorderReader & { userId?: string; username?: string },
  request: Pick<border.RequestFacts, 'fromNation' | 'toNation' | 'arrangementId'>,
  assignments: border.RequestFacts['assignments'],
): border.ReadBasis | null {
  return border.readBasis(actor, { ...request, supplierOrganisationId: null, assignments });
}
