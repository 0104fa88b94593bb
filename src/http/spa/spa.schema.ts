import { z } from '@hono/zod-openapi';
import { SPA_ACTIONS, SPA_STATUSES, spaRequestSchema } from '../../domain/dpas/spa.js';

/** Form BIS-999 fields (domain/dpas/spa.ts) and `submit`: file at once rather than keep a draft. */
export const newSpaRequestSchema = spaRequestSchema.extend({ submit: z.boolean().optional() });
export type NewSpaRequest = z.infer<typeof newSpaRequestSchema>;

export const spaTransitionSchema = z.strictObject({
  action: z.enum(SPA_ACTIONS),
  note: z.string().trim().max(5000).optional(),
  version: z.number().int().positive().optional(),
});

export const spaListQuerySchema = z.strictObject({ status: z.enum(SPA_STATUSES).optional() });

export const spaIdParam = z.object({ id: z.string() });
