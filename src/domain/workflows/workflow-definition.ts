import { z } from 'zod';

/**
 * A request workflow as data (DESIGN.md: "a new arrangement is configuration, not code"):
 * states, transitions with role guards and required fields, and the deadlines that run while a
 * request sits in a state. The vocabulary below (field types, effects, conditions, deadline
 * bases) is code; how an arrangement strings it together is configuration.
 */
export const ROLES = [
  'sosa_officer',
  'program_determination',
  'rating_authority',
  'supplier',
  'analyst',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const URGENCIES = ['routine', 'emergency', 'armed_conflict'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Which party of the request acts: the nation asking for support or the nation giving it. */
export const SIDES = ['requesting', 'supplying'] as const;
export type Side = (typeof SIDES)[number];

const idPattern = /^[a-z][a-z0-9_]*$/;
const id = z.string().regex(idPattern, 'lower_snake_case identifier');

export const fieldSpecSchema = z.strictObject({
  name: id,
  label: z.string().min(1),
  type: z.enum(['text', 'date', 'enum', 'rating', 'company', 'companies', 'integer', 'boolean', 'line_items']),
  required: z.boolean().default(false),
  /** Required only when another field has one of these values. */
  requiredWhen: z.strictObject({ field: id, in: z.array(z.string()).min(1) }).optional(),
  options: z.array(z.string()).optional(),
  /** Words for each option, shown instead of the stored value ("cannot_meet_date" → "Cannot meet …"). */
  optionLabels: z.record(z.string(), z.string()).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  maxLength: z.number().int().positive().optional(),
  /** A date field that may not lie before today in the deciding nation (a promise about the future). */
  notBeforeToday: z.boolean().default(false),
  /** A date field that may not lie after today in the deciding nation (a fact, such as a delivery). */
  notAfterToday: z.boolean().default(false),
  help: z.string().optional(),
  /** The field's default comes from the request: its program ("Name (ID)") or its current line items. */
  prefill: z.enum(['request_program', 'request_items']).optional(),
});
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

export const EFFECTS = [
  'place_rated_order', // the chosen company becomes the rated-order supplier (assignment "placed")
  'assign_companies', // the chosen Code of Conduct companies each get a pending assignment
  'accept_assignment', // the acting company's assignment is accepted; it becomes the supplier
  'decline_assignment', // the acting company's assignment is declined
  'replace_items', // the request's line items become the "line_items" field's value (before and after kept in the history)
] as const;
export type Effect = (typeof EFFECTS)[number];

export const CONDITIONS = ['all_assignments_declined'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const VALIDATORS = ['rated_order_elements', 'rated_order_rejection', 'rated_order_acceptance', 'delivery_after_order', 'code_of_conduct_companies'] as const;
export type Validator = (typeof VALIDATORS)[number];

export const transitionSpecSchema = z.strictObject({
  action: id,
  label: z.string().min(1),
  from: z.array(id).min(1),
  to: id,
  /** Alternative targets, the first whose condition holds after the effects wins. */
  toWhen: z.array(z.strictObject({ condition: z.enum(CONDITIONS), to: id })).default([]),
  side: z.enum(SIDES),
  roles: z.array(z.enum(ROLES)).min(1),
  /** Only a company with an open assignment on the request may act (its own work only). */
  assignedCompanyOnly: z.boolean().default(false),
  fields: z.array(fieldSpecSchema).default([]),
  validators: z.array(z.enum(VALIDATORS)).default([]),
  effects: z.array(z.enum(EFFECTS)).default([]),
  /** internal: the other nation never sees this step in the history (e.g. the shortlist). */
  visibility: z.enum(['shared', 'internal']).default('shared'),
  /** primary: the step its state waits for; its actors are told when a request reaches the state (next-step.ts). */
  tone: z.enum(['primary', 'neutral', 'danger']).default('neutral'),
  rule: z.string().optional(),
  /**
   * Whether the step is the work the state waits for. Escape and side steps (withdraw, deny,
   * return for information, report a delay) are false: having them open does not put the request
   * in anyone's work queue.
   */
  pending: z.boolean().default(true),
  /** The step answers the latest step `action`'s `field` (a question): the UI shows it beside the form. */
  answers: z.strictObject({ action: id, field: id }).optional(),
});
export type TransitionSpec = z.infer<typeof transitionSpecSchema>;

const byUrgency = z.strictObject({ routine: z.number().int().min(0), emergency: z.number().int().min(0), armed_conflict: z.number().int().min(0) });

export const deadlineSpecSchema = z.strictObject({
  kind: id,
  label: z.string().min(1),
  /** The deadline runs while the request is in this state; it stops when the request leaves it. */
  state: id,
  /** Whose calendar counts the days: the deciding side (dpas-sosa.md §10). */
  decidingSide: z.enum(SIDES),
  due: z.discriminatedUnion('basis', [
    z.strictObject({ basis: z.literal('working_days'), days: byUrgency }),
    // 15 CFR 700.13(d): DO 15 / DX 10 working days, or the hours an emergency order states.
    z.strictObject({ basis: z.literal('rated_order_acceptance') }),
    z.strictObject({ basis: z.literal('field_date'), field: id }),
  ]),
  escalateTo: z.enum(ROLES),
  rule: z.string().optional(),
});
export type DeadlineSpec = z.infer<typeof deadlineSpecSchema>;

export const workflowDefinitionSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    description: z.string().default(''),
    initial: id,
    states: z
      .array(
        z.strictObject({
          id,
          label: z.string().min(1),
          terminal: z.boolean().default(false),
          waitingOn: z.enum(SIDES).optional(),
          /** Within the side waited on, the roles the state waits for; a step by another role is a fallback, not work owed. */
          waitingOnRoles: z.array(z.enum(ROLES)).min(1).optional(),
        }),
      )
      .min(2),
    transitions: z.array(transitionSpecSchema).min(1),
    deadlines: z.array(deadlineSpecSchema).default([]),
  })
  .superRefine((def, ctx) => {
    const states = new Set(def.states.map((s) => s.id));
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (!states.has(def.initial)) issue(['initial'], `unknown state "${def.initial}"`);
    const actions = new Set<string>();
    def.transitions.forEach((t, i) => {
      if (actions.has(t.action)) issue(['transitions', i, 'action'], `duplicate action "${t.action}"`);
      actions.add(t.action);
      t.from.forEach((s, j) => states.has(s) || issue(['transitions', i, 'from', j], `unknown state "${s}"`));
      if (!states.has(t.to)) issue(['transitions', i, 'to'], `unknown state "${t.to}"`);
      t.toWhen.forEach((w, j) => states.has(w.to) || issue(['transitions', i, 'toWhen', j, 'to'], `unknown state "${w.to}"`));
      const names = new Set(t.fields.map((f) => f.name));
      if (t.answers) {
        const asked = def.transitions.find((x) => x.action === t.answers!.action);
        if (!asked || !asked.fields.some((f) => f.name === t.answers!.field)) issue(['transitions', i, 'answers'], `unknown step field "${t.answers.action}.${t.answers.field}"`);
      }
      if (t.fields.some((f) => f.type === 'line_items') !== t.effects.includes('replace_items')) {
        issue(['transitions', i, 'effects'], 'a "line_items" field and the "replace_items" effect go together');
      }
      t.fields.forEach((f, j) => {
        if (f.type === 'enum' && !f.options?.length) issue(['transitions', i, 'fields', j, 'options'], 'an enum field needs options');
        if (f.optionLabels && Object.keys(f.optionLabels).some((k) => !f.options?.includes(k))) issue(['transitions', i, 'fields', j, 'optionLabels'], 'a label for an option the field does not have');
        if (f.requiredWhen && !names.has(f.requiredWhen.field)) issue(['transitions', i, 'fields', j, 'requiredWhen'], `unknown field "${f.requiredWhen.field}"`);
      });
    });
    def.deadlines.forEach((d, i) => states.has(d.state) || issue(['deadlines', i, 'state'], `unknown state "${d.state}"`));
    def.states.forEach((s, i) => {
      const leaves = def.transitions.some((t) => t.from.includes(s.id));
      if (s.terminal && leaves) issue(['states', i], `terminal state "${s.id}" has outgoing transitions`);
      if (!s.terminal && !leaves) issue(['states', i], `state "${s.id}" is not terminal but has no way out`);
    });
  });
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;

export function parseWorkflowDefinition(input: unknown): WorkflowDefinition {
  return workflowDefinitionSchema.parse(input);
}
