import { randomUUID } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { passwordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/auth/password-policy.js';
import { rolesConflict } from '../../domain/auth/separation-of-duties.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { SessionUser } from '../../services/auth/sessions.js';
import { ROLES } from '../../domain/workflows/workflow-definition.js';
import { hashPassword } from '../../services/auth/passwords.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody } from '../validation.js';
import { presentOrganisation, presentUser } from './users.presenter.js';
import { organisationListSchema, userIdSchema, userListSchema } from './users.schema.js';

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

/** NIST SP 800-63B: a clear 422 naming the password, which is never echoed. */
function checkPassword(password: string, username: string) {
  const problem = passwordProblem(password, { username });
  if (problem) throw validationError([{ field: 'password', message: problem }], 'The password cannot be used.');
}

/**
 * A refused role change is audited (issue #10.7): an admin trying to give itself roles, or to
 * make an auditor who also decides, is what the auditors must see. Written in its own
 * transaction, since the refusal rolls the change back.
 */
async function refuse(c: Context<HttpEnv>, admin: SessionUser, action: 'user.create_refused' | 'user.update_refused', entityId: string, data: Record<string, unknown>, error: AppError): Promise<never> {
  await c.get('ctx').store.db.transaction().execute((trx) => appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action, entityType: 'user', entityId, data: { ...data, reason: error.errors[0]?.message ?? error.detail ?? error.code } }));
  throw error;
}

/** A company user holds the supplier role only, and only a company user holds it. */
function checkRolesFit(kind: string, roles: readonly string[]) {
  const company = kind === 'company';
  if (company && roles.some((r) => r !== 'supplier')) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'roles', message: 'a company user holds the supplier role only' }] });
  if (!company && roles.includes('supplier')) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'roles', message: 'the supplier role is for users of a company' }] });
}

export function userRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(app, createRoute({ method: 'get', path: '/users', tags: ['admin'], summary: "Users of the admin's nation", responses: { 200: jsonResponse('{ items }', userListSchema) } }), ['admin', 'auditor'], async (c, user) => {
    const rows = await c
      .get('ctx')
      .store.db.selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.id', 'username', 'display_name', 'users.nation', 'roles', 'active', 'organisation_id', 'organisations.name as org_name', 'organisations.kind as org_kind'])
      .where('users.nation', '=', user.nation)
      .orderBy('username')
      .execute();
    return c.json({ items: rows.map(presentUser) });
  });
  mount(app, createRoute({ method: 'post', path: '/users', tags: ['admin'], summary: 'Create a user of the own nation', request: { body: { content: { 'application/json': { schema: newUserSchema } }, required: true } }, responses: { 201: jsonResponse('User id', userIdSchema) } }), ['admin'], async (c, admin) => {
    const ctx = c.get('ctx');
    const input = await jsonBody(c, newUserSchema);
    const org = await ctx.store.db.selectFrom('organisations').select(['id', 'nation', 'kind']).where('id', '=', input.organisationId).executeTakeFirst();
    if (!org || org.nation !== admin.nation) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'organisationId', message: `no organisation of ${admin.nation} with this id` }] });
    checkRolesFit(org.kind, input.roles);
    const conflict = rolesConflict(input.roles);
    if (conflict) await refuse(c, admin, 'user.create_refused', input.username, { username: input.username, roles: input.roles }, validationError([conflict]));
    checkPassword(input.password, input.username);
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    await ctx.store.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (taken) throw new AppError('DUPLICATE', { detail: `The username ${input.username} is taken.`, errors: [{ field: 'username', message: 'is taken' }] });
      await trx.insertInto('users').values({ id, username: input.username, display_name: input.displayName, password_hash: passwordHash, nation: admin.nation, organisation_id: org.id, roles: input.roles }).execute();
      await appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action: 'user.create', entityType: 'user', entityId: id, data: { username: input.username, roles: input.roles, organisation: org.id } });
    });
    return c.json({ id }, 201);
  });
  mount(app, createRoute({ method: 'patch', path: '/users/{id}', tags: ['admin'], summary: 'Change roles, deactivate or reset the password of a user of the own nation', request: { params: pathParams({ id: 'The user' }), body: { content: { 'application/json': { schema: updateUserSchema } }, required: true } }, responses: { 200: jsonResponse('Updated: the user id', userIdSchema) } }), ['admin'], async (c, admin) => {
    const ctx = c.get('ctx');
    const input = await jsonBody(c, updateUserSchema);
    const id = c.req.param('id')!;
    // The checks read the user outside the write: a refusal is audited in its own transaction,
    // which a rollback of the change must not take with it. Nation, kind and username never change.
    const target = /^[0-9a-f-]{36}$/i.test(id)
      ? await ctx.store.db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.id', 'users.nation', 'users.username', 'users.roles', 'organisations.kind']).where('users.id', '=', id).executeTakeFirst()
      : undefined;
    if (!target || target.nation !== admin.nation) throw new AppError('NOT_FOUND', { detail: `No user ${id} of ${admin.nation}.` });
    if (input.roles) checkRolesFit(target.kind, input.roles);
    if (target.id === admin.userId && input.active === false) throw new AppError('CONFLICT', { detail: 'An admin cannot deactivate itself.' });
    const changesRoles = input.roles !== undefined && (input.roles.length !== target.roles.length || input.roles.some((r) => !target.roles.includes(r)));
    if (changesRoles && target.id === admin.userId) {
      await refuse(c, admin, 'user.update_refused', target.id, { roles: input.roles }, new AppError('FORBIDDEN', { detail: 'No user changes its own roles: another admin of your nation must do it (separation of duties).' }));
    }
    const conflict = input.roles ? rolesConflict(input.roles) : null;
    if (conflict) await refuse(c, admin, 'user.update_refused', target.id, { roles: input.roles }, validationError([conflict]));
    if (input.password) checkPassword(input.password, target.username);
    await ctx.store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.roles ? { roles: input.roles } : {}),
          ...(input.password ? { password_hash: await hashPassword(input.password) } : {}),
        })
        .where('id', '=', target.id)
        .execute();
      if (input.active === false || input.password) {
        // Deactivation and a password reset end the user's sessions at once.
        await trx.updateTable('sessions').set({ revoked_at: ctx.now() }).where('user_id', '=', target.id).where('revoked_at', 'is', null).execute();
      }
      await appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action: 'user.update', entityType: 'user', entityId: target.id, data: { active: input.active, roles: input.roles, passwordReset: Boolean(input.password) } });
    });
    return c.json({ id });
  });
  mount(app, createRoute({ method: 'get', path: '/organisations', tags: ['admin'], summary: 'Organisations of the own nation', responses: { 200: jsonResponse('{ items }', organisationListSchema) } }), ['admin', 'auditor', 'sosa_officer'], async (c, user) => {
    const rows = await c.get('ctx').store.db.selectFrom('organisations').selectAll().where('nation', '=', user.nation).orderBy('kind').orderBy('name').execute();
    return c.json({ items: rows.map(presentOrganisation) });
  });
}
