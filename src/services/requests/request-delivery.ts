import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { partnerDelivery, type PartnerDeliveryView } from '../federation/delivery-state.js';
import { loadRequestForActor } from './load-request.js';

/**
 * Issue #13: only whether each partner instance has the request's latest change, for the request
 * page that asks every few seconds while one lacks it (the whole request is read again only when
 * this answer changes). Read by whoever reads the request, 404 for anyone else, as the detail; the
 * delivery itself is shown to this instance's own officials only (delivery-state.ts), so a reader
 * of another nation gets [] and learns nothing of the request: no read is recorded for it.
 */
export async function getRequestDelivery(ctx: AppContext, actor: Actor, id: string): Promise<{ partnerDelivery: PartnerDeliveryView[] }> {
  await loadRequestForActor(ctx.store.db, id, actor);
  return { partnerDelivery: await partnerDelivery(ctx, actor, 'request', id) };
}
