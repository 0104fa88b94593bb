import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DPAS_WORKFLOW } from '../workflows/dpas-workflow.js';
import { parseWorkflowDefinition } from '../workflows/workflow-definition.js';
import { validateTransitionFields } from '../workflows/workflow-engine.js';
import { checkLineItems, pastDeliveryDates, sameLineItems } from './line-items.js';

const blade = { partNumber: 'F414-HPT-BLADE-1', nsn: '2840-01-234-5678', description: 'HPT blade, stage 1', quantity: 40, unit: 'EA', requiredDeliveryDate: '2027-03-31' };

describe('line items: one rule for a new request and a resubmission', () => {
  it('names each bad part by line and field, and unknown fields too', () => {
    const { errors } = checkLineItems('items', [{ ...blade, quantity: 0 }, { ...blade, requiredDeliveryDate: '2027-02-30', price: 3 }]);
    assert.deepEqual(errors.map((e) => e.field).sort(), ['items/0/quantity', 'items/1/price', 'items/1/requiredDeliveryDate']);
    assert.deepEqual(checkLineItems('items', []).errors.map((e) => e.field), ['items']);
    assert.equal(checkLineItems('items', [{ ...blade, quantity: null }]).errors[0]?.message, 'must be a number');
  });

  it('refuses delivery dates before today; sees an unchanged list as unchanged', () => {
    assert.deepEqual(pastDeliveryDates('items', [blade, { ...blade, requiredDeliveryDate: '2026-11-22' }], '2026-11-23').map((e) => e.field), ['items/1/requiredDeliveryDate']);
    assert.ok(sameLineItems([blade], [{ ...blade }]));
    assert.ok(!sameLineItems([blade], [{ ...blade, quantity: 41 }]));
    assert.ok(!sameLineItems([blade], [blade, blade]));
  });

  it('the resubmit step takes items through the workflow engine; other steps do not', () => {
    const resubmit = DPAS_WORKFLOW.transitions.find((t) => t.action === 'resubmit')!;
    const ok = validateTransitionFields(resubmit, { answer: 'Rev. C', items: [blade] });
    assert.deepEqual(ok.errors, []);
    assert.equal((ok.values.items as unknown[]).length, 1);
    assert.deepEqual(validateTransitionFields(resubmit, { answer: 'Rev. C', items: [{ ...blade, unit: '' }] }).errors.map((e) => e.field), ['items/0/unit']);
    const acknowledge = DPAS_WORKFLOW.transitions.find((t) => t.action === 'acknowledge')!;
    assert.deepEqual(validateTransitionFields(acknowledge, { items: [blade] }).errors.map((e) => e.field), ['items']);
  });

  it('a workflow that takes line items must replace them, and a step may answer only a field that exists', () => {
    const base = { id: 'w', name: 'W', initial: 'a', states: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B', terminal: true }] };
    assert.throws(() => parseWorkflowDefinition({ ...base, transitions: [{ action: 'go', label: 'Go', from: ['a'], to: 'b', side: 'requesting', roles: ['sosa_officer'], fields: [{ name: 'items', label: 'Items', type: 'line_items' }] }] }), /replace_items/);
    assert.throws(() => parseWorkflowDefinition({ ...base, transitions: [{ action: 'go', label: 'Go', from: ['a'], to: 'b', side: 'requesting', roles: ['sosa_officer'], answers: { action: 'ask', field: 'question' } }] }), /unknown step field/);
  });
});
