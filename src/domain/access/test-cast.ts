import type { Actor } from './actor.js';

// The demo's officials and companies as domain actors, for the domain tests: the ministries'
// offices, the US agencies, and the suppliers by their demo short names.

/** An actor of `nation` with `roles`, in its ministry unless a company is named. */
export const testActor = (nation: string, roles: Actor['roles'], organisationId = `${nation}-ministry`): Actor => ({ userId: `${organisationId}:${roles.join('+')}`, username: roles.join('+'), nation, organisationId, roles });

export const inSosa = testActor('IN', ['sosa_officer']);
export const inAuditor = testActor('IN', ['auditor']);
export const usSosa = testActor('US', ['sosa_officer']);
export const usAuditor = testActor('US', ['auditor']);
export const usDod = testActor('US', ['program_determination']);
export const usCommerce = testActor('US', ['rating_authority']);
export const lynn = testActor('US', ['supplier'], 'LYNN');
export const ohio = testActor('US', ['supplier'], 'OHIO');
export const bpf = testActor('IN', ['supplier'], 'BPF');
export const dea = testActor('IN', ['supplier'], 'DEA');
