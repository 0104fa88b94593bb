import { z } from '@hono/zod-openapi';
import { POSTURES } from '../../domain/workflows/posture.js';

export const setPostureSchema = z
  .strictObject({
    posture: z.enum(POSTURES),
    note: z.string().trim().max(2000, 'at most 2,000 characters').default(''),
  })
  .openapi('SetPosture');

const changeSchema = z.strictObject({ posture: z.enum(POSTURES), note: z.string(), setBy: z.string(), setByNation: z.string(), setAt: z.string() });

export const arrangementPostureSchema = z
  .strictObject({
    arrangementId: z.string(),
    name: z.string(),
    nations: z.tuple([z.string(), z.string()]),
    posture: z.enum(POSTURES).openapi({ description: 'In emergency and armed conflict, new requests run on the workflow’s shorter clocks' }),
    history: z.array(changeSchema).openapi({ description: 'Newest first' }),
  })
  .openapi('ArrangementPosture');

export const postureListSchema = z.strictObject({ items: z.array(arrangementPostureSchema) });
