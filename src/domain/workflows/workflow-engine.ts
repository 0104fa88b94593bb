import { DATE_MAX, DATE_MIN } from '../bounds.js';
import { formatRating, parseRating } from '../dpas/rating.js';
import { checkLineItems, type LineItemInput } from '../requests/line-items.js';
import { AppError, type FieldError } from '../errors.js';
import type { FieldSpec, Side, TransitionSpec, WorkflowDefinition } from './workflow-definition.js';
import type { Actor } from '../access/actor.js';
import { isRealDate } from '../calendar/real-date.js';
import { isUuid } from '../uuid.js';

export interface AssignmentState {
  organisationId: string;
  /** pending (routed, awaiting answer), placed (rated order awaiting acceptance), accepted, declined, superseded */
  status: 'pending' | 'placed' | 'accepted' | 'declined' | 'superseded';
}

export interface RequestState {
  state: string;
  fromNation: string;
  toNation: string;
  supplierOrganisationId: string | null;
  assignments: readonly AssignmentState[];
}

export function sideOf(nation: string, request: Pick<RequestState, 'fromNation' | 'toNation'>): Side | null {
  if (nation === request.fromNation) return 'requesting';
  if (nation === request.toNation) return 'supplying';
  return null;
}

export function nationOfSide(side: Side, request: Pick<RequestState, 'fromNation' | 'toNation'>): string {
  return side === 'requesting' ? request.fromNation : request.toNation;
}

const OPEN_ASSIGNMENT = new Set(['pending', 'placed']);

/** A company user acts only for its own company's work: an open assignment, or the accepted supplier. */
function companyMayAct(t: TransitionSpec, request: RequestState, actor: Actor): boolean {
  const own = request.assignments.find((a) => a.organisationId === actor.organisationId);
  if (t.assignedCompanyOnly) return own !== undefined && OPEN_ASSIGNMENT.has(own.status);
  return request.supplierOrganisationId === actor.organisationId;
}

function roleAllows(t: TransitionSpec, request: RequestState, actor: Actor): boolean {
  if (sideOf(actor.nation, request) !== t.side) return false;
  const officialRoles = t.roles.filter((r) => r !== 'supplier');
  if (officialRoles.some((r) => actor.roles.includes(r))) return true;
  return t.roles.includes('supplier') && actor.roles.includes('supplier') && companyMayAct(t, request, actor);
}

/** The actions this actor may take now: the API returns them so clients never re-implement the rules. */
export function allowedActions(def: WorkflowDefinition, request: RequestState, actor: Actor): TransitionSpec[] {
  return def.transitions.filter((t) => t.from.includes(request.state) && roleAllows(t, request, actor));
}

function sideAndRoleFit(t: TransitionSpec, request: RequestState, actor: Actor): boolean {
  return sideOf(actor.nation, request) === t.side && t.roles.some((r) => actor.roles.includes(r));
}

/**
 * Why an action cannot be taken: an unknown action or the wrong state → 409 (of racing steps,
 * the losers land here); the wrong nation, role or company → 403. A company whose turn has
 * passed (it already answered, or the order went elsewhere) gets 409 too: it was a party, the
 * request moved on.
 */
export function requireTransition(def: WorkflowDefinition, request: RequestState, actor: Actor, action: string): TransitionSpec {
  const t = def.transitions.find((candidate) => candidate.action === action);
  if (!t) {
    throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', {
      detail: `"${action}" is not an action of the ${def.name} workflow.`,
      errors: [{ field: 'action', message: `unknown action; known: ${def.transitions.map((x) => x.action).join(', ')}` }],
    });
  }
  if (!sideAndRoleFit(t, request, actor)) {
    throw new AppError('ROLE_NOT_ALLOWED', {
      detail: `Your roles (${actor.roles.join(', ') || 'none'}) of ${actor.nation} may not "${t.label}" on this request.`,
    });
  }
  const inState = t.from.includes(request.state);
  if (inState && roleAllows(t, request, actor)) return t;
  const wasParty = request.assignments.some((a) => a.organisationId === actor.organisationId);
  if (!inState || wasParty) {
    throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', {
      detail: `"${t.label}" is not possible while the request is ${stateLabel(def, request.state)}.`,
      extra: { state: request.state },
    });
  }
  throw new AppError('ROLE_NOT_ALLOWED', { detail: `Only the company the request was put to may "${t.label}".` });
}

