import type { Actor, AssignmentState } from '../workflows/workflow-engine.js';

/**
 * The sovereignty rule (DESIGN.md): a user sees only what its nation is party to; a company
 * user sees only its own company's work; one nation's internal deliberation (internal notes,
 * the shortlist of candidate companies) never reaches the other nation — nor its companies.
 */
export function isCompanyUser(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('supplier');
}

export interface RequestParties {
  fromNation: string;
  toNation: string;
  arrangementId: string;
}

export type ReadBasis = { kind: 'own_nation' } | { kind: 'arrangement'; arrangementId: string } | { kind: 'assigned_company' };

/** Why this actor may read the request, or null (which the API answers as 404, never 403). */
export function readBasis(actor: Actor, request: RequestParties, assignments: readonly AssignmentState[]): ReadBasis | null {
  if (actor.nation !== request.fromNation && actor.nation !== request.toNation) return null;
  if (isCompanyUser(actor)) {
    return assignments.some((a) => a.organisationId === actor.organisationId) ? { kind: 'assigned_company' } : null;
  }
  return actor.nation === request.fromNation ? { kind: 'own_nation' } : { kind: 'arrangement', arrangementId: request.arrangementId };
}

/** Internal notes and internal history steps: officials of the nation that wrote them only. */
export function mayReadInternal(actor: Actor, nationOfItem: string): boolean {
  return actor.nation === nationOfItem && !isCompanyUser(actor);
}

export type AssignmentView = 'all' | 'own' | 'performing_only';

/** The shortlist is the supplying nation's: its officials see it all, a company its own line, the requesting nation only who performs. */
export function assignmentView(actor: Actor, request: RequestParties): AssignmentView {
  if (isCompanyUser(actor)) return 'own';
  return actor.nation === request.toNation ? 'all' : 'performing_only';
}
