import type { Actor } from '../access/actor.js';
import { allowedActions, isTerminal, type RequestState } from './workflow-engine.js';
import type { TransitionSpec, WorkflowDefinition } from './workflow-definition.js';

/**
 * The steps a request in `state` waits for, read from the workflow definition: the transitions
 * out of the state taken by the side the state waits on (`waitingOn`), and of those the primary
 * ones — the step the state exists for (acknowledge, determine, accept …), not the side branches
 * every state offers (return, deny, withdraw). A definition that marks no primary step falls back
 * to every step of the waiting side, then to every step out of the state.
 */
export function awaitedTransitions(def: WorkflowDefinition, state: string): TransitionSpec[] {
  const spec = def.states.find((s) => s.id === state);
  if (!spec || spec.terminal) return [];
  const out = def.transitions.filter((t) => t.from.includes(state));
  const waiting = spec.waitingOn ? out.filter((t) => t.side === spec.waitingOn) : out;
  const primary = waiting.filter((t) => t.tone === 'primary');
  if (primary.length) return primary;
  return waiting.length ? waiting : out;
}

/** The awaited steps this user may take now (the engine's own guard: nation, role, company). */
export function awaitedStepsFor(def: WorkflowDefinition, request: RequestState, user: Actor): TransitionSpec[] {
  const awaited = new Set(awaitedTransitions(def, request.state).map((t) => t.action));
  return allowedActions(def, request, user).filter((t) => awaited.has(t.action));
}

/**
 * Whether the requesting nation's SOSA office learns of a step (issue #11: returns, rejections,
 * placements, delays, deliveries and the end of the request). Read from the definition: a shared
 * step of the supplying side that hands the request back to the requester, ends it, changes which
 * company performs (place, accept, decline), or reports on the running state without leaving it.
 */
export function isNewsForRequester(def: WorkflowDefinition, t: TransitionSpec, from: string, to: string): boolean {
  if (t.visibility !== 'shared' || t.side !== 'supplying') return false;
  if (from === to) return true;
  if (isTerminal(def, to)) return true;
  if (def.states.find((s) => s.id === to)?.waitingOn === 'requesting') return true;
  return t.effects.some((e) => e === 'place_rated_order' || e === 'accept_assignment' || e === 'decline_assignment');
}
