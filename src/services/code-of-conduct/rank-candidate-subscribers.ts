import { rankSubscribers, type Candidate, type RankedCandidate } from '../../domain/partnership/rank-subscribers.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { notFound } from '../requests/load-request.js';
import { capabilitiesOf, loadSubscriptionViews, UUID } from './subscriptions.repository.js';

export interface CandidateSubscriber extends RankedCandidate {
  shortName: string;
  subscribedOn: string;
  stats: { received: number; committed: number; declined: number; delivered: number; deliveredOnTime: number };
}

/**
 * The active Code of Conduct subscribers of the supplying nation, best match for the request
 * first — the shortlist behind "Route to Code of Conduct companies". Internal to the supplying
 * nation's SOSA cell: anyone else, and any request not addressed to its nation, gets 404.
 */
/** A subscriber that may not be routed requests now: its subscription lapsed or was withdrawn. */
export interface UnavailableSubscriber {
  organisationId: string;
  name: string;
  shortName: string;
  status: string;
  statusSince: string;
}

export async function rankCandidateSubscribers(
  ctx: AppContext,
  { actor, requestId }: { actor: Actor; requestId: string },
): Promise<{ requestId: string; items: CandidateSubscriber[]; unavailable: UnavailableSubscriber[] }> {
  if (!UUID.test(requestId)) throw notFound(requestId);
  const db = ctx.store.db;
  const request = await db
    .selectFrom('requests')
    .leftJoin('programs', 'programs.id', 'requests.program_id')
    .select(['requests.id', 'requests.to_nation', 'requests.workflow_id', 'programs.dpas_program_symbol'])
    .where('requests.id', '=', requestId)
    .executeTakeFirst();
  if (!request || request.to_nation !== actor.nation) throw notFound(requestId);
  // Only a request whose workflow routes to Code of Conduct companies has candidates (a DPAS request has a rated-order supplier).
  const workflow = await ctx.workflows.get(request.workflow_id);
  if (!workflow.transitions.some((t) => t.validators.includes('code_of_conduct_companies'))) throw notFound(requestId);
  const items = await db.selectFrom('request_items').select(['part_number', 'nsn', 'description']).where('request_id', '=', requestId).orderBy('line_no').execute();
  const ids = await db.selectFrom('coc_subscriptions').select('id').where('nation', '=', actor.nation).where('status', '=', 'active').execute();
  const views = await loadSubscriptionViews(db, ids.map((r) => r.id));
  const candidates: Candidate[] = views.map((v) => ({ organisationId: v.organisation.id, name: v.organisation.name, capabilities: capabilitiesOf(v), record: v.stats }));
  const byOrg = new Map(views.map((v) => [v.organisation.id, v]));
  const ranked = rankSubscribers({ programSymbol: request.dpas_program_symbol, items: items.map((i) => ({ partNumber: i.part_number, nsn: i.nsn, description: i.description })) }, candidates);
  // The registry's other subscribers, so the routing officer sees why a known firm is missing.
  const unavailable = await db
    .selectFrom('coc_subscriptions')
    .innerJoin('organisations', 'organisations.id', 'coc_subscriptions.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.short_name', 'coc_subscriptions.status', 'coc_subscriptions.status_since'])
    .where('coc_subscriptions.nation', '=', actor.nation)
    .where('coc_subscriptions.status', '!=', 'active')
    .orderBy('organisations.name')
    .execute();
  return {
    requestId,
    unavailable: unavailable.map((u) => ({ organisationId: u.id, name: u.name, shortName: u.short_name, status: u.status, statusSince: u.status_since })),
    items: ranked.map((r) => {
      const v = byOrg.get(r.organisationId)!;
      const { onTimeRate: _o, ...stats } = v.stats;
      return { ...r, shortName: v.organisation.shortName, subscribedOn: v.subscribedOn, stats };
    }),
  };
}
