import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import type { PartnerCopyBody } from '../../domain/federation/partner-copy.js';
import type { WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { RequestState } from '../../domain/workflows/workflow-engine.js';
import type { Db } from '../../store/executor.js';
import type { PartnerCopyRow, StepSent } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';
import { peersOfRequest } from '../federation/share-request-change.js';
import { actionViews } from '../requests/action-views.js';
import type { ActionView } from '../requests/request-view.js';

/**
 * The rules a step on a partner copy (issue #13) is held to beyond the workflow's own, in one
 * place: the step endpoint (take-partner-copy-step.ts) refuses by them, and the copy's read
 * (read-partner-copy.ts) offers no button that they would refuse.
 */

type CopiedRequest = PartnerCopyBody['request'];

/**
 * The copy's request as the workflow engine reads it. The copy is the holder's word on the
 * request's state; no company line of the holder's is this instance's to act for.
 */
export function copyAsRequestState(r: CopiedRequest): RequestState {
  return { state: r.state, fromNation: r.fromNation, toNation: r.toNation, supplierOrganisationId: null, assignments: [] };
}

/**
 * Only the nation that made the request takes steps on its copy (the workflow's `side:
 * 'requesting'` steps): every other step is the holder's, and the holder refuses a peer's step
 * on a request the peer did not make (apply-request-step.ts).
 */
export function takesStepsOnCopy(actor: Actor, r: CopiedRequest): boolean {
  return actor.nation === r.fromNation;
}

export const notTheRequestersCopy = (r: CopiedRequest) =>
  new AppError('ROLE_NOT_ALLOWED', { detail: `Request ${r.reference || r.id} is ${r.fromNation}'s: the steps on it are taken on the instance that holds it, not on this copy.` });

/**
 * Why no step can be sent on the copy now, or null: a step sent before is still on its way (its
 * answer replaces the copy first; a refused one no longer counts), or the holder is no longer a
 * peer for the request's arrangement, so a step could not reach it.
 */
export async function whyNoStepNow(ctx: AppContext, db: Db, row: PartnerCopyRow, r: CopiedRequest, stepSent: StepSent | null): Promise<AppError | null> {
  if (stepSent && stepSent.delivery !== 'refused') {
    // Read by people in the step dialog: the step's label, and no instant in a zone that is not theirs (the copy's page shows when it was sent).
    const label = (await knownWorkflow(ctx, r.workflowId, db))?.transitions.find((t) => t.action === stepSent.action)?.label ?? stepSent.action;
    return new AppError('CONFLICT', { detail: `"${label}", sent to ${row.peerNation} from this copy, is not applied yet: its answer replaces this copy first.`, extra: { stepSent: stepSent.messageId, sentAt: stepSent.sentAt.toISOString() } });
  }
  const ref = { id: row.requestId, fromNation: r.fromNation, toNation: r.toNation, arrangementId: r.arrangementId };
  if (!(await peersOfRequest(ctx, db, ref)).some((p) => p.nation === row.peerNation)) {
    return new AppError('CONFLICT', { detail: `${row.peerNation}, which holds request ${r.reference || row.requestId}, is no longer a peer of this instance for ${r.arrangementId}: the step cannot reach it.` });
  }
  return null;
}

/**
 * The steps the reader may send on the copy now, as the request's page offers its steps
 * (action-views.ts: label, tone, fields with the copy's line items as the default of a
 * resubmission's): those the workflow engine allows the reader on the copy's state, and none
 * while `whyNoStepNow` would refuse every one. A copy of a workflow this instance does not know
 * offers none (the step endpoint could not check it either).
 */
export async function stepsOfferedOnCopy(ctx: AppContext, actor: Actor, row: PartnerCopyRow, copy: PartnerCopyBody, stepSent: StepSent | null): Promise<ActionView[]> {
  const r = copy.request;
  if (!takesStepsOnCopy(actor, r)) return [];
  const def = await knownWorkflow(ctx, r.workflowId);
  if (!def) return [];
  // The copy names its program by id only: a step prefilled with the program's name is the holder's anyway.
  const views = actionViews(def, copyAsRequestState(r), actor, { program: null, items: copy.items });
  if (views.length === 0 || (await whyNoStepNow(ctx, ctx.store.db, row, r, stepSent))) return [];
  return views;
}

/** The copy's workflow, or null when this instance does not know it (no step can be checked against it). */
export async function knownWorkflow(ctx: AppContext, id: string, db?: Db): Promise<WorkflowDefinition | null> {
  try {
    return await ctx.workflows.get(id, db);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
