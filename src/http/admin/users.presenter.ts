import type { OrganisationsTable } from '../../store/schema.js';
import type { OrganisationView, UserView } from './users.schema.js';

/** A user of the admin's nation as the store reads it, with its organisation. */
export interface UserWithOrganisation {
  id: string;
  username: string;
  display_name: string;
  nation: string;
  roles: string[];
  active: boolean;
  organisation_id: string;
  org_name: string;
  org_kind: OrganisationsTable['kind'];
  // SqlBool: EXISTS reads as a boolean on PostgreSQL; Kysely types it loosely.
  has_totp: boolean | number;
  has_passkey: boolean | number;
}

/** The declared User (users.schema.ts) of a stored user. */
export function presentUser(r: UserWithOrganisation): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    nation: r.nation,
    roles: r.roles as UserView['roles'],
    active: r.active,
    organisation: { id: r.organisation_id, name: r.org_name, kind: r.org_kind },
    secondFactors: [...(r.has_totp ? (['totp'] as const) : []), ...(r.has_passkey ? (['passkey'] as const) : [])],
  };
}

/** The declared Organisation (users.schema.ts) of a stored organisation. */
export function presentOrganisation(o: Omit<OrganisationsTable, 'second_factor_required'> & { second_factor_required: boolean }): OrganisationView {
  return { id: o.id, name: o.name, shortName: o.short_name, kind: o.kind, nation: o.nation, codeOfConductSince: o.code_of_conduct_since, secondFactorRequired: o.second_factor_required };
}
