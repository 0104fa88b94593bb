import { z } from '@hono/zod-openapi';

/** Issue #13: whether one partner instance received an object's latest change (services/federation/delivery-state.ts). */
const partnerDeliverySchema = z
  .strictObject({
    peer: z.string(),
    version: z.number().int(),
    state: z.enum(['delivered', 'pending', 'refused']).openapi({ description: "'refused': the partner's instance received the change and refused it (signed receipt); its reason in refusedReason" }),
    deliveredAt: z.string().nullable(),
    pendingSince: z.string().nullable().openapi({ description: 'Pending only: when the oldest change the partner has not yet received was made' }),
    unreachableSince: z.string().nullable(),
    refusedReason: z.string().nullable(),
  })
  .openapi('PartnerDelivery');

/** The delivery lines of one kind of object (the request, the SPA request, …), for its detail's `partnerDelivery`. */
export function partnerDeliveriesOf(what: string) {
  return z
    .array(partnerDeliverySchema)
    .openapi({ description: `Sovereign instances: whether each partner instance received the ${what}'s latest change (this instance's officials only; [] on a shared deployment and for a copy another instance sent)` });
}
