import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { CODE_OF_CONDUCT_WORKFLOW } from './code-of-conduct-workflow.js';
import { DPAS_WORKFLOW } from './dpas-workflow.js';
import type { Actor } from '../access/actor.js';
import { isRealDate } from '../calendar/real-date.js';
import { allowedActions, requireTransition, targetState, validateTransitionFields, type RequestState } from './workflow-engine.js';

const actor = (nation: string, roles: Actor['roles'], organisationId = `${nation}-org`): Actor => ({ userId: 'u', username: 'u', nation, organisationId, roles });
const request = (state: string, extra: Partial<RequestState> = {}): RequestState => ({ state, fromNation: 'IN', toNation: 'US', supplierOrganisationId: null, assignments: [], ...extra });
const actions = (r: RequestState, a: Actor) => allowedActions(DPAS_WORKFLOW, r, a).map((t) => t.action).sort();

describe('workflow guards: state, side and role', () => {
  it('lets only the supplying nation\'s SOSA office take a submitted request in', () => {
    assert.deepEqual(actions(request('submitted'), actor('US', ['sosa_officer'])), ['acknowledge', 'deny', 'return_for_information']);
    assert.deepEqual(actions(request('submitted'), actor('IN', ['sosa_officer'])), ['withdraw']);
    assert.deepEqual(actions(request('submitted'), actor('GB', ['sosa_officer'])), []);
  });
  it('gives the program determination to DoD and the rating to Commerce, nobody else', () => {
    assert.deepEqual(actions(request('program_determination'), actor('US', ['program_determination'])), ['deny', 'determine_program', 'return_for_information']);
    assert.deepEqual(actions(request('program_determination'), actor('US', ['rating_authority'])), ['deny', 'return_for_information']);
    assert.deepEqual(actions(request('rating_authorization'), actor('US', ['rating_authority'])), ['authorize_rating', 'deny', 'return_for_information']);
    assert.deepEqual(actions(request('rating_authorization'), actor('IN', ['rating_authority'])), []);
  });
  it('lets only the company holding the rated order accept or reject it', () => {
    const placed = request('rated_order_placed', { assignments: [{ organisationId: 'lynn', status: 'placed' }] });
    assert.deepEqual(actions(placed, actor('US', ['supplier'], 'lynn')), ['accept_rated_order', 'reject_rated_order']);
    assert.deepEqual(actions(placed, actor('US', ['supplier'], 'ohio')), []);
    assert.deepEqual(actions(placed, actor('US', ['sosa_officer'])), []);
  });
  it('lets a company that declined act no more, and only the performing company deliver', () => {
    const routed = { ...request('routed'), fromNation: 'US', toNation: 'IN', assignments: [{ organisationId: 'a', status: 'declined' as const }, { organisationId: 'b', status: 'pending' as const }] };
    assert.deepEqual(allowedActions(CODE_OF_CONDUCT_WORKFLOW, routed, actor('IN', ['supplier'], 'a')).map((t) => t.action), []);
    assert.deepEqual(allowedActions(CODE_OF_CONDUCT_WORKFLOW, routed, actor('IN', ['supplier'], 'b')).map((t) => t.action), ['commit', 'decline']);
    const performing = { ...routed, state: 'in_performance', supplierOrganisationId: 'b' };
    assert.deepEqual(allowedActions(CODE_OF_CONDUCT_WORKFLOW, performing, actor('IN', ['supplier'], 'a')).map((t) => t.action), []);
    assert.deepEqual(allowedActions(CODE_OF_CONDUCT_WORKFLOW, performing, actor('IN', ['supplier'], 'b')).map((t) => t.action), ['mark_delivered']);
  });
  it('answers a wrong role with ROLE_NOT_ALLOWED (403) and a wrong state with ACTION_NOT_ALLOWED_IN_STATE (409)', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'none';
      } catch (error) {
        return (error as AppError).code;
      }
    };
    assert.equal(code(() => requireTransition(DPAS_WORKFLOW, request('submitted'), actor('US', ['supplier']), 'acknowledge')), 'ROLE_NOT_ALLOWED');
    assert.equal(code(() => requireTransition(DPAS_WORKFLOW, request('closed'), actor('US', ['sosa_officer']), 'acknowledge')), 'ACTION_NOT_ALLOWED_IN_STATE');
    assert.equal(code(() => requireTransition(DPAS_WORKFLOW, request('submitted'), actor('US', ['sosa_officer']), 'teleport')), 'ACTION_NOT_ALLOWED_IN_STATE');
  });
});

describe('transition fields', () => {
  const reject = DPAS_WORKFLOW.transitions.find((t) => t.action === 'reject_rated_order')!;
  it('requires the earliest possible date when the supplier cannot meet the date (700.13(b)(1))', () => {
    const { errors } = validateTransitionFields(reject, { ground: 'cannot_meet_date', reasons: 'Forging capacity booked.' });
    assert.deepEqual(errors.map((e) => e.field), ['earliest_possible_date']);
    assert.deepEqual(validateTransitionFields(reject, { ground: 'terms_of_sale_not_met', reasons: 'Payment terms refused.' }).errors, []);
  });
  it('names unknown fields instead of dropping them, and refuses dates that do not exist', () => {
    const { errors } = validateTransitionFields(reject, { ground: 'cannot_meet_date', reasons: 'x', earliest_possible_date: '2026-02-30', colour: 'red' });
    assert.deepEqual(errors.map((e) => e.field).sort(), ['colour', 'earliest_possible_date']);
  });
  it('holds every date field to the domain bounds 2000-01-01 … 2100-12-31 (issue #10)', () => {
    const deliver = DPAS_WORKFLOW.transitions.find((t) => t.action === 'mark_delivered')!;
    const far = validateTransitionFields(deliver, { delivered_on: '9999-12-31' }).errors;
    assert.deepEqual(far.map((e) => e.field), ['delivered_on']);
    assert.match(far[0]!.message, /between 2000-01-01 and 2100-12-31/);
    assert.deepEqual(validateTransitionFields(deliver, { delivered_on: '1999-12-31' }).errors.map((e) => e.field), ['delivered_on']);
    assert.deepEqual(validateTransitionFields(deliver, { delivered_on: '2100-12-31' }).errors, []);
  });
  it('knows real calendar dates, leap years included', () => {
    assert.equal(isRealDate('2028-02-29'), true);
    assert.equal(isRealDate('2026-02-29'), false);
    assert.equal(isRealDate('2026-13-01'), false);
    assert.equal(isRealDate('26-01-01'), false);
  });
  it('sends a request to "no commitment" only when every live assignment is declined', () => {
    const decline = CODE_OF_CONDUCT_WORKFLOW.transitions.find((t) => t.action === 'decline')!;
    assert.equal(targetState(decline, [{ organisationId: 'a', status: 'declined' }, { organisationId: 'b', status: 'pending' }]), 'routed');
    assert.equal(targetState(decline, [{ organisationId: 'a', status: 'declined' }, { organisationId: 'b', status: 'declined' }, { organisationId: 'c', status: 'superseded' }]), 'no_commitment');
  });
});
