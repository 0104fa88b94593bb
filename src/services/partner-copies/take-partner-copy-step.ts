import type { Actor } from '../../domain/access/actor.js';
import { validationError } from '../../domain/errors.js';
import { MESSAGE_KINDS, type RequestStepBody } from '../../domain/federation/bodies.js';
import { readPartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { requireTransition, validateTransitionFields } from '../../domain/workflows/workflow-engine.js';
import { auditAs } from '../../store/audit.repository.js';
import { latestInboundHash } from '../../store/federation-messages.repository.js';
import { findPartnerCopy, findStepSent, markStepSent } from '../../store/partner-copies.repository.js';
import { findNamedOfficial } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from '../federation/enqueue-outbound.js';
import type { TransitionInput } from '../requests/transition-request.js';
import { copyAsRequestState, notTheRequestersCopy, takesStepsOnCopy, whyNoStepNow } from './copy-steps.js';
import { holdsCopiesFor } from './partner-copy-access.js';
import { notFound } from './read-partner-copy.js';

export interface StepSentReceipt {
  id: string;
  action: string;
  messageId: string;
  heldBy: string;
}

/**
 * `POST /partner-copies/{id}/steps` (issue #13, README "Sovereign instances"): a request is held
 * by the deciding nation's instance, and the requesting nation's steps on it (transitions with
 * `side: 'requesting'`: withdraw, resubmit, confirm receipt) are taken by its officials on their
 * own instance, where the request is a partner copy. The step is checked here as
 * `POST /requests/{id}/transitions` checks it (the workflow engine's `requireTransition` and
 * `validateTransitionFields`, against the copy's state: the caller's nation, side and role, the
 * state, the fields) and by the copy's own rules (copy-steps.ts: the requesting nation's copy, no
 * step on its way, the holder still a peer), then goes to the holder as a `request.step` message
 * answering the latest message received about the request; the holder applies it
 * (apply-request-step.ts) or refuses it, and its next projection replaces the copy. Until then the copy is marked "step sent, not
 * yet applied", and no second step is sent on top of it. Message, mark and audit commit together.
 */
export async function takePartnerCopyStep(ctx: AppContext, actor: Actor, id: string, input: TransitionInput): Promise<StepSentReceipt> {
  if (!holdsCopiesFor(ctx, actor)) throw notFound(id);
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await findPartnerCopy(trx, id, { forUpdate: true });
    const copy = row && readPartnerCopyBody(row.body);
    if (!row || !copy) throw notFound(id);
    const r = copy.request;
    if (!takesStepsOnCopy(actor, r)) throw notTheRequestersCopy(r);
    const def = await ctx.workflows.get(r.workflowId, trx);
    const t = requireTransition(def, copyAsRequestState(r), actor, input.action);
    const { errors } = validateTransitionFields(t, input.fields);
    if (errors.length) throw validationError(errors);
    const blocked = await whyNoStepNow(ctx, trx, row, r, await findStepSent(trx, row.peerNation, id));
    if (blocked) throw blocked;
    const ref = { id, fromNation: r.fromNation, toNation: r.toNation, arrangementId: r.arrangementId };
    const official = await findNamedOfficial(trx, actor.userId);
    const body: RequestStepBody = {
      request: ref,
      action: t.action,
      fields: input.fields,
      actor: { displayName: official.displayName, nation: actor.nation, organisation: official.organisation },
      takenAt: ctx.now().toISOString(),
    };
    const answers = await latestInboundHash(trx, row.peerNation, 'request', id);
    const sent = await enqueueOutbound(ctx, trx, { peerNation: row.peerNation, arrangement: r.arrangementId, kind: MESSAGE_KINDS.requestStep, object: { type: 'request', id, version: row.objectVersion }, answers, body });
    await markStepSent(trx, row.peerNation, id, sent.id, actor.userId);
    await auditAs(trx, actor, {
      parties: [r.fromNation, r.toNation],
      action: 'request.step_sent_to_peer',
      entityType: 'request',
      entityId: id,
      data: { reference: r.reference, action: t.action, from: r.state, heldBy: row.peerNation, messageId: sent.id, seq: sent.seq, fields: input.fields },
    });
    return { id, action: t.action, messageId: sent.id, heldBy: row.peerNation };
  });
}
