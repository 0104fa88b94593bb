import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { POSTURES } from '../../domain/workflows/posture.js';

export const setPostureSchema = z
  .strictObject({
    posture: z.enum(POSTURES),
    note: z.string().trim().max(2000, 'at most 2,000 characters').default(''),
  })
  .openapi('SetPosture');

const changeSchema = z.strictObject({
  posture: z.enum(POSTURES),
  note: z.string(),
  setBy: z.string().openapi({ description: "The setter's username; for a change received from the other nation's instance, the name that instance gave" }),
  setByNation: z.string(),
  setAt: z.string(),
  received: z.boolean().openapi({ description: "Set on the other nation's instance and received from it as a signed message (sovereign instances)" }),
});

export const arrangementPostureSchema = z
  .strictObject({
    arrangementId: z.string(),
    name: z.string(),
    nations: z.tuple([z.string(), z.string()]),
    posture: z.enum(POSTURES).openapi({ description: 'In emergency and armed conflict, new requests run on the workflow’s shorter clocks' }),
    history: z.array(changeSchema).openapi({ description: 'The latest 50 changes, current first: the latest setAt; at the same instant, the nation whose code sorts last' }),
    historyTotal: z.number().int().openapi({ description: 'How many changes the posture has had in all, of which history holds the latest 50 (the audit trail keeps every one)' }),
  })
  .openapi('ArrangementPosture');

export const postureListSchema = itemList(arrangementPostureSchema);
