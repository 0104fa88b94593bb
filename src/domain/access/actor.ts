import type { Role } from '../workflows/workflow-definition.js';

/** Who is acting: the signed-in user, the nation and organisation they act for, and their roles. */
export interface Actor {
  userId: string;
  username: string;
  nation: string;
  organisationId: string;
  roles: readonly Role[];
}
