import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { ROLES } from '../../domain/workflows/workflow-definition.js';

/** The kinds of organisation (store/migrations/0001-foundation.ts checks the same list). */
export const ORGANISATION_KINDS = ['ministry', 'agency', 'company'] as const;

// --- What the user administration sends ------------------------------------------------------
export const userViewSchema = z
  .strictObject({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    nation: z.string(),
    roles: z.array(z.enum(ROLES)),
    active: z.boolean(),
    organisation: z.strictObject({ id: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) }),
    secondFactors: z.array(z.enum(['totp', 'passkey'])).openapi({ description: 'The second factors the user has set up (an admin may reset them: DELETE /users/{id}/second-factor)' }),
  })
  .openapi('User');

export const userListSchema = itemList(userViewSchema);

/** POST /users and PATCH /users/{id} answer with the user's id only. */
export const userIdSchema = z.strictObject({ id: z.string() }).openapi('UserId');

/** PUT /users/{id}/sso-link: the OpenID Connect identity an account is bound to. */
export const ssoLinkSchema = z
  .strictObject({
    issuer: z.string().min(1).max(500).openapi({ description: "The provider's issuer, as configured in SOSA_OIDC_CONFIG (the ID token's iss)", example: 'https://idp.mod.example/realms/sosa' }),
    subject: z.string().min(1).max(255).openapi({ description: "The person's subject at the provider (the ID token's sub), read from the provider's directory", example: 'f3c1e0a2-7d4b-4e55-9a51-0c2b8f5e9d10' }),
  })
  .openapi('SsoLinkInput');
export const ssoLinkViewSchema = z.strictObject({ id: z.string(), issuer: z.string(), subject: z.string() }).openapi('SsoLink');

export const organisationViewSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: z.enum(ORGANISATION_KINDS),
    nation: z.string(),
    codeOfConductSince: z.string().nullable().openapi({ description: 'The day the company subscribed to the Code of Conduct; null when it has not' }),
    secondFactorRequired: z.boolean().openapi({ description: 'Its local accounts must set up a second factor (PUT /organisations/{id}/second-factor-required)' }),
  })
  .openapi('Organisation');

export const organisationListSchema = itemList(organisationViewSchema);

export type UserView = z.infer<typeof userViewSchema>;
export type OrganisationView = z.infer<typeof organisationViewSchema>;
