import type { Role } from '../domain/workflows/workflow-definition.js';

/**
 * The demo seed's users as the access tests know them, written out by hand (not read from the
 * seed), so a seed that changes someone's roles or company fails the tests instead of moving
 * their expectations with it.
 */
export interface DemoUser {
  username: string;
  nation: string;
  roles: readonly Role[];
  /** Short name of the user's company, for company (supplier) users. */
  company: string | null;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'in.sosa', nation: 'IN', roles: ['sosa_officer'], company: null },
  { username: 'in.admin', nation: 'IN', roles: ['admin'], company: null },
  { username: 'in.auditor', nation: 'IN', roles: ['auditor'], company: null },
  { username: 'in.analyst', nation: 'IN', roles: ['analyst'], company: null },
  { username: 'in.supplier', nation: 'IN', roles: ['supplier'], company: 'BPF' },
  { username: 'in.supplier2', nation: 'IN', roles: ['supplier'], company: 'DEA' },
  { username: 'us.sosa', nation: 'US', roles: ['sosa_officer'], company: null },
  { username: 'us.dod', nation: 'US', roles: ['program_determination'], company: null },
  { username: 'us.commerce', nation: 'US', roles: ['rating_authority'], company: null },
  { username: 'us.supplier', nation: 'US', roles: ['supplier'], company: 'LYNN-TURB' },
  { username: 'us.supplier2', nation: 'US', roles: ['supplier'], company: 'OHIO-CAST' },
  { username: 'us.auditor', nation: 'US', roles: ['auditor'], company: null },
  { username: 'us.admin', nation: 'US', roles: ['admin'], company: null },
  { username: 'us.analyst', nation: 'US', roles: ['analyst'], company: null },
];
