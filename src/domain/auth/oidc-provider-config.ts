import { z } from 'zod';
import { ROLES, type Role } from '../workflows/workflow-definition.js';

/**
 * One organisation's OpenID Connect identity provider (issue #16), as the operator writes it in
 * the file named by SOSA_OIDC_CONFIG. The nation and organisation are fixed here, never taken
 * from a claim: an identity provider vouches for who a person is, not for which nation's data
 * they may read.
 */
export const oidcProviderSchema = z.strictObject({
  /** The provider's name in URLs: /api/v1/session/oidc/<key>/start. */
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  /** The button's text: "Sign in with <label>". */
  label: z.string().min(1).max(100),
  nation: z.string().regex(/^[A-Z]{2}$/),
  /** The organisation's short name (organisations.short_name) in that nation. */
  organisation: z.string().min(1),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  scopes: z.string().default('openid profile'),
  claims: z
    .strictObject({
      username: z.string().default('preferred_username'),
      displayName: z.string().default('name'),
      /** A claim holding a list of group (or role) names; unset → no roles from the provider. */
      groups: z.string().optional(),
    })
    .default({ username: 'preferred_username', displayName: 'name' }),
  /** Group name → the SOSA roles it grants. A group not listed grants nothing. */
  roleMap: z.record(z.string(), z.array(z.enum(ROLES))).default({}),
  /** create: a first login creates the user; must_exist: only users an admin created may sign in. */
  provisioning: z.enum(['create', 'must_exist']).default('must_exist'),
});
export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

export const oidcConfigFileSchema = z.strictObject({ providers: z.array(oidcProviderSchema) }).superRefine((file, ctx) => {
  const keys = new Set<string>();
  for (const [i, p] of file.providers.entries()) {
    if (keys.has(p.key)) ctx.addIssue({ code: 'custom', path: ['providers', i, 'key'], message: `key ${p.key} is used twice` });
    keys.add(p.key);
  }
});

export interface MappedIdentity {
  username: string;
  displayName: string;
  roles: Role[];
}

/**
 * What a verified ID token's claims say of the person, through the provider's mapping, or the
 * reason they say too little. Roles are computed afresh from the groups at every sign-in, so a
 * group the provider no longer lists takes its role away.
 */
export function mapIdentityClaims(provider: Pick<OidcProviderConfig, 'claims' | 'roleMap'>, claims: Record<string, unknown>): { ok: true; identity: MappedIdentity } | { ok: false; reason: string } {
  const rawName = claims[provider.claims.username];
  if (typeof rawName !== 'string' || !/^[A-Za-z0-9._@-]{1,100}$/.test(rawName.trim())) {
    return { ok: false, reason: `the claim ${provider.claims.username} is missing or not a usable username` };
  }
  const username = rawName.trim().toLowerCase();
  const rawDisplay = claims[provider.claims.displayName];
  const displayName = typeof rawDisplay === 'string' && rawDisplay.trim() ? rawDisplay.trim().slice(0, 200) : username;
  const groupsClaim = provider.claims.groups ? claims[provider.claims.groups] : undefined;
  const groups = Array.isArray(groupsClaim) ? groupsClaim.filter((g): g is string => typeof g === 'string') : typeof groupsClaim === 'string' ? [groupsClaim] : [];
  const roles = new Set<Role>();
  for (const group of groups) for (const role of provider.roleMap[group] ?? []) roles.add(role);
  return { ok: true, identity: { username, displayName, roles: ROLES.filter((r) => roles.has(r)) } };
}
