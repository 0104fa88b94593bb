import type { DeadlineSpec, TransitionSpec, WorkflowDefinitionInput } from './workflow-definition.js';

type TransitionInput = WorkflowDefinitionInput['transitions'][number];
type DeadlineInput = WorkflowDefinitionInput['deadlines'] extends (infer D)[] | undefined ? D : never;

/** Steps every SOSA request path shares: intake by the supplying nation's SOSA office, the side branches, and the close-out. */
export function intakeSteps(reviewState: string, reviewers: TransitionSpec['roles'], returnableStates: string[]): TransitionInput[] {
  return [
    {
      action: 'acknowledge',
      label: 'Acknowledge receipt',
      from: ['submitted'],
      to: reviewState,
      side: 'supplying',
      roles: ['sosa_officer'],
      tone: 'primary',
      fields: [{ name: 'note', label: 'Note to the requesting office', type: 'text', maxLength: 2000 }],
    },
    {
      action: 'return_for_information',
      label: 'Return for information',
      from: returnableStates,
      to: 'returned',
      side: 'supplying',
      roles: reviewers,
      // The request now waits on the requester; for the reviewer it is a way out, not work owed.
      pending: false,
      fields: [{ name: 'question', label: 'What information is needed', type: 'text', required: true, maxLength: 4000 }],
    },
    {
      action: 'resubmit',
      label: 'Resubmit with information',
      from: ['returned'],
      to: 'submitted',
      side: 'requesting',
      roles: ['sosa_officer'],
      tone: 'primary',
      answers: { action: 'return_for_information', field: 'question' },
      effects: ['replace_items'],
      fields: [
        { name: 'answer', label: 'Information provided', type: 'text', required: true, maxLength: 4000 },
        // The items the question concerns, corrected with the answer; checked as on a new request.
        { name: 'items', label: 'Line items', type: 'line_items', prefill: 'request_items', help: 'Correct quantities, dates or descriptions, or add and remove lines, as the question needs.' },
      ],
    },
  ];
}

/**
 * The assigned company takes the request on: its assignment is accepted and the request goes into
 * performance, on the delivery date the company promises (not in the past). `step` adds what the
 * path asks beyond that: its rule and checks, help on the promise, further fields.
 */
export function companyAcceptsStep(step: { action: string; label: string; from: string[]; rule?: string; validators?: TransitionSpec['validators']; promiseHelp?: string; moreFields?: TransitionInput['fields'] }): TransitionInput {
  return {
    action: step.action,
    label: step.label,
    from: step.from,
    to: 'in_performance',
    side: 'supplying',
    roles: ['supplier'],
    assignedCompanyOnly: true,
    tone: 'primary',
    ...(step.rule ? { rule: step.rule } : {}),
    ...(step.validators ? { validators: step.validators } : {}),
    effects: ['accept_assignment'],
    fields: [{ name: 'promised_delivery_date', label: 'Promised delivery date', type: 'date', required: true, notBeforeToday: true, ...(step.promiseHelp ? { help: step.promiseHelp } : {}) }, ...(step.moreFields ?? [])],
  };
}

export function denyStep(from: string[], roles: TransitionSpec['roles']): TransitionInput {
  return {
    action: 'deny',
    label: 'Deny',
    from,
    to: 'denied',
    side: 'supplying',
    roles,
    tone: 'danger',
    pending: false,
    fields: [{ name: 'reason', label: 'Reason for denial', type: 'text', required: true, maxLength: 4000 }],
  };
}

