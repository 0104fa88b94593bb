import { AppError } from '../../domain/errors.js';
import { requestStepBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findRequestWithAssignments } from '../../store/request-reads.repository.js';
import type { AppContext } from '../context.js';
import { toAssignmentRows } from '../requests/load-request.js';
import { applyTransition } from '../requests/transition-request.js';
import { Refused, type RefusalReason } from './inbound-refusal.js';
import { isParty, notHeld } from './not-held.js';

/**
 * A step of the requesting nation's (`request.step`, issue #13, README "Sovereign instances"),
 * taken by its named official on its own instance, where the request is a partner copy, applied
 * here, the instance that holds the request, in the inbox's transaction. The peer speaks only for
 * its own nation, only about requests it made under the arrangement of the message, and only
 * for transitions the workflow gives the requesting side (`side: 'requesting'`) from the state
 * the request is in now: a step the request moved on from meanwhile is refused
 * (`step_not_allowed`), as a racing local step loses with 409. The step then takes the one path
 * every step takes (transition-request.ts `applyTransition`): fields checked again by this
 * instance's rules, history naming the peer's official, audit, deadlines, and the new
 * projection back to the peer, answering this message. The inbox keys by message id, so it is
 * applied once. A refusal applies nothing: the inbox records it and the peer keeps the receipt.
 */
export async function applyRequestStep(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage, hash: string): Promise<void> {
  const refuse = (reason: RefusalReason, detail: string) => new Refused(reason, detail, peer.nation, message.id);
  const parsed = requestStepBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== 'request' || parsed.data.request.id !== message.object.id) {
    throw refuse('invalid_content', 'a request.step carries one step on the request the message names, with the official who took it');
  }
  const { request, action, fields, actor } = parsed.data;
  if (actor.nation !== peer.nation) throw refuse('wrong_nation', `${peer.nation} sent a step taken by an official of ${actor.nation}: a peer speaks only for its own officials`);
  const found = await findRequestWithAssignments(trx, request.id, { forUpdate: true });
  // A request held here between other nations (a hub's) is answered as one not held (not-held.ts).
  if (!found || !isParty(peer, found.row, ctx.config.nation!)) throw notHeld(peer, message);
  const { row } = found;
  if (row.from_nation !== peer.nation) throw refuse('wrong_nation', `request ${row.reference} is ${row.from_nation}'s: ${peer.nation} does not take its requesting-side steps`);
  if (row.arrangement_id !== message.arrangement) throw refuse('out_of_arrangement', `request ${row.reference} is one of ${row.arrangement_id}, not ${message.arrangement}`);
  const def = await ctx.workflows.get(row.workflow_id, trx);
  const t = def.transitions.find((x) => x.action === action);
  if (!t || t.side !== 'requesting') throw refuse('step_not_allowed', `"${action}" is not a step of the requesting nation in the ${def.name} workflow`);
  if (!t.from.includes(row.state)) throw refuse('step_not_allowed', `"${t.label}" is not possible while request ${row.reference} is ${row.state}: it moved on before the step arrived`);
  try {
    await applyTransition(ctx, trx, {
      row,
      assignments: toAssignmentRows(found.assignments),
      def,
      t,
      by: { kind: 'peer', nation: peer.nation, displayName: actor.displayName, organisation: actor.organisation, messageId: message.id, answers: hash },
      fields,
    });
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'ROLE_NOT_ALLOWED')) throw error;
    throw refuse('invalid_content', `the step does not meet this instance's rules: ${error.errors?.length ? error.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : error.message}`);
  }
}
