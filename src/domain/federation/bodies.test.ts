import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestSubmitBodySchema } from './bodies.js';

// Issue #13: the `request.submit` body is checked on arrival; a body not of this shape is refused.
const valid = {
  request: {
    id: '6f1c8a8e-8b7a-4d3c-9d59-2a7c1f0b9e11',
    arrangementId: 'US-IN',
    fromNation: 'IN',
    toNation: 'US',
    title: 'F414 turbine blades',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Production lot 3',
    urgency: 'routine',
    classification: 'UNCLASSIFIED',
    requiredBy: '2027-06-30',
    items: [{ partNumber: 'F414-HPT-1', description: 'Blade', quantity: 40, unit: 'ea', requiredDeliveryDate: '2027-06-01' }],
  },
  submitter: { displayName: 'Cdr. A. Rao', nation: 'IN', organisation: 'Ministry of Defence' },
  submittedAt: '2026-12-04T09:30:00+05:30',
};

describe('request.submit body (issue #13)', () => {
  it('takes the request as POST /requests takes it, with its id, arrangement and named submitter', () => {
    assert.equal(requestSubmitBodySchema.safeParse(valid).success, true);
  });

  it("refuses a submitter identified by an account of the sending instance, and content POST /requests would refuse", () => {
    const withLogin = { ...valid, submitter: { ...valid.submitter, username: 'in.sosa' } };
    assert.equal(requestSubmitBodySchema.safeParse(withLogin).success, false);
    assert.equal(requestSubmitBodySchema.safeParse({ ...valid, request: { ...valid.request, items: [] } }).success, false);
    assert.equal(requestSubmitBodySchema.safeParse({ ...valid, request: { ...valid.request, requiredBy: '2027-02-30' } }).success, false);
    assert.equal(requestSubmitBodySchema.safeParse({ ...valid, request: { ...valid.request, id: 'not-a-uuid' } }).success, false);
  });
});
