import { z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/workflows/workflow-definition.js';

export const loginSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** The signed-in user, as the session, /me and the web UI's header read it. */
export const sessionUserSchema = z
  .strictObject({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    nation: z.string(),
    organisation: z.strictObject({ id: z.string(), name: z.string(), kind: z.string() }),
    roles: z.array(z.enum(ROLES)),
  })
  .openapi('SessionUser');
export type SessionUserBody = z.infer<typeof sessionUserSchema>;

export const loginAnswerSchema = z.strictObject({
  token: z.string().openapi({ description: 'Send as Authorization: Bearer <token>' }),
  csrfToken: z.string().openapi({ description: 'Echo in X-CSRF-Token on writes made with the session cookie' }),
  expiresAt: z.string(),
  user: sessionUserSchema,
  enrolSecondFactor: z.boolean().optional().openapi({ description: "True when the user's organisation requires a second factor and the user has none: enrol now (GET/POST /me/second-factor…)" }),
});

export const whoIsSignedInSchema = z.strictObject({ user: sessionUserSchema.nullable() });

/** POST /session for a user with a second factor: no session yet, the code step comes next (issue #16). */
export const secondFactorChallengeSchema = z
  .strictObject({
    secondFactor: z.enum(['totp']).openapi({ description: 'The factor to prove: a code from the authenticator app, or a recovery code' }),
    challenge: z.string().openapi({ description: 'Send back with the code to POST /session/second-factor; single use' }),
    expiresAt: z.string(),
  })
  .openapi('SecondFactorChallenge');

export const secondFactorLoginSchema = z.strictObject({
  challenge: z.string().min(1).max(200),
  code: z.string().trim().min(1).max(40).openapi({ description: 'The 6-digit code of the app, or a recovery code (xxxx-xxxx-xxxx)' }),
});

export const secondFactorStatusSchema = z
  .strictObject({
    totp: z.enum(['none', 'pending', 'active']),
    requiredByOrganisation: z.boolean(),
    enrolledAt: z.string().nullable(),
    recoveryCodesLeft: z.number().int(),
  })
  .openapi('SecondFactorStatus');

export const totpEnrolmentSchema = z.strictObject({
  secret: z.string().openapi({ description: 'The shared secret, base32, for typing into an app by hand' }),
  uri: z.string().openapi({ description: 'otpauth:// URI for an authenticator app (as a QR code)' }),
});

export const totpConfirmSchema = z.strictObject({ code: z.string().trim().min(1).max(20) });

export const recoveryCodesSchema = z.strictObject({
  recoveryCodes: z.array(z.string()).openapi({ description: 'Ten single-use codes, shown this once: print or store them' }),
});

export const secondFactorPolicySchema = z.strictObject({ required: z.boolean() });
export const secondFactorPolicyAnswerSchema = z.strictObject({ id: z.string(), secondFactorRequired: z.boolean() });