export function closeOutSteps(openStates: string[]): TransitionInput[] {
  return [
    {
      action: 'mark_delivered',
      label: 'Mark delivered',
      from: ['in_performance'],
      to: 'delivered',
      side: 'supplying',
      roles: ['supplier', 'sosa_officer'],
      assignedCompanyOnly: false,
      tone: 'primary',
      // A delivery is a fact: not in the future of the supplying nation's day, not before the order.
      validators: ['delivery_after_order'],
      fields: [
        { name: 'delivered_on', label: 'Delivered on', type: 'date', required: true, notAfterToday: true },
        { name: 'shipment_reference', label: 'Shipment reference', type: 'text', maxLength: 200 },
      ],
    },
    {
      action: 'confirm_receipt_and_close',
      label: 'Confirm receipt and close',
      from: ['delivered'],
      to: 'closed',
      side: 'requesting',
      roles: ['sosa_officer'],
      tone: 'primary',
      fields: [{ name: 'note', label: 'Closing note', type: 'text', maxLength: 2000 }],
    },
    {
      action: 'withdraw',
      label: 'Withdraw request',
      from: openStates,
      to: 'withdrawn',
      side: 'requesting',
      roles: ['sosa_officer'],
      tone: 'danger',
      // An escape, open in every state: never the work a request waits on.
      pending: false,
      fields: [{ name: 'reason', label: 'Reason for withdrawal', type: 'text', required: true, maxLength: 4000 }],
    },
  ];
}

/** Working days a step may take, by the request's urgency: routine, emergency, armed conflict. */
type DaysByUrgency = readonly [routine: number, emergency: number, armedConflict: number];

/**
 * A deadline the supplying side owes while the request is in `state`, counted in working days on
 * its calendar (dpas-sosa.md §10), shorter the more urgent the request; overdue, it goes to `escalateTo`.
 */
export function workingDaysDeadline(d: { kind: string; label: string; state: string; days: DaysByUrgency; escalateTo: DeadlineSpec['escalateTo'] }): DeadlineInput {
  const [routine, emergency, armed_conflict] = d.days;
  return { kind: d.kind, label: d.label, state: d.state, decidingSide: 'supplying', due: { basis: 'working_days', days: { routine, emergency, armed_conflict } }, escalateTo: d.escalateTo };
}

/** Product deadlines (not law): days the supplying office takes to acknowledge and to review, shortened by urgency. */
export function intakeDeadlines(reviewState: string): DeadlineInput[] {
  return [
    workingDaysDeadline({ kind: 'acknowledgement', label: 'Acknowledge receipt', state: 'submitted', days: [2, 1, 0], escalateTo: 'sosa_officer' }),
    workingDaysDeadline({ kind: 'review', label: 'SOSA office review', state: reviewState, days: [5, 2, 1], escalateTo: 'sosa_officer' }),
    {
      kind: 'delivery',
      label: 'Required delivery',
      state: 'in_performance',
      decidingSide: 'supplying',
      due: { basis: 'field_date', field: 'required_by' },
      escalateTo: 'sosa_officer',
    },
  ];
}

export const SHARED_STATES = {
  submitted: { id: 'submitted', label: 'Submitted', waitingOn: 'supplying' },
  returned: { id: 'returned', label: 'Returned for information', waitingOn: 'requesting' },
  // The performing company owes the delivery; its SOSA office may record it, as a fallback.
  in_performance: { id: 'in_performance', label: 'In performance', waitingOn: 'supplying', waitingOnRoles: ['supplier'] },
  delivered: { id: 'delivered', label: 'Delivered', waitingOn: 'requesting' },
  closed: { id: 'closed', label: 'Closed', terminal: true },
  denied: { id: 'denied', label: 'Denied', terminal: true },
  withdrawn: { id: 'withdrawn', label: 'Withdrawn', terminal: true },
} as const;

/** The states every path starts with: submitted, in the supplying office's review, or returned to the requester for information. */
export function intakeStates(review: { id: string; label: string }): Array<WorkflowDefinitionInput['states'][number]> {
  return [SHARED_STATES.submitted, { ...review, waitingOn: 'supplying' }, SHARED_STATES.returned];
}

/** The states every path ends with: performed, delivered and closed, or stopped by a denial or a withdrawal (see closeOutSteps). */
export const CLOSE_OUT_STATES = [SHARED_STATES.in_performance, SHARED_STATES.delivered, SHARED_STATES.closed, SHARED_STATES.denied, SHARED_STATES.withdrawn];

export type { DeadlineSpec };
