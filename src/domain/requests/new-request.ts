import { z } from 'zod';
import { URGENCIES } from '../workflows/workflow-definition.js';
import { isoDate, lineItemsSchema } from './line-items.js';

export const CLASSIFICATIONS = ['UNCLASSIFIED', 'CUI', 'RESTRICTED'] as const;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * What a SOSA officer submits as a new request: one definition for `POST /requests` and for the
 * `request.submit` message that carries it to the deciding nation's instance (issue #13), so the
 * holder checks what crossed against the rules the submitter's desk checked it against.
 */
export const newRequestContentSchema = z.strictObject({
  toNation: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter nation code'),
  title: text(200),
  programId: text(100),
  justification: text(8000),
  urgency: z.enum(URGENCIES),
  classification: z.enum(CLASSIFICATIONS),
  requiredBy: isoDate,
  items: lineItemsSchema,
});
export type NewRequestContent = z.infer<typeof newRequestContentSchema>;
