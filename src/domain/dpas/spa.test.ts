import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spaActionsFor, spaRequestSchema, spaTransition, spaViewFor, type SpaScope } from './spa.js';

const valid = {
  requester: { name: 'Tom Kowalski', email: 'tom@lynn.example' },
  supplier: { name: 'Ohio Precision Castings LLC' },
  orders: [{ orderNumber: 'PO-7', rating: 'do-a1', items: 'HPT blade castings', quantity: 40, requiredDeliveryDate: '2027-02-01', promisedDeliveryDate: '2027-04-15' }],
  program: 'F414 engine co-production',
  problem: 'The casting supplier promises 2027-04-15 for a 2027-02-01 DO-A1 order.',
  attemptsMade: 'Asked twice in writing; offered to split the delivery.',
  actionRequested: 'Direct the supplier to meet 2027-02-01 for 20 castings.',
};

describe('BIS-999 request model (700.50)', () => {
  it('accepts the listed fields and normalises the rating', () => {
    const r = spaRequestSchema.safeParse(valid);
    assert.ok(r.success, JSON.stringify(r.error?.issues));
    assert.equal(r.data.orders[0]!.rating, 'DO-A1');
  });
  it('names each missing or wrong field', () => {
    const r = spaRequestSchema.safeParse({ ...valid, problem: ' ', requester: { name: 'x', email: 'not-mail' }, orders: [{ ...valid.orders[0], rating: 'DO-Z9', requiredDeliveryDate: 'ASAP', quantity: 0 }], extra: 1 });
    assert.ok(!r.success);
    const paths = r.error.issues.map((i) => i.path.join('/')).sort();
    assert.deepEqual(paths, ['', 'orders/0/quantity', 'orders/0/rating', 'orders/0/requiredDeliveryDate', 'problem', 'requester/email'].sort());
    assert.equal(spaRequestSchema.safeParse({ ...valid, orders: [] }).success, false);
  });
});

describe('SPA status machine', () => {
  it('walks draft → submitted → under review → forwarded to Commerce → resolved, each by its party', () => {
    assert.deepEqual(spaTransition('draft', 'submit', ['filer'], undefined), { ok: true, to: 'submitted', rule: '15 CFR 700.50: the request is filed on Form BIS-999' });
    assert.equal((spaTransition('submitted', 'start_review', ['reviewer'], undefined) as { to: string }).to, 'under_review');
    assert.equal((spaTransition('under_review', 'forward_to_commerce', ['reviewer'], 'Needs a directive') as { to: string }).to, 'forwarded_to_commerce');
    assert.equal((spaTransition('forwarded_to_commerce', 'resolve', ['commerce'], 'Directive issued') as { to: string }).to, 'resolved');
    assert.equal((spaTransition('forwarded_to_commerce', 'deny', ['commerce'], 'Not a rated order problem') as { to: string }).to, 'denied');
    assert.equal((spaTransition('under_review', 'resolve', ['reviewer'], 'Settled by phone') as { to: string }).to, 'resolved');
  });
  it('refuses a step out of state, by the wrong party, or without reasons', () => {
    assert.equal((spaTransition('draft', 'start_review', ['reviewer'], undefined) as { reason: string }).reason, 'not_in_state');
    assert.equal((spaTransition('submitted', 'start_review', ['filer'], undefined) as { reason: string }).reason, 'not_your_step');
    assert.equal((spaTransition('forwarded_to_commerce', 'resolve', ['reviewer'], 'x') as { reason: string }).reason, 'not_your_step');
    assert.equal((spaTransition('under_review', 'deny', ['reviewer'], '  ') as { reason: string }).reason, 'note_required');
    assert.equal((spaTransition('resolved', 'withdraw', ['filer'], undefined) as { reason: string }).reason, 'not_in_state');
  });
  it('lists the actions of each party', () => {
    assert.deepEqual(spaActionsFor('draft', ['filer']), ['submit', 'withdraw']);
    assert.deepEqual(spaActionsFor('under_review', ['reviewer']), ['forward_to_commerce', 'resolve', 'deny']);
    assert.deepEqual(spaActionsFor('forwarded_to_commerce', ['reviewer']), []);
    assert.deepEqual(spaActionsFor('forwarded_to_commerce', ['commerce']), ['resolve', 'deny']);
  });
});

describe('who sees an SPA', () => {
  const spa: SpaScope = { organisationId: 'lynn', nation: 'US', status: 'submitted', forwarded: false, partnerNations: ['IN'] };
  const u = (nation: string, roles: string[], organisationId = 'office') => ({ nation, roles: roles as never, organisationId });
  it('the filer and auditors of its nation see all, drafts included; reviewers all but drafts; Commerce once forwarded', () => {
    assert.equal(spaViewFor(u('US', ['supplier'], 'lynn'), { ...spa, status: 'draft' }), 'full');
    assert.equal(spaViewFor(u('US', ['supplier'], 'ohio'), spa), null);
    assert.equal(spaViewFor(u('US', ['auditor']), { ...spa, status: 'draft' }), 'full');
    assert.equal(spaViewFor(u('US', ['sosa_officer']), { ...spa, status: 'draft' }), null);
    assert.equal(spaViewFor(u('US', ['sosa_officer']), spa), 'full');
    assert.equal(spaViewFor(u('US', ['program_determination']), spa), 'full');
    assert.equal(spaViewFor(u('US', ['rating_authority']), spa), null);
    assert.equal(spaViewFor(u('US', ['rating_authority']), { ...spa, forwarded: true, status: 'forwarded_to_commerce' }), 'full');
    assert.equal(spaViewFor(u('US', ['admin']), spa), null);
  });
  it('another nation sees nothing, unless its SOSA request is concerned: then its SOSA officer gets the partner view', () => {
    assert.equal(spaViewFor(u('IN', ['sosa_officer']), spa), 'partner');
    assert.equal(spaViewFor(u('IN', ['sosa_officer']), { ...spa, partnerNations: [] }), null);
    assert.equal(spaViewFor(u('IN', ['auditor']), spa), null);
    assert.equal(spaViewFor(u('IN', ['supplier'], 'lynn'), spa), null);
    assert.equal(spaViewFor(u('GB', ['sosa_officer']), spa), null);
  });
});
