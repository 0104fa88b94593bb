import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { confirmTotpEnrolment, resetSecondFactor, secondFactorStatus, setSecondFactorRequired, startTotpEnrolment } from '../../services/auth/second-factor.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, noBody } from '../validation.js';
import { recoveryCodesSchema, secondFactorPolicyAnswerSchema, secondFactorPolicySchema, secondFactorStatusSchema, totpConfirmSchema, totpEnrolmentSchema } from './session.schema.js';

/** The second factor of local accounts (issue #16): the user's own enrolment, and an admin's reset. */
export function secondFactorRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(app, createRoute({ method: 'get', path: '/me/second-factor', tags: ['session'], summary: 'Whether the own account has a second factor, and how many recovery codes are left', responses: { 200: jsonResponse('Status', secondFactorStatusSchema) } }), 'authenticated', async (c, user) => {
    const status = await secondFactorStatus(c.get('ctx'), user);
    return c.json({ totp: status.totp, requiredByOrganisation: status.requiredByOrganisation, enrolledAt: status.enrolledAt?.toISOString() ?? null, recoveryCodesLeft: status.recoveryCodesLeft });
  });
  mount(
    app,
    createRoute({ method: 'post', path: '/me/second-factor/totp', tags: ['session'], summary: 'Start TOTP enrolment: a new secret and its otpauth:// URI (not required at login until confirmed)', responses: { 200: jsonResponse('Secret and URI', totpEnrolmentSchema) } }),
    'authenticated',
    async (c, user) => {
      await noBody(c);
      return c.json(await startTotpEnrolment(c.get('ctx'), user));
    },
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/me/second-factor/totp/confirm', tags: ['session'], summary: "Confirm TOTP enrolment with the app's current code: activates it and answers the recovery codes, once", request: { body: { content: { 'application/json': { schema: totpConfirmSchema } }, required: true } }, responses: { 200: jsonResponse('Recovery codes', recoveryCodesSchema) } }),
    'authenticated',
    async (c, user) => {
      const input = await jsonBody(c, totpConfirmSchema);
      return c.json(await confirmTotpEnrolment(c.get('ctx'), user, input.code));
    },
  );
  mount(
    app,
    createRoute({ method: 'delete', path: '/users/{id}/second-factor', tags: ['admin'], summary: "Reset a user's second factor (a lost phone): the next login needs the password only", request: { params: pathParams({ id: 'The user' }) }, responses: { 204: { description: 'Reset' } } }),
    ['admin'],
    async (c, admin) => {
      await resetSecondFactor(c.get('ctx'), admin, c.req.param('id')!);
      return c.body(null, 204);
    },
  );
  mount(
    app,
    createRoute({ method: 'put', path: '/organisations/{id}/second-factor-required', tags: ['admin'], summary: "Require (or not) a second factor of an organisation's local accounts: those without one are sent to enrol right after login", request: { params: pathParams({ id: 'The organisation' }), body: { content: { 'application/json': { schema: secondFactorPolicySchema } }, required: true } }, responses: { 200: jsonResponse('The setting', secondFactorPolicyAnswerSchema) } }),
    ['admin'],
    async (c, admin) => {
      const input = await jsonBody(c, secondFactorPolicySchema);
      const id = c.req.param('id')!;
      await setSecondFactorRequired(c.get('ctx'), admin, id, input.required);
      return c.json({ id, secondFactorRequired: input.required });
    },
  );
}
