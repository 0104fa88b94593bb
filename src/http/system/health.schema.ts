import { z } from '@hono/zod-openapi';

const storeKind = z.enum(['pglite', 'postgres']);

export const livenessSchema = z.strictObject({ status: z.literal('ok'), store: storeKind, database: z.enum(['up', 'unavailable']) });
export const readinessSchema = z.strictObject({ status: z.literal('ready'), store: storeKind });
