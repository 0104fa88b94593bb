import { z } from '@hono/zod-openapi';
import { URGENCIES } from '../../domain/workflows/workflow-definition.js';
import { CLASSIFICATIONS } from '../../services/requests/create-request.js';
import { lineItemsSchema } from '../../domain/requests/line-items.js';
import { boundedDate } from '../validation.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const newRequestSchema = z.strictObject({
  toNation: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter nation code'),
  title: text(200),
  programId: text(100),
  justification: text(8000),
  urgency: z.enum(URGENCIES),
  classification: z.enum(CLASSIFICATIONS),
  requiredBy: boundedDate,
  items: lineItemsSchema,
});

export const listQuerySchema = z.strictObject({
  state: z.string().max(60).optional(),
  urgency: z.enum(URGENCIES).optional(),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  q: z.string().max(200).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  queue: z.enum(['mine']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const transitionSchema = z
  .object({ action: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be an action name').max(60) })
  .catchall(z.unknown());

export const commentSchema = z.strictObject({
  body: text(8000),
  visibility: z.enum(['shared', 'internal']).default('shared'),
});

export const idParam = z.object({ id: z.string() });
