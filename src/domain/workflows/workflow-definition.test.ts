import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import { BUILT_IN_WORKFLOWS } from './built-in-workflows.js';
import { parseWorkflowDefinition, type WorkflowDefinitionInput } from './workflow-definition.js';

const minimal: WorkflowDefinitionInput = {
  id: 'uk_defence_supplier',
  name: 'UK defence supplier support',
  initial: 'submitted',
  states: [
    { id: 'submitted', label: 'Submitted' },
    { id: 'closed', label: 'Closed', terminal: true },
  ],
  transitions: [{ action: 'close', label: 'Close', from: ['submitted'], to: 'closed', side: 'supplying', roles: ['sosa_officer'] }],
};

function issues(input: unknown): string[] {
  try {
    parseWorkflowDefinition(input);
    return [];
  } catch (error) {
    assert.ok(error instanceof ZodError);
    return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
}

describe('workflow definitions as data', () => {
  it('accepts the built-in DPAS and Code of Conduct workflows', () => {
    assert.deepEqual(BUILT_IN_WORKFLOWS.map((w) => w.id), ['dpas', 'code_of_conduct']);
  });
  it('accepts a new arrangement\'s workflow written as plain JSON', () => {
    const def = parseWorkflowDefinition(JSON.parse(JSON.stringify(minimal)));
    assert.equal(def.transitions[0]!.visibility, 'shared');
  });
  it('names a transition to a state that does not exist', () => {
    assert.ok(issues({ ...minimal, transitions: [{ ...minimal.transitions[0], to: 'nowhere' }] }).includes('transitions.0.to: unknown state "nowhere"'));
  });
  it('refuses a terminal state with a way out, and a non-terminal dead end', () => {
    const found = issues({
      ...minimal,
      states: [...minimal.states, { id: 'stuck', label: 'Stuck' }],
      transitions: [...minimal.transitions, { action: 'reopen', label: 'Reopen', from: ['closed'], to: 'submitted', side: 'requesting', roles: ['sosa_officer'] }],
    });
    assert.ok(found.includes('states.1: terminal state "closed" has outgoing transitions'));
    assert.ok(found.includes('states.2: state "stuck" is not terminal but has no way out'));
  });
  it('refuses duplicate actions, unknown roles and unknown fields in the definition', () => {
    assert.ok(issues({ ...minimal, transitions: [minimal.transitions[0], minimal.transitions[0]] }).includes('transitions.1.action: duplicate action "close"'));
    assert.ok(issues({ ...minimal, transitions: [{ ...minimal.transitions[0], roles: ['king'] }] }).some((i) => i.startsWith('transitions.0.roles.0')));
    assert.ok(issues({ ...minimal, colour: 'blue' }).some((i) => i.includes('colour')));
  });
  it('refuses a deadline attached to an unknown state', () => {
    const found = issues({ ...minimal, deadlines: [{ kind: 'x', label: 'X', state: 'limbo', decidingSide: 'supplying', due: { basis: 'working_days', days: { routine: 5, emergency: 2, armed_conflict: 1 } }, escalateTo: 'sosa_officer' }] });
    assert.ok(found.includes('deadlines.0.state: unknown state "limbo"'));
  });
});
