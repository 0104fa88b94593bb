import { z } from '@hono/zod-openapi';
import { partnerDeliveriesOf } from '../federation/partner-delivery.schema.js';
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

// ——— what the SPA routes send ———

export const spaListSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.string(),
      reference: z.string(),
      status: z.enum(SPA_STATUSES),
      view: z.enum(['full', 'partner']),
      nation: z.string(),
      company: z.string(),
      supplier: z.string().nullable().openapi({ description: 'Null in the partner view' }),
      program: z.string(),
      orders: z.array(z.string()).openapi({ description: 'Each order as "number (rating)"' }),
      submittedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

/**
 * One SPA request. The partner view (a SOSA officer of the nation whose request is concerned)
 * has null for the company's contact, the problem, what it tried, the order ids and the history:
 * BIS-999 content is business-confidential (DPA 705(d)).
 */
export const spaRequestViewSchema = z
  .strictObject({
    id: z.string(),
    reference: z.string(),
    status: z.enum(SPA_STATUSES),
    view: z.enum(['full', 'partner']),
    nation: z.string(),
    company: z.strictObject({ id: z.string(), name: z.string() }),
    requester: z.strictObject({ name: z.string(), title: z.string().nullable(), email: z.string(), phone: z.string().nullable() }).nullable(),
    customer: z.string().nullable(),
    supplier: z.strictObject({ organisationId: z.string().nullable(), name: z.string(), contact: z.string().nullable() }).nullable(),
    orders: z.array(
      z.strictObject({
        lineNo: z.number().int(),
        orderId: z.string().nullable(),
        orderNumber: z.string(),
        rating: z.string(),
        items: z.string(),
        quantity: z.number().int(),
        requiredDeliveryDate: z.string(),
        promisedDeliveryDate: z.string().nullable(),
      }),
    ),
    program: z.string(),
    problem: z.string().nullable(),
    attemptsMade: z.string().nullable(),
    actionRequested: z.string(),
    outcomeNote: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    forwardedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
    actions: z.array(z.enum(SPA_ACTIONS)).openapi({ description: 'The transitions the caller may take now' }),
    partnerDelivery: partnerDeliveriesOf('SPA request'),
    events: z
      .array(z.strictObject({ at: z.string(), actor: z.string(), nation: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), note: z.string().nullable() }))
      .nullable(),
  })
  .openapi('SpaRequest');
