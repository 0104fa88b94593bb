import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { passkeyRegistrationOptions, registerPasskey, removePasskey } from '../../services/auth/passkeys.js';
import { relyingParty } from '../../services/auth/relying-party.js';
import { confirmTotpEnrolment, removeOwnTotp, resetSecondFactor, secondFactorStatus, setSecondFactorRequired, startTotpEnrolment } from '../../services/auth/second-factor.js';
import { clientAddress } from '../client-address.js';
import { presentCreationOptions, presentPasskey } from './passkey.presenter.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody, noBody } from '../validation.js';
import { passkeyCreationOptionsSchema, passkeyRegistrationSchema, passkeySchema, passwordConfirmationSchema, recoveryCodesSchema, secondFactorPolicyAnswerSchema, secondFactorPolicySchema, secondFactorStatusSchema, totpConfirmSchema, totpEnrolmentSchema } from './session.schema.js';

/** A removal confirmed by typing the password again: the password, and the address its attempts are throttled by. */
async function passwordConfirmation(c: Context<HttpEnv>): Promise<{ password: string; clientAddress: string }> {
  const { password } = await jsonBody(c, passwordConfirmationSchema);
  return { password, clientAddress: clientAddress(c, c.get('ctx').config.trustProxy) };
}

/** The second factor of local accounts (issue #16): the user's own enrolment, and an admin's reset. */
export function secondFactorRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['session']);
  route({ method: 'get', path: '/me/second-factor', access: 'authenticated', summary: 'Whether the own account has a second factor, and how many recovery codes are left', ok: [200, 'Status', secondFactorStatusSchema] }, async (c, user) => {
    const ctx = c.get('ctx');
    const status = await secondFactorStatus(ctx, user);
    const passkeys = status.passkeys.map(presentPasskey);
    return c.json({ totp: status.totp, passkeys, passkeysAvailable: relyingParty(ctx.config, c.req.url) !== null, requiredByOrganisation: status.requiredByOrganisation, enrolledAt: status.enrolledAt?.toISOString() ?? null, recoveryCodesLeft: status.recoveryCodesLeft });
  });
  route({ method: 'post', path: '/me/second-factor/totp', access: 'authenticated', summary: 'Start TOTP enrolment: a new secret and its otpauth:// URI (not required at login until confirmed)', ok: [200, 'Secret and URI', totpEnrolmentSchema] }, async (c, user) => {
    await noBody(c);
    return c.json(await startTotpEnrolment(c.get('ctx'), user));
  });
  route({ method: 'post', path: '/me/second-factor/totp/confirm', access: 'authenticated', summary: "Confirm TOTP enrolment with the app's current code: activates it and answers the recovery codes, once", body: totpConfirmSchema, ok: [200, 'Recovery codes', recoveryCodesSchema] }, async (c, user) => {
    const input = await jsonBody(c, totpConfirmSchema);
    return c.json(await confirmTotpEnrolment(c.get('ctx'), user, input.code));
  });
  route({ method: 'post', path: '/me/second-factor/totp/remove', access: 'authenticated', summary: 'Remove the own authenticator app (and its recovery codes), after typing the password again', body: passwordConfirmationSchema, ok: [204, 'Removed'] }, async (c, user) => {
    await removeOwnTotp(c.get('ctx'), user, await passwordConfirmation(c));
    return c.body(null, 204);
  });
  route({ method: 'post', path: '/me/second-factor/passkeys/options', access: 'authenticated', summary: 'Start registering a passkey: the options for navigator.credentials.create() (their challenge is good for one registration, 5 minutes)', ok: [200, 'Creation options', passkeyCreationOptionsSchema] }, async (c, user) => {
    await noBody(c);
    const ctx = c.get('ctx');
    return c.json(presentCreationOptions(await passkeyRegistrationOptions(ctx, user, relyingParty(ctx.config, c.req.url))));
  });
  route({ method: 'post', path: '/me/second-factor/passkeys', access: 'authenticated', summary: "Register a passkey: the browser's answer to the creation options, and a name for it; from now on a login needs a second factor", body: passkeyRegistrationSchema, ok: [201, 'The passkey', passkeySchema] }, async (c, user) => {
    const input = await jsonBody(c, passkeyRegistrationSchema);
    const ctx = c.get('ctx');
    const p = await registerPasskey(ctx, user, relyingParty(ctx.config, c.req.url), { name: input.name, response: input.response as RegistrationResponseJSON });
    return c.json(presentPasskey(p), 201);
  });
  route({ method: 'post', path: '/me/second-factor/passkeys/{id}/remove', access: 'authenticated', summary: 'Remove one of the own passkeys, after typing the password again', params: pathParams({ id: 'The passkey' }), body: passwordConfirmationSchema, ok: [204, 'Removed'] }, async (c, user) => {
    await removePasskey(c.get('ctx'), user, { id: c.req.param('id')!, ...(await passwordConfirmation(c)) });
    return c.body(null, 204);
  });
  route({ method: 'delete', path: '/users/{id}/second-factor', access: ['admin'], summary: "Reset a user's second factor (a lost phone or key): its authenticator app, recovery codes and passkeys go; the next login needs the password only", tags: ['admin'], params: pathParams({ id: 'The user' }), ok: [204, 'Reset'] }, async (c, admin) => {
    await resetSecondFactor(c.get('ctx'), admin, c.req.param('id')!);
    return c.body(null, 204);
  });
  route({ method: 'put', path: '/organisations/{id}/second-factor-required', access: ['admin'], summary: "Require (or not) a second factor of an organisation's local accounts: those without one are sent to enrol right after login", tags: ['admin'], params: pathParams({ id: 'The organisation' }), body: secondFactorPolicySchema, ok: [200, 'The setting', secondFactorPolicyAnswerSchema] }, async (c, admin) => {
    const input = await jsonBody(c, secondFactorPolicySchema);
    const id = c.req.param('id')!;
    await setSecondFactorRequired(c.get('ctx'), admin, id, input.required);
    return c.json({ id, secondFactorRequired: input.required });
  });
}
