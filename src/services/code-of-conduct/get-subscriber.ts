import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { loadSubscriptionViews, registryReadScope, subscriptionNotFound, type SubscriptionView } from './subscription-view.js';
import { isUuid } from '../../domain/uuid.js';

/** One entry with its status history; another nation's entry, or another company's for a supplier, is 404. */
export async function getSubscriber(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<SubscriptionView> {
  if (!isUuid(id)) throw subscriptionNotFound(id);
  const [view] = await loadSubscriptionViews(ctx.store.db, [id], true);
  const scope = registryReadScope(actor);
  if (!view || view.nation !== scope.nation || (scope.organisationId && view.organisation.id !== scope.organisationId)) throw subscriptionNotFound(id);
  return view;
}
