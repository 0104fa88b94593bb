import type { Actor } from '../access/actor.js';
import { allowedActions, sideOf, type RequestState } from './workflow-engine.js';
import type { TransitionSpec, WorkflowDefinition } from './workflow-definition.js';

/**
 * Whom a request waits on, and whether that is the caller — the rule behind the work queue.
 *
 * A request waits on the caller when its state waits on the caller's side (and, if the state
 * names roles, on one the caller holds) and the caller may take a step that moves it forward.
 * Escape and side steps (`pending: false`: withdraw, deny, return for information, report a
 * delay) are open to the caller without the request waiting on it: India may withdraw a request
 * that waits on the US, and the US SOSA office may return one that waits on DoD.
 *
 * Pure and per request, so the list, the queue and any later SQL rewrite of the queue share one
 * definition (a rewrite must agree with this function on every state of every workflow).
 */
export function pendingActions(def: WorkflowDefinition, request: RequestState, actor: Actor): TransitionSpec[] {
  const state = def.states.find((s) => s.id === request.state);
  if (!state || state.terminal || !state.waitingOn) return [];
  if (sideOf(actor.nation, request) !== state.waitingOn) return [];
  const owedRoles = state.waitingOnRoles;
  return allowedActions(def, request, actor).filter(
    (t) => t.pending && (!owedRoles || t.roles.some((r) => owedRoles.includes(r) && actor.roles.includes(r))),
  );
}

export function waitsOnActor(def: WorkflowDefinition, request: RequestState, actor: Actor): boolean {
  return pendingActions(def, request, actor).length > 0;
}

/**
 * One way a request can wait on the actor, as data the store turns into SQL (the work queue,
 * issue #14): a request of `workflowId` in `state`, with the actor's nation on `side`, waits on
 * the actor when `who` holds — `official`: always (the actor holds an official role of a pending
 * step); `assigned_company`: the actor's company has an open line (pending or placed) on it;
 * `performing_company`: the actor's company performs it.
 */
export interface QueueCondition {
  workflowId: string;
  state: string;
  side: 'requesting' | 'supplying';
  who: 'official' | 'assigned_company' | 'performing_company';
}

/**
 * The conditions under which a request waits on the actor, for every state of every workflow:
 * the same rule as pendingActions (and roleAllows in workflow-engine.ts), lifted from one
 * request to a query over all of them. A request waits on the actor iff it meets one condition.
 */
export function queueConditions(defs: readonly WorkflowDefinition[], actor: Actor): QueueCondition[] {
  const out: QueueCondition[] = [];
  for (const def of defs) {
    for (const state of def.states) {
      if (state.terminal || !state.waitingOn) continue;
      const side = state.waitingOn;
      const owedRoles = state.waitingOnRoles;
      const who = new Set<QueueCondition['who']>();
      for (const t of def.transitions) {
        if (!t.pending || !t.from.includes(state.id) || t.side !== side) continue;
        if (owedRoles && !t.roles.some((r) => owedRoles.includes(r) && actor.roles.includes(r))) continue;
        if (t.roles.some((r) => r !== 'supplier' && actor.roles.includes(r))) who.add('official');
        else if (t.roles.includes('supplier') && actor.roles.includes('supplier')) who.add(t.assignedCompanyOnly ? 'assigned_company' : 'performing_company');
      }
      if (who.has('official')) out.push({ workflowId: def.id, state: state.id, side, who: 'official' });
      else for (const w of who) out.push({ workflowId: def.id, state: state.id, side, who: w });
    }
  }
  return out;
}
