import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/auth/password-policy.js';
import { ROLES } from '../../domain/workflows/workflow-definition.js';
import { linkSsoIdentity } from '../../services/users/link-sso-identity.js';
import { createUser, listOrganisations, listUsers, updateUser } from '../../services/users/users.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
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
  mount(app, createRoute({ method: 'get', path: '/users', tags: ['admin'], summary: "Users of the admin's nation", responses: { 200: jsonResponse('{ items }', userListSchema) } }), ['admin', 'auditor'], async (c, user) => {
    const rows = await listUsers(c.get('ctx').store.db, user.nation);
    return c.json({ items: rows.map(presentUser) });
  });
  mount(app, createRoute({ method: 'post', path: '/users', tags: ['admin'], summary: 'Create a user of the own nation', request: jsonRequestBody(newUserSchema), responses: { 201: jsonResponse('User id', userIdSchema) } }), ['admin'], async (c, admin) => {
    const ctx = c.get('ctx');
    const input = await jsonBody(c, newUserSchema);
    const { id } = await createUser(ctx.store.db, { kind: 'admin', admin }, { username: input.username, displayName: input.displayName, password: input.password, roles: input.roles, organisation: { id: input.organisationId } });
    return c.json({ id }, 201);
  });
  mount(app, createRoute({ method: 'patch', path: '/users/{id}', tags: ['admin'], summary: 'Change roles, deactivate or reset the password of a user of the own nation', request: { params: pathParams({ id: 'The user' }), ...jsonRequestBody(updateUserSchema) }, responses: { 200: jsonResponse('Updated: the user id', userIdSchema) } }), ['admin'], async (c, admin) => {
    const ctx = c.get('ctx');
    const input = await jsonBody(c, updateUserSchema);
    const id = c.req.param('id')!;
    await updateUser(ctx.store.db, admin, id, input, ctx.now());
    return c.json({ id });
  });
  mount(
    app,
    createRoute({
      method: 'put',
      path: '/users/{id}/sso-link',
      tags: ['admin'],
      summary: "Bind a user of the own nation to a single sign-on identity (issuer + subject); only that identity's sign-ins open the account",
      request: { params: pathParams({ id: 'The user' }), ...jsonRequestBody(ssoLinkSchema) },
      responses: { 200: jsonResponse('The binding', ssoLinkViewSchema) },
    }),
    ['admin'],
    async (c, admin) => {
      const input = await jsonBody(c, ssoLinkSchema);
      return c.json(await linkSsoIdentity(c.get('ctx'), admin, c.req.param('id')!, input));
    },
  );
  mount(app, createRoute({ method: 'get', path: '/organisations', tags: ['admin'], summary: 'Organisations of the own nation', responses: { 200: jsonResponse('{ items }', organisationListSchema) } }), ['admin', 'auditor', 'sosa_officer'], async (c, user) => {
    const rows = await listOrganisations(c.get('ctx').store.db, user.nation);
    return c.json({ items: rows.map(presentOrganisation) });
  });
}
