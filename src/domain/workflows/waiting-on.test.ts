import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_OF_CONDUCT_WORKFLOW } from './code-of-conduct-workflow.js';
import { DPAS_WORKFLOW } from './dpas-workflow.js';
import { pendingActions, waitsOnActor } from './waiting-on.js';
import type { RequestState } from './workflow-engine.js';
import { bpf, dea, inSosa, lynn, testActor, usCommerce, usDod, usSosa } from '../access/test-cast.js';

const dpas = (state: string, extra: Partial<RequestState> = {}): RequestState => ({ state, fromNation: 'IN', toNation: 'US', supplierOrganisationId: null, assignments: [], ...extra });
const coc = (state: string, extra: Partial<RequestState> = {}): RequestState => ({ state, fromNation: 'US', toNation: 'IN', supplierOrganisationId: null, assignments: [], ...extra });

describe('whom a request waits on (the work queue rule)', () => {
  it('a submitted request waits on the receiving SOSA office; the sender\'s Withdraw is not work', () => {
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('submitted'), usSosa), true);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('submitted'), inSosa), false);
    assert.deepEqual(pendingActions(DPAS_WORKFLOW, dpas('submitted'), usSosa).map((t) => t.action), ['acknowledge']);
  });

  it('at DoD and at Commerce the request waits on them, not on the SOSA office that may still return or deny it', () => {
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('program_determination'), usDod), true);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('program_determination'), usSosa), false);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('program_determination'), usCommerce), false);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('rating_authorization'), usCommerce), true);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('rating_authorization'), usDod), false);
  });

  it('a returned request and a delivered one wait on the requester', () => {
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('returned'), inSosa), true);
    assert.deepEqual(pendingActions(DPAS_WORKFLOW, dpas('returned'), inSosa).map((t) => t.action), ['resubmit']);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('delivered'), inSosa), true);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, dpas('delivered'), usSosa), false);
  });

  it('in performance the request waits on the performing company, not on either SOSA office', () => {
    const performing = dpas('in_performance', { supplierOrganisationId: 'LYNN', assignments: [{ organisationId: 'LYNN', status: 'accepted' }] });
    assert.equal(waitsOnActor(DPAS_WORKFLOW, performing, lynn), true);
    assert.equal(waitsOnActor(DPAS_WORKFLOW, performing, usSosa), false, 'the US office may record delivery, as a fallback');
    assert.equal(waitsOnActor(DPAS_WORKFLOW, performing, inSosa), false);
    assert.deepEqual(pendingActions(DPAS_WORKFLOW, performing, lynn).map((t) => t.action), ['mark_delivered'], 'reporting a delay is optional');
    const cocPerforming = coc('in_performance', { supplierOrganisationId: 'BPF', assignments: [{ organisationId: 'BPF', status: 'accepted' }] });
    assert.equal(waitsOnActor(CODE_OF_CONDUCT_WORKFLOW, cocPerforming, usSosa), false, 'waiting on India');
    assert.equal(waitsOnActor(CODE_OF_CONDUCT_WORKFLOW, cocPerforming, bpf), true);
  });

  it('a routed request waits on each company it was put to, until it answers', () => {
    const routed = coc('routed', { assignments: [{ organisationId: 'BPF', status: 'pending' }, { organisationId: 'DEA', status: 'declined' }] });
    assert.equal(waitsOnActor(CODE_OF_CONDUCT_WORKFLOW, routed, bpf), true);
    assert.equal(waitsOnActor(CODE_OF_CONDUCT_WORKFLOW, routed, dea), false);
    assert.equal(waitsOnActor(CODE_OF_CONDUCT_WORKFLOW, routed, testActor('IN', ['sosa_officer'])), false);
  });

  it('every open state of both workflows waits on someone, and terminal states on nobody', () => {
    const cast = [inSosa, usSosa, usDod, usCommerce, lynn, bpf, testActor('IN', ['program_determination']), testActor('IN', ['rating_authority'])];
    for (const def of [DPAS_WORKFLOW, CODE_OF_CONDUCT_WORKFLOW]) {
      for (const state of def.states) {
        const base = def === DPAS_WORKFLOW ? dpas(state.id) : coc(state.id);
        const company = def === DPAS_WORKFLOW ? 'LYNN' : 'BPF';
        const status = state.id === 'in_performance' || state.id === 'delivered' ? 'accepted' : state.id === 'routed' ? 'pending' : 'placed';
        const request = { ...base, supplierOrganisationId: status === 'accepted' ? company : null, assignments: [{ organisationId: company, status } as const] };
        const waitedOn = cast.filter((a) => waitsOnActor(def, request, a));
        if (state.terminal) assert.deepEqual(waitedOn, [], `${def.id}.${state.id} waits on nobody`);
        else assert.ok(waitedOn.length > 0, `${def.id}.${state.id} waits on someone`);
        // Whoever it waits on is of the side the state names.
        for (const a of waitedOn) assert.equal(a.nation === request.fromNation ? 'requesting' : 'supplying', state.waitingOn, `${def.id}.${state.id}`);
      }
    }
  });

  it('Withdraw, Deny and Return for information never count as pending', () => {
    for (const def of [DPAS_WORKFLOW, CODE_OF_CONDUCT_WORKFLOW]) {
      for (const action of ['withdraw', 'deny', 'return_for_information']) {
        assert.equal(def.transitions.find((t) => t.action === action)?.pending, false, `${def.id}.${action}`);
      }
    }
  });
});
