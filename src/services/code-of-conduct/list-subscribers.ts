import { sql } from 'kysely';
import type { Actor } from '../../domain/access/actor.js';
import type { SubscriptionStatus } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadSubscriptionViews, registryReadScope, type SubscriptionView } from './subscriptions.repository.js';

export interface SubscriberFilter {
  q?: string;
  status?: SubscriptionStatus;
  sector?: string;
  fsc?: string;
}

/** The actor's nation's registry (a supplier: its own company's entry), filtered in SQL. */
export async function listSubscribers(ctx: AppContext, { actor, filter }: { actor: Actor; filter: SubscriberFilter }): Promise<SubscriptionView[]> {
  const scope = registryReadScope(actor);
  let query = ctx.store.db
    .selectFrom('coc_subscriptions as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select('s.id')
    .where('s.nation', '=', scope.nation);
  if (scope.organisationId) query = query.where('s.organisation_id', '=', scope.organisationId);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  if (filter.sector || filter.fsc) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('coc_capabilities as c')
          .select('c.id')
          .whereRef('c.subscription_id', '=', 's.id')
          .$if(Boolean(filter.sector), (q) => q.where('c.sector', '=', filter.sector!))
          .$if(Boolean(filter.fsc), (q) => q.where('c.fsc', '=', filter.fsc!)),
      ),
    );
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('o.name', 'ilike', like),
        eb('o.short_name', 'ilike', like),
        eb('s.signed_by_name', 'ilike', like),
        eb.exists(eb.selectFrom('coc_capabilities as c').select('c.id').whereRef('c.subscription_id', '=', 's.id').where((e) => e.or([e('c.description', 'ilike', like), e('c.fsc', 'ilike', like), e(sql<string>`array_to_string(c.part_numbers, ' ')`, 'ilike', like)]))),
      ]),
    );
  }
  const ids = await query.orderBy('o.name').execute();
  return loadSubscriptionViews(ctx.store.db, ids.map((r) => r.id));
}
