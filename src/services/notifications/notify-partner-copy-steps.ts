import type { PartnerCopyBody } from '../../domain/federation/partner-copy.js';
import type { Tx } from '../../store/executor.js';
import type { AppContext } from '../context.js';
import { knownWorkflow } from '../partner-copies/copy-steps.js';
import { notifyRequestStep } from './notify-workflow-step.js';

type CopyEvent = PartnerCopyBody['history'][number];

/**
 * A new projection of a request the peer holds replaced this nation's partner copy (issue #13,
 * apply-inbound.ts): each step it brings that the copy did not show tells this nation's officials
 * what the step tells them on a shared instance (notifyRequestStep: the request now waits on
 * them, news for the requesting SOSA office, the end), linking to the copy's page. The steps are
 * the holder's history entries the copy lacked, from its latest entry on (an older entry that the
 * border lets through only now, a company's step once it commits, is history, not news); each is
 * keyed by the holder's record of it, so the same projection sent again (a redelivery, a peering
 * that shares what exists) tells nobody twice. The official here who sent the step the projection
 * answers (`stepSentBy`) is not told of it. A first copy (no copy held before: peering shares
 * what exists) tells nobody; nor does a copy of a workflow this instance does not know.
 */
export async function notifyPartnerCopySteps(
  ctx: AppContext,
  trx: Tx,
  change: { peerNation: string; before: PartnerCopyBody | null; after: PartnerCopyBody; stepSentBy: string | null },
): Promise<void> {
  const own = ctx.config.nation;
  const { before, after } = change;
  if (!own || !before) return;
  const fresh = freshEvents(before.history, after.history);
  if (fresh.length === 0) return;
  const r = after.request;
  const def = await knownWorkflow(ctx, r.workflowId, trx);
  if (!def) return;
  const request = { id: r.id, reference: r.reference, title: r.title, from_nation: r.fromNation, to_nation: r.toNation, arrangement_id: r.arrangementId };
  for (const e of fresh) {
    const transition = e.action === 'submit' ? null : def.transitions.find((t) => t.action === e.action);
    if (transition === undefined) continue;
    await notifyRequestStep(ctx, trx, {
      def,
      request,
      transition,
      from: e.fromState,
      to: e.toState,
      // The copy's company lines are the holder's: no company here is told, none is named.
      assignmentsBefore: [],
      assignmentsAfter: [],
      supplierAfter: null,
      actor: { userId: e.actorNation === own ? change.stepSentBy : null, nation: e.actorNation },
      eventId: `${change.peerNation}:${r.id}:${e.at}:${e.action}`,
      inbound: { nation: own, partnerCopy: true },
    });
  }
}

const keyOf = (e: CopyEvent) => `${e.at}\u0000${e.action}\u0000${e.toState}`;

/** The entries of `after` that `before` lacks, from `before`'s latest entry on, in the holder's order. */
export function freshEvents(before: readonly CopyEvent[], after: readonly CopyEvent[]): CopyEvent[] {
  const held = new Set(before.map(keyOf));
  const latest = before.reduce<string | null>((max, e) => (max === null || Date.parse(e.at) > Date.parse(max) ? e.at : max), null);
  return after.filter((e) => !held.has(keyOf(e)) && (latest === null || Date.parse(e.at) >= Date.parse(latest)));
}
