import { CLOSE_OUT_STATES, closeOutSteps, companyAcceptsStep, denyStep, intakeDeadlines, intakeStates, intakeSteps, workingDaysDeadline } from './common-steps.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from './workflow-definition.js';

const OPEN = ['submitted', 'mod_review', 'returned', 'routed', 'no_commitment', 'in_performance'];

/**
 * A US request for priority support from the partner's industry: the partner ministry's SOSA
 * cell routes it to companies that subscribed to the voluntary Code of Conduct, who "make every
 * reasonable effort" and commit or decline with a reason (dpas-sosa.md §1). No legal clock: the
 * company response time is a product rule, configurable per arrangement (sources §5 S3).
 */
export const CODE_OF_CONDUCT_WORKFLOW: WorkflowDefinition = parseWorkflowDefinition({
  id: 'code_of_conduct',
  name: 'Code of Conduct priority support (to the partner nation)',
  description: 'Ministry SOSA cell review, routing to Code of Conduct companies, commitment or reasoned refusal.',
  initial: 'submitted',
  states: [
    ...intakeStates({ id: 'mod_review', label: 'Ministry SOSA cell review' }),
    { id: 'routed', label: 'Routed to Code of Conduct companies', waitingOn: 'supplying' },
    { id: 'no_commitment', label: 'No company committed', waitingOn: 'supplying' },
    ...CLOSE_OUT_STATES,
  ],
  transitions: [
    ...intakeSteps('mod_review', ['sosa_officer'], ['submitted', 'mod_review', 'no_commitment']),
    {
      action: 'route_to_companies',
      label: 'Route to Code of Conduct companies',
      from: ['mod_review', 'no_commitment'],
      to: 'routed',
      side: 'supplying',
      roles: ['sosa_officer'],
      tone: 'primary',
      visibility: 'internal',
      validators: ['code_of_conduct_companies'],
      effects: ['assign_companies'],
      fields: [{ name: 'companies', label: 'Companies', type: 'companies', required: true }],
    },
    // Code of Conduct: the company commits to "every reasonable effort" (dpas-sosa.md §1).
    companyAcceptsStep({ action: 'commit', label: 'Commit to priority support', from: ['routed'], moreFields: [{ name: 'note', label: 'Note', type: 'text', maxLength: 2000 }] }),
    {
      action: 'decline',
      label: 'Decline with reason',
      from: ['routed'],
      to: 'routed',
      toWhen: [{ condition: 'all_assignments_declined', to: 'no_commitment' }],
      side: 'supplying',
      roles: ['supplier'],
      assignedCompanyOnly: true,
      tone: 'danger',
      visibility: 'internal',
      effects: ['decline_assignment'],
      fields: [{ name: 'reason', label: 'Reason', type: 'text', required: true, maxLength: 4000 }],
    },
    denyStep(['submitted', 'mod_review', 'no_commitment'], ['sosa_officer']),
    ...closeOutSteps(OPEN),
  ],
  deadlines: [
    ...intakeDeadlines('mod_review'),
    // Product rules, configurable per arrangement: no legal clock binds a Code of Conduct company (sources §5 S3).
    workingDaysDeadline({ kind: 'company_response', label: 'Company commitment', state: 'routed', days: [10, 3, 1], escalateTo: 'sosa_officer' }),
    workingDaysDeadline({ kind: 'rerouting', label: 'Route again or deny', state: 'no_commitment', days: [3, 1, 1], escalateTo: 'sosa_officer' }),
  ],
});
