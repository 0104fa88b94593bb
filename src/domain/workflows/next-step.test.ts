import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_OF_CONDUCT_WORKFLOW } from './code-of-conduct-workflow.js';
import { DPAS_WORKFLOW } from './dpas-workflow.js';
import { awaitedStepsFor, awaitedTransitions, isNewsForRequester } from './next-step.js';
import { parseWorkflowDefinition } from './workflow-definition.js';
import type { Actor } from '../access/actor.js';
import { allowedActions, type RequestState } from './workflow-engine.js';

const actions = (state: string, def = DPAS_WORKFLOW) => awaitedTransitions(def, state).map((t) => t.action);
const step = (action: string, def = DPAS_WORKFLOW) => def.transitions.find((t) => t.action === action)!;

describe('who a request waits on, read from the workflow definition', () => {
  it('each DPAS state waits for its primary step on the waiting side, not for return, deny or withdraw', () => {
    assert.deepEqual(actions('submitted'), ['acknowledge']);
    assert.deepEqual(actions('sosa_review'), ['forward_for_determination']);
    assert.deepEqual(actions('program_determination'), ['determine_program']);
    assert.deepEqual(actions('rating_authorization'), ['authorize_rating']);
    assert.deepEqual(actions('rating_authorized'), ['place_rated_order']);
    assert.deepEqual(actions('rated_order_placed'), ['accept_rated_order']);
    assert.deepEqual(actions('supplier_rejected'), ['place_rated_order']);
    assert.deepEqual(actions('returned'), ['resubmit']);
    assert.deepEqual(actions('in_performance'), ['mark_delivered']);
    assert.deepEqual(actions('delivered'), ['confirm_receipt_and_close']);
    assert.deepEqual(actions('closed'), []);
  });

  it('a Code of Conduct request that no company took waits on the ministry to route it again', () => {
    assert.deepEqual(actions('routed', CODE_OF_CONDUCT_WORKFLOW), ['commit']);
    assert.deepEqual(actions('no_commitment', CODE_OF_CONDUCT_WORKFLOW), ['route_to_companies']);
  });

  it('a configured workflow without primary steps waits on every step of its waiting side', () => {
    const def = parseWorkflowDefinition({
      id: 'plain',
      name: 'Plain',
      initial: 'open',
      states: [{ id: 'open', label: 'Open', waitingOn: 'supplying' }, { id: 'done', label: 'Done', terminal: true }],
      transitions: [
        { action: 'finish', label: 'Finish', from: ['open'], to: 'done', side: 'supplying', roles: ['sosa_officer'] },
        { action: 'drop', label: 'Drop', from: ['open'], to: 'done', side: 'requesting', roles: ['sosa_officer'] },
      ],
    });
    assert.deepEqual(actions('open', def), ['finish']);
  });

  it('the step a user may take is decided by the engine: only the company the order is placed with may accept it', () => {
    const request: RequestState = { state: 'rated_order_placed', fromNation: 'IN', toNation: 'US', supplierOrganisationId: 'lynn', assignments: [{ organisationId: 'lynn', status: 'placed' }] };
    const company = (org: string): Actor => ({ userId: org, username: org, nation: 'US', organisationId: org, roles: ['supplier'] });
    assert.deepEqual(awaitedStepsFor(DPAS_WORKFLOW, request, company('lynn')).map((t) => t.action), ['accept_rated_order']);
    assert.deepEqual(awaitedStepsFor(DPAS_WORKFLOW, request, company('ohio')), []);
    assert.deepEqual(awaitedStepsFor(DPAS_WORKFLOW, request, { ...company('dod'), roles: ['program_determination'] }), []);
  });

  it('the company performing a rated order may report a delay (700.13(d)); another company may not', () => {
    const request: RequestState = { state: 'in_performance', fromNation: 'IN', toNation: 'US', supplierOrganisationId: 'ohio', assignments: [{ organisationId: 'lynn', status: 'superseded' }, { organisationId: 'ohio', status: 'accepted' }] };
    const company = (org: string): Actor => ({ userId: org, username: org, nation: 'US', organisationId: org, roles: ['supplier'] });
    assert.deepEqual(allowedActions(DPAS_WORKFLOW, request, company('ohio')).map((t) => t.action).sort(), ['mark_delivered', 'report_delay']);
    assert.deepEqual(allowedActions(DPAS_WORKFLOW, request, company('lynn')), []);
  });

  it('the requester hears of returns, placements, rejections, delays, deliveries and the end — not of internal or in-office steps', () => {
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('return_for_information'), 'program_determination', 'returned'), true);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('place_rated_order'), 'rating_authorized', 'rated_order_placed'), true);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('reject_rated_order'), 'rated_order_placed', 'supplier_rejected'), true);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('report_delay'), 'in_performance', 'in_performance'), true);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('mark_delivered'), 'in_performance', 'delivered'), true);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('deny'), 'sosa_review', 'denied'), true);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('forward_for_determination'), 'sosa_review', 'program_determination'), false);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('authorize_rating'), 'rating_authorization', 'rating_authorized'), false);
    assert.equal(isNewsForRequester(DPAS_WORKFLOW, step('withdraw'), 'submitted', 'withdrawn'), false, 'the requester took it');
    const coc = CODE_OF_CONDUCT_WORKFLOW;
    assert.equal(isNewsForRequester(coc, step('route_to_companies', coc), 'mod_review', 'routed'), false, 'the shortlist is internal');
    assert.equal(isNewsForRequester(coc, step('decline', coc), 'routed', 'no_commitment'), false, 'a refusal is internal');
    assert.equal(isNewsForRequester(coc, step('commit', coc), 'routed', 'in_performance'), true);
  });
});
