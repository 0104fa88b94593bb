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
