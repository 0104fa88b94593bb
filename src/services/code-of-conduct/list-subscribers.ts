import type { Actor } from '../../domain/access/actor.js';
import { searchSubscriptionIds } from '../../store/code-of-conduct.repository.js';
import type { SubscriptionStatus } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadSubscriptionViews, registryReadScope, type SubscriptionView } from './subscription-view.js';

export interface SubscriberFilter {
  q?: string;
  status?: SubscriptionStatus;
  sector?: string;
  fsc?: string;
}

/** The actor's nation's registry (a supplier: its own company's entry), filtered in SQL. */
export async function listSubscribers(ctx: AppContext, { actor, filter }: { actor: Actor; filter: SubscriberFilter }): Promise<SubscriptionView[]> {
  const scope = registryReadScope(actor);
  const ids = await searchSubscriptionIds(ctx.store.db, { ...scope, ...filter });
  return loadSubscriptionViews(ctx.store.db, ids);
}
