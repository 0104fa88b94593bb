import { z } from 'zod';
import { POSTURES } from '../workflows/posture.js';
import { NATION_CODE } from './message.js';

/**
 * The bodies of the message kinds a receiver applies other than a request's own projection
 * (issue #13). They are built by the border (domain/access/border comment.ts, posture.ts) and
 * checked here on arrival: a body that does not have this shape is refused, never applied.
 */
export const MESSAGE_KINDS = {
  /** The request as the peer may see it, sent before anything else about it when no step has been. */
  requestShared: 'request.shared',
  /** One shared comment on a request the peer holds. */
  requestComment: 'request.comment',
  /** A change of an arrangement's posture. */
  postureSet: 'posture.set',
} as const;

/** Object types of messages other than requests. */
export const ARRANGEMENT_POSTURE_OBJECT = 'arrangement_posture';

const requestRefSchema = z.object({ id: z.uuid(), arrangementId: z.string(), fromNation: NATION_CODE, toNation: NATION_CODE });

export const borderCommentSchema = z.strictObject({
  id: z.uuid(),
  author: z.strictObject({ displayName: z.string().min(1).max(500), nation: NATION_CODE, organisation: z.string().max(300).nullable() }),
  visibility: z.literal('shared'),
  body: z.string().min(1).max(20_000),
  createdAt: z.iso.datetime({ offset: true }),
});

export const requestCommentBodySchema = z.strictObject({ request: requestRefSchema, comment: borderCommentSchema });
export type RequestCommentBody = z.infer<typeof requestCommentBodySchema>;

export const borderPostureChangeSchema = z.strictObject({
  id: z.uuid(),
  arrangementId: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/),
  posture: z.enum(POSTURES),
  note: z.string().max(2000),
  setAt: z.iso.datetime({ offset: true }),
  setBy: z.strictObject({ displayName: z.string().min(1).max(500), nation: NATION_CODE }),
});

export const postureSetBodySchema = z.strictObject({ change: borderPostureChangeSchema });
export type PostureSetBody = z.infer<typeof postureSetBodySchema>;
