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

// WebAuthn's JSON forms (W3C WebAuthn Level 3, §5.1.8-5.1.10 toJSON / parse…FromJSON), passed
// between @simplewebauthn/server and the browser. The options are presented member by member
// (passkey.presenter.ts); the answers are checked by the library, so here only their shape and
// sizes (a COSE key and an attestation fit in a few kB).
const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]*={0,2}$/, 'must be base64url');
const credentialDescriptorSchema = z.strictObject({ id: z.string(), type: z.string(), transports: z.array(z.string()).optional() });

export const passkeyRequestOptionsSchema = z
  .strictObject({
    challenge: z.string(),
    timeout: z.number().optional(),
    rpId: z.string(),
    allowCredentials: z.array(credentialDescriptorSchema),
    userVerification: z.string().optional(),
  })
  .openapi('PasskeyRequestOptions', { description: 'PublicKeyCredentialRequestOptionsJSON: pass to navigator.credentials.get() (e.g. startAuthentication of @simplewebauthn/browser)' });

export const passkeyCreationOptionsSchema = z
  .strictObject({
    challenge: z.string(),
    rp: z.strictObject({ name: z.string(), id: z.string() }),
    user: z.strictObject({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.strictObject({ type: z.string(), alg: z.number() })),
    timeout: z.number().optional(),
    excludeCredentials: z.array(credentialDescriptorSchema),
    authenticatorSelection: z.strictObject({ residentKey: z.string().optional(), userVerification: z.string().optional(), requireResidentKey: z.boolean().optional(), authenticatorAttachment: z.string().optional() }),
    attestation: z.string().optional(),
    extensions: z.strictObject({ credProps: z.boolean().optional() }),
  })
  .openapi('PasskeyCreationOptions', { description: 'PublicKeyCredentialCreationOptionsJSON: pass to navigator.credentials.create() (e.g. startRegistration of @simplewebauthn/browser)' });

const clientExtensionResults = z.record(z.string(), z.unknown());

export const passkeyAssertionSchema = z
  .strictObject({
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal('public-key'),
    response: z.object({ clientDataJSON: base64url(8000), authenticatorData: base64url(8000), signature: base64url(2000), userHandle: base64url(1000).optional() }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults,
  })
  .openapi('PasskeyAssertion', { description: 'AuthenticationResponseJSON: what navigator.credentials.get() answered' });

export const passkeyAttestationSchema = z
  .strictObject({
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64url(8000),
      attestationObject: base64url(32_000),
      authenticatorData: base64url(16_000).optional(),
      transports: z.array(z.string().max(20)).max(10).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url(8000).optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults,
  })
  .openapi('PasskeyAttestation', { description: 'RegistrationResponseJSON: what navigator.credentials.create() answered' });

const SECOND_FACTOR_METHODS = ['totp', 'passkey'] as const;

/** POST /session for a user with a second factor: no session yet, the second step comes next (issue #16). */
export const secondFactorChallengeSchema = z
  .strictObject({
    secondFactor: z.enum(SECOND_FACTOR_METHODS).openapi({ description: 'The first of methods (totp when the user has it)' }),
    methods: z.array(z.enum(SECOND_FACTOR_METHODS)).openapi({ description: "The user's factors: any one of them opens the session" }),
    challenge: z.string().openapi({ description: 'Send back with the code or the passkey assertion to POST /session/second-factor; single use' }),
    expiresAt: z.string(),
    passkeyOptions: passkeyRequestOptionsSchema.optional().openapi({ description: 'With passkeys: the options for navigator.credentials.get(), their challenge bound to this sign-in (one assertion is checked against it)' }),
  })
  .openapi('SecondFactorChallenge');

export const secondFactorLoginSchema = z
  .strictObject({
    challenge: z.string().min(1).max(200),
    code: z.string().trim().min(1).max(40).optional().openapi({ description: 'The 6-digit code of the app, or a recovery code (xxxx-xxxx-xxxx)' }),
    passkey: passkeyAssertionSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.code === undefined) === (v.passkey === undefined)) ctx.addIssue({ code: 'custom', path: ['code'], message: 'Send either a code or a passkey assertion' });
  });

export const secondFactorStatusSchema = z
  .strictObject({
    totp: z.enum(['none', 'pending', 'active']),
    passkeys: z.array(z.lazy(() => passkeySchema)),
    passkeysAvailable: z.boolean().openapi({ description: 'Whether this server can register and check passkeys at the address it was called on (README: Second factor)' }),
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

export const passkeySchema = z
  .strictObject({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })
  .openapi('Passkey');

export const passkeyRegistrationSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).openapi({ description: "The user's name for it, e.g. 'YubiKey on my keyring'" }),
  response: passkeyAttestationSchema,
});

export const passwordConfirmationSchema = z.strictObject({ password: z.string().min(1).max(200).openapi({ description: 'The account password again: removing a factor needs it' }) });
