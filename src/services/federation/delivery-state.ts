import { isCompanyUser } from '../../domain/access/border/index.js';
import type { Actor } from '../../domain/access/actor.js';
import { latestOutboundForObject, objectPendingSince, peersPendingForObjects, peerUnreachableSince } from '../../store/federation-messages.repository.js';
import type { Db as Executor } from '../../store/executor.js';
import type { AppContext } from '../context.js';

export interface PartnerDeliveryView {
  /** The peer instance's nation. */
  peer: string;
  /** The object's version the latest message carried. */
  version: number;
  /** 'refused': the partner's instance received the change and refused it, signed (its reason in `refusedReason`); later changes go on. */
  state: 'delivered' | 'pending' | 'refused';
  /** When the peer's signed receipt (of delivery or refusal) came back ("delivered to the US desk at 14:02"). */
  deliveredAt: string | null;
  /** Pending only: when the oldest change the peer has not yet received was made ("not yet delivered, since 10:15"). */
  pendingSince: string | null;
  /** Pending only: since when the peer has not answered ("partner unreachable since 09:10"), or null while no attempt failed. */
  unreachableSince: string | null;
  /** Refused only: the partner's reason (e.g. unknown_object). */
  refusedReason: string | null;
}

function readsDelivery(ctx: AppContext, actor: Actor): boolean {
  return Boolean(ctx.config.nation) && actor.nation === ctx.config.nation && !isCompanyUser(actor);
}

/**
 * Whether each peer instance has received the latest change of an object (issue #13). Shown to
 * the officials of this instance's nation only: how its link to a partner fares is its own
 * business, not the partner's companies' nor its own companies'. Read in the caller's transaction
 * when it passes one (on PGlite's one connection, a read beside an open transaction would wait on it).
 */
export async function partnerDelivery(ctx: AppContext, actor: Actor, objectType: string, objectId: string, db: Executor = ctx.store.db): Promise<PartnerDeliveryView[]> {
  if (!readsDelivery(ctx, actor)) return [];
  const rows = await latestOutboundForObject(db, objectType, objectId);
  return Promise.all(
    rows.map(async (r) => ({
      peer: r.peerNation,
      version: r.objectVersion,
      state: r.state,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      pendingSince: r.state === 'pending' ? ((await objectPendingSince(db, objectType, objectId, r.peerNation))?.toISOString() ?? null) : null,
      // An earlier message to the peer may be the one that fails: the queue waits on it.
      unreachableSince: r.state === 'pending' ? ((await peerUnreachableSince(db, r.peerNation))?.toISOString() ?? null) : null,
      refusedReason: r.state === 'refused' ? r.refusalReason : null,
    })),
  );
}

/**
 * For a page of a list: the peers that have not yet received each object's latest change (one
 * statement; none at all on a shared deployment, which has no peer). Read by the same people as
 * `partnerDelivery`.
 */
export async function partnersPending(ctx: AppContext, actor: Actor, objectType: string, objectIds: readonly string[]): Promise<Map<string, string[]>> {
  if (!readsDelivery(ctx, actor)) return new Map();
  return peersPendingForObjects(ctx.store.db, objectType, objectIds);
}
