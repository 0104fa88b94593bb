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
});

export const whoIsSignedInSchema = z.strictObject({ user: sessionUserSchema.nullable() });
