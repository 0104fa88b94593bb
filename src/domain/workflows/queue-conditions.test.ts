// The work queue's SQL conditions (queueConditions, issue #14) must agree with the per-request
// rule (pendingActions) on every state of every built-in workflow, for every single role and
// company situation: the queue shows exactly the requests whose summary says waitingOnYou.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../access/actor.js';
import { BUILT_IN_WORKFLOWS } from './built-in-workflows.js';
import { pendingActions, queueConditions, type QueueCondition } from './waiting-on.js';
import { ROLES } from './workflow-definition.js';
import type { AssignmentState, RequestState } from './workflow-engine.js';

/** What the store's SQL decides for one request (requests.repository.ts queuedRequests). */
function meets(conditions: readonly QueueCondition[], workflowId: string, request: RequestState, actor: Actor): boolean {
  return conditions.some(
    (c) =>
      c.workflowId === workflowId &&
      c.state === request.state &&
      (c.side === 'requesting' ? request.fromNation : request.toNation) === actor.nation &&
      (c.who === 'official' ||
        (c.who === 'performing_company' && request.supplierOrganisationId === actor.organisationId) ||
        (c.who === 'assigned_company' && request.assignments.some((a) => a.organisationId === actor.organisationId && (a.status === 'pending' || a.status === 'placed')))),
  );
}

const STATUSES: Array<AssignmentState['status'] | null> = [null, 'pending', 'placed', 'accepted', 'declined', 'superseded'];

describe('queueConditions agrees with pendingActions (#14)', () => {
  it('on every state of every workflow, for each role on each side and each company situation', () => {
    let checked = 0;
    for (const def of BUILT_IN_WORKFLOWS) {
      for (const nation of ['IN', 'US']) {
        for (const roles of [...ROLES.map((r) => [r]), ['sosa_officer', 'analyst'], ['program_determination', 'rating_authority']] as Actor['roles'][]) {
          const actor: Actor = { userId: 'u', username: 'u', nation, organisationId: 'own', roles };
          const conditions = queueConditions([def], actor);
          for (const state of def.states) {
            for (const status of STATUSES) {
              for (const supplier of [null, 'own', 'other']) {
                const request: RequestState = { state: state.id, fromNation: 'IN', toNation: 'US', supplierOrganisationId: supplier, assignments: status ? [{ organisationId: 'own', status }, { organisationId: 'other', status: 'pending' }] : [] };
                const expected = pendingActions(def, request, actor).length > 0;
                assert.equal(meets(conditions, def.id, request, actor), expected, `${def.id} ${state.id}, ${nation} ${roles.join('+')}, own line ${status}, supplier ${supplier}`);
                checked += 1;
              }
            }
          }
        }
      }
    }
    assert.ok(checked > 1000, `${checked} cases`);
  });
});
