import { rankSubscribers, type Candidate, type RankedCandidate } from '../../domain/partnership/rank-subscribers.js';
import type { Actor } from '../../domain/access/actor.js';
import { findRequestToMatch, listActiveSubscriptionIds, listInactiveSubscribers, listRequestItemsToMatch } from '../../store/code-of-conduct.repository.js';
import type { AppContext } from '../context.js';
import { notFound } from '../requests/load-request.js';
import { capabilitiesOf, loadSubscriptionViews } from './subscription-view.js';
import { isUuid } from '../../domain/uuid.js';

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
  if (!isUuid(requestId)) throw notFound(requestId);
  const db = ctx.store.db;
  const request = await findRequestToMatch(db, requestId);
  if (!request || request.to_nation !== actor.nation) throw notFound(requestId);
  // Only a request whose workflow routes to Code of Conduct companies has candidates (a DPAS request has a rated-order supplier).
  const workflow = await ctx.workflows.get(request.workflow_id);
  if (!workflow.transitions.some((t) => t.validators.includes('code_of_conduct_companies'))) throw notFound(requestId);
  const items = await listRequestItemsToMatch(db, requestId);
  const views = await loadSubscriptionViews(db, await listActiveSubscriptionIds(db, actor.nation));
  const candidates: Candidate[] = views.map((v) => ({ organisationId: v.organisation.id, name: v.organisation.name, capabilities: capabilitiesOf(v), record: v.stats }));
  const byOrg = new Map(views.map((v) => [v.organisation.id, v]));
  const ranked = rankSubscribers({ programSymbol: request.dpas_program_symbol, items: items.map((i) => ({ partNumber: i.part_number, nsn: i.nsn, description: i.description })) }, candidates);
  // The registry's other subscribers, so the routing officer sees why a known firm is missing.
  const unavailable = await listInactiveSubscribers(db, actor.nation);
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