export function stateLabel(def: WorkflowDefinition, state: string): string {
  return def.states.find((s) => s.id === state)?.label ?? state;
}

export type FieldValue = string | number | boolean | string[] | LineItemInput[];


function checkValue(spec: FieldSpec, value: unknown): { value?: FieldValue; message?: string } {
  switch (spec.type) {
    case 'text': {
      if (typeof value !== 'string') return { message: 'must be text' };
      const trimmed = value.trim();
      if (spec.required && trimmed === '') return { message: 'must not be empty' };
      if (trimmed.length > (spec.maxLength ?? 4000)) return { message: `must be at most ${spec.maxLength ?? 4000} characters` };
      return { value: trimmed };
    }
    case 'date':
      if (typeof value !== 'string' || !isRealDate(value)) return { message: 'must be a date that exists, as YYYY-MM-DD' };
      // Domain bounds (issue #10): a date outside them is a typing slip, and the schedule could not date it.
      if (value < DATE_MIN || value > DATE_MAX) return { message: `must be between ${DATE_MIN} and ${DATE_MAX}, not ${value}` };
      return { value };
    case 'enum':
      if (typeof value !== 'string' || !spec.options?.includes(value)) return { message: `must be one of: ${spec.options?.join(', ')}` };
      return { value };
    case 'rating': {
      if (typeof value !== 'string') return { message: 'must be a rating such as DO-A1' };
      const parsed = parseRating(value);
      return parsed.ok ? { value: formatRating(parsed.rating) } : { message: `is invalid: ${parsed.message}` };
    }
    case 'company':
      if (typeof value !== 'string' || !isUuid(value)) return { message: 'must be an organisation id' };
      return { value: value.toLowerCase() };
    case 'companies':
      if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || !isUuid(v))) {
        return { message: 'must be a non-empty list of organisation ids' };
      }
      if (new Set(value).size !== value.length) return { message: 'must not name a company twice' };
      if (value.length > 50) return { message: 'must name at most 50 companies' };
      return { value: (value as string[]).map((v) => v.toLowerCase()) };
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return { message: 'must be a whole number' };
      if (spec.min !== undefined && value < spec.min) return { message: `must be at least ${spec.min}` };
      if (spec.max !== undefined && value > spec.max) return { message: `must be at most ${spec.max}` };
      return { value };
    case 'boolean':
      if (typeof value !== 'boolean') return { message: 'must be true or false' };
      if (spec.required && value !== true) return { message: 'must be confirmed' };
      return { value };
    case 'line_items':
      // Checked as a whole list by checkLineItems (errors per line and field).
      return { value: value as LineItemInput[] };
  }
}

/**
 * Checks a transition's fields against its specification. Unknown fields are errors, so a
 * misspelt field is never silently dropped.
 */
export function validateTransitionFields(t: TransitionSpec, input: Record<string, unknown>): { values: Record<string, FieldValue>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: Record<string, FieldValue> = {};
  const known = new Set(t.fields.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ field: key, message: `is not a field of "${t.label}"` });
  }
  for (const spec of t.fields) {
    const raw = input[spec.name];
    const conditional = spec.requiredWhen && spec.requiredWhen.in.includes(String(input[spec.requiredWhen.field]));
    const required = spec.required || Boolean(conditional);
    if (raw === undefined || raw === null || raw === '') {
      if (required) errors.push({ field: spec.name, message: `${spec.label} is required` });
      continue;
    }
    if (spec.type === 'line_items') {
      const items = checkLineItems(spec.name, raw);
      errors.push(...items.errors);
      if (items.value) values[spec.name] = items.value;
      continue;
    }
    const checked = checkValue(spec, raw);
    if (checked.message) errors.push({ field: spec.name, message: `${spec.label} ${checked.message}` });
    else if (checked.value !== undefined) values[spec.name] = checked.value;
  }
  return { values, errors };
}

export function targetState(t: TransitionSpec, assignmentsAfter: readonly AssignmentState[]): string {
  for (const alternative of t.toWhen) {
    if (alternative.condition === 'all_assignments_declined') {
      const live = assignmentsAfter.filter((a) => a.status !== 'superseded');
      if (live.length > 0 && live.every((a) => a.status === 'declined')) return alternative.to;
    }
  }
  return t.to;
}

export function isTerminal(def: WorkflowDefinition, state: string): boolean {
  return def.states.find((s) => s.id === state)?.terminal === true;
}
