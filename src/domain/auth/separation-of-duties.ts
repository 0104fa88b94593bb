import type { FieldError } from '../errors.js';

/**
 * Separation of duties (issue #10.7; NIST SP 800-53 AC-5): whoever audits must not also
 * administer the accounts or take the decisions that the audit checks. The auditor role therefore
 * excludes the admin role and the officer roles (the SOSA office, DoD's program determination,
 * Commerce's rating authority) on one account. Reading roles (analyst) do not conflict.
 */
export const EXCLUDED_WITH_AUDITOR = ['admin', 'sosa_officer', 'program_determination', 'rating_authority'] as const;

/** The field error for a set of roles that breaks the rule, or null. */
export function rolesConflict(roles: readonly string[]): FieldError | null {
  if (!roles.includes('auditor')) return null;
  const clashing = EXCLUDED_WITH_AUDITOR.filter((r) => roles.includes(r));
  if (clashing.length === 0) return null;
  return { field: 'roles', message: `the auditor role cannot be held with ${clashing.join(', ')}: whoever audits must not administer or decide what is audited` };
}
