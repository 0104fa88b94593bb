import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPartnerCopyBody } from './partner-copy.js';

// Issue #13: a copy's body is the peer's JSON. Only the known parts are shown; a part without its
// shape reads as empty instead of failing the copy, and what this instance does not know is dropped.
const request = { id: 'r-1', reference: 'SOSA-IN-US-2026-00001', title: 'Blades', fromNation: 'IN', toNation: 'US', arrangementId: 'US-IN', workflowId: 'dpas', state: 'submitted', urgency: 'routine', programId: 'P', requiredBy: '2027-03-31', justification: 'J', classification: 'UNCLASSIFIED', createdAt: null, updatedAt: null };

describe('reading a partner’s copy', () => {
  it('keeps the known parts and drops fields this instance does not know', () => {
    const body = readPartnerCopyBody({
      request: { ...request, secretExtra: 'x' },
      comments: [{ id: 'c-1', author: { displayName: 'Dana', nation: 'US', organisation: 'DoD', userId: 'u-9' }, body: 'Hello', createdAt: '2026-12-04T03:10:00.000Z', visibility: 'shared' }],
      newKindOfThing: { anything: true },
    });
    assert.ok(body);
    assert.equal(body.request.reference, 'SOSA-IN-US-2026-00001');
    assert.ok(!('secretExtra' in body.request));
    assert.ok(!('newKindOfThing' in body));
    assert.deepEqual(body.comments, [{ id: 'c-1', author: { displayName: 'Dana', nation: 'US', organisation: 'DoD' }, body: 'Hello', createdAt: '2026-12-04T03:10:00.000Z' }]);
  });

  it('reads a malformed part as empty and leaves out unreadable entries, not the whole copy', () => {
    const body = readPartnerCopyBody({ request: { ...request, title: 42 }, items: 'not a list', history: [{ at: '2026-12-04T03:10:00Z', action: 'acknowledge', toState: 'reviewed' }, { nonsense: 1 }], supplier: 'LYNN' });
    assert.ok(body);
    assert.equal(body.request.title, '');
    assert.deepEqual(body.items, []);
    assert.deepEqual(body.history.map((h) => h.action), ['acknowledge']);
    assert.equal(body.supplier, null);
  });

  it('is nothing when the body does not name its request', () => {
    assert.equal(readPartnerCopyBody({ comments: [] }), null);
    assert.equal(readPartnerCopyBody('text'), null);
  });
});
