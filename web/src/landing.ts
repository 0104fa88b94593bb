// Where each user starts (issue #11 item 12): the first page after signing in, and the target of
// "Go to your start page". Officials start on their dashboard, a company on its desk (the DPAS
// order desk in a nation that answers under DPAS, the Code of Conduct commitments desk in one
// that keeps a Code of Conduct), an auditor on the audit log.
import type { Reference, User } from './api/types.js';

const OFFICIAL_ROLES = ['sosa_officer', 'program_determination', 'rating_authority', 'admin', 'analyst'] as const;

/** How requests reach the user's nation: through DPAS, a Code of Conduct, or neither. */
function answersUnder(user: User, reference: Reference, workflowId: string): boolean {
  return reference.arrangements.some((a) => a.directions.some((d) => d.toNation === user.nation && d.workflowId === workflowId));
}

/** A company of a nation that answers under DPAS (15 CFR 700): it keeps a DPAS order desk. */
export function isDpasCompany(user: User, reference: Reference): boolean {
  return user.roles.includes('supplier') && answersUnder(user, reference, 'dpas');
}

/** A company of a nation that keeps a Code of Conduct: it answers on its commitments desk. */
export function isCodeOfConductCompany(user: User, reference: Reference): boolean {
  return user.roles.includes('supplier') && answersUnder(user, reference, 'code_of_conduct');
}

export function landingPath(user: User, reference: Reference): string {
  if (isDpasCompany(user, reference)) return '/orders';
  if (isCodeOfConductCompany(user, reference)) return '/commitments';
  if (OFFICIAL_ROLES.some((r) => user.roles.includes(r))) return '/dashboard';
  if (user.roles.includes('auditor')) return '/audit';
  return '/queue';
}
