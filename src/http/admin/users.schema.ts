import { z } from '@hono/zod-openapi';
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

export const userListSchema = z.strictObject({ items: z.array(userViewSchema) });

/** POST /users and PATCH /users/{id} answer with the user's id only. */
export const userIdSchema = z.strictObject({ id: z.string() }).openapi('UserId');

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

export const organisationListSchema = z.strictObject({ items: z.array(organisationViewSchema) });

export type UserView = z.infer<typeof userViewSchema>;
export type OrganisationView = z.infer<typeof organisationViewSchema>;
