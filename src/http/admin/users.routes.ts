import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/auth/password-policy.js';
import { ROLES } from '../../domain/workflows/workflow-definition.js';
import { linkSsoIdentity } from '../../services/users/link-sso-identity.js';
import { createUser, listOrganisations, listUsers, updateUser } from '../../services/users/users.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody } from '../validation.js';
import { presentOrganisation, presentUser } from './users.presenter.js';
import { organisationListSchema, ssoLinkSchema, ssoLinkViewSchema, userIdSchema, userListSchema } from './users.schema.js';

export const newUserSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, 'lower-case letters, digits, dot, dash or underscore; 3 to 50'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH),
  organisationId: z.string().uuid(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
});

export const updateUserSchema = z.strictObject({
  active: z.boolean().optional(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
  password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH).optional(),
});

export function userRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['admin']);
  route({ method: 'get', path: '/users', access: ['admin', 'auditor'], summary: "Users of the admin's nation", ok: [200, '{ items }', userListSchema] }, async (c, user) => {
    const rows = await listUsers(c.get('ctx').store.db, user.nation);
    return c.json({ items: rows.map(presentUser) });
  });
  route({ method: 'post', path: '/users', access: ['admin'], summary: 'Create a user of the own nation', body: newUserSchema, ok: [201, 'User id', userIdSchema] }, async (c, admin) => {
    const ctx = c.get('ctx');
    const input = await jsonBody(c, newUserSchema);
    const { id } = await createUser(ctx.store.db, { kind: 'admin', admin }, { username: input.username, displayName: input.displayName, password: input.password, roles: input.roles, organisation: { id: input.organisationId } });
    return c.json({ id }, 201);
  });
  route({ method: 'patch', path: '/users/{id}', access: ['admin'], summary: 'Change roles, deactivate or reset the password of a user of the own nation', params: pathParams({ id: 'The user' }), body: updateUserSchema, ok: [200, 'Updated: the user id', userIdSchema] }, async (c, admin) => {
    const ctx = c.get('ctx');
    const input = await jsonBody(c, updateUserSchema);
    const id = c.req.param('id')!;
    await updateUser(ctx.store.db, admin, id, input, ctx.now());
    return c.json({ id });
  });
  route({
    method: 'put', path: '/users/{id}/sso-link', access: ['admin'],
    summary: "Bind a user of the own nation to a single sign-on identity (issuer + subject); only that identity's sign-ins open the account",
    params: pathParams({ id: 'The user' }), body: ssoLinkSchema, ok: [200, 'The binding', ssoLinkViewSchema],
  }, async (c, admin) => {
    const input = await jsonBody(c, ssoLinkSchema);
    return c.json(await linkSsoIdentity(c.get('ctx'), admin, c.req.param('id')!, input));
  });
  route({ method: 'get', path: '/organisations', access: ['admin', 'auditor', 'sosa_officer'], summary: 'Organisations of the own nation', ok: [200, '{ items }', organisationListSchema] }, async (c, user) => {
    const rows = await listOrganisations(c.get('ctx').store.db, user.nation);
    return c.json({ items: rows.map(presentOrganisation) });
  });
}
