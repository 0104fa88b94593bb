import { pendingActions } from '../../domain/workflows/waiting-on.js';
import type { Actor } from '../../domain/access/actor.js';
import { allowedActions, type RequestState } from '../../domain/workflows/workflow-engine.js';
import type { FieldSpec, WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { ActionView } from './request-view.js';

export interface PrefillSources {
  program: { id: string; name: string } | null;
  /** A partner copy's lines may lack a part number or a date (the holder's projection): the form then asks for them. */
  items: ReadonlyArray<{ partNumber: string | null; nsn: string | null; description: string; quantity: number; unit: string; requiredDeliveryDate: string | null }>;
}

/** A field's default taken from the request (its `prefill`), so the form starts from what the request says. */
function defaultOf(field: FieldSpec, from: PrefillSources): unknown {
  switch (field.prefill) {
    case 'request_program':
      return from.program ? `${from.program.name} (${from.program.id})` : undefined;
    case 'request_items':
      // The shape a new request takes, so the same value can be sent back as it is.
      return from.items.map((i) => ({
        ...(i.partNumber !== null ? { partNumber: i.partNumber } : {}),
        ...(i.nsn ? { nsn: i.nsn } : {}),
        description: i.description,
        quantity: i.quantity,
        unit: i.unit,
        ...(i.requiredDeliveryDate !== null ? { requiredDeliveryDate: i.requiredDeliveryDate } : {}),
      }));
    default:
      return undefined;
  }
}

/** The steps the actor may take now, each marked pending or not, with its fields' defaults from the request. */
export function actionViews(def: WorkflowDefinition, request: RequestState, actor: Actor, from: PrefillSources): ActionView[] {
  const pending = new Set(pendingActions(def, request, actor).map((t) => t.action));
  return allowedActions(def, request, actor).map((t) => ({
    action: t.action,
    label: t.label,
    tone: t.tone,
    rule: t.rule,
    visibility: t.visibility,
    pending: pending.has(t.action),
    answers: t.answers,
    fields: t.fields.map((f) => {
      const value = defaultOf(f, from);
      return value === undefined ? f : { ...f, default: value };
    }),
  }));
}
