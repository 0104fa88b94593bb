// The words for what a workflow step recorded: its fields' labels and the words for stored
// options, from the workflow definitions in the reference data ("ground: cannot_meet_date" reads
// "Ground for rejection: Cannot meet the required delivery date (700.13(b)(1))").
import type { Reference, StepFieldLabel } from './api/types.js';
import { formatDate, formatValue, humanise } from './format.js';

export interface StepWords {
  stepLabel(action: string): string;
  fieldLabel(name: string, action?: string): string;
  field(name: string, action?: string): StepFieldLabel | undefined;
  /** A recorded value in words (option labels, dates); null when the field is not a plain value. */
  value(name: string, value: unknown, action?: string): string;
}

export function stepWords(reference: Reference, workflowId: string): StepWords {
  const steps = reference.workflows[workflowId]?.steps ?? {};
  const field = (name: string, action?: string): StepFieldLabel | undefined => {
    const own = action ? steps[action]?.fields.find((f) => f.name === name) : undefined;
    return own ?? Object.values(steps).flatMap((s) => s.fields).find((f) => f.name === name);
  };
  return {
    stepLabel: (action) => steps[action]?.label ?? humanise(action),
    fieldLabel: (name, action) => field(name, action)?.label ?? humanise(name),
    field,
    value: (name, value, action) => {
      const spec = field(name, action);
      if (typeof value === 'string' && spec?.optionLabels?.[value]) return spec.optionLabels[value]!;
      if (typeof value === 'string' && spec?.type === 'enum') return humanise(value);
      return formatValue(value);
    },
  };
}

export interface ItemLine {
  partNumber: string;
  nsn?: string | null;
  description: string;
  quantity: number;
  unit: string;
  requiredDeliveryDate: string;
}

function lineText(i: ItemLine): string {
  return `${i.partNumber} — ${i.description}, ${i.quantity.toLocaleString()} ${i.unit}, by ${formatDate(i.requiredDeliveryDate)}`;
}

/** What a resubmission changed in the line items, one sentence per line that changed. */
export function describeItemsChange(before: readonly ItemLine[], after: readonly ItemLine[]): string[] {
  const out: string[] = [];
  const n = Math.max(before.length, after.length);
  for (let k = 0; k < n; k++) {
    const a = before[k];
    const b = after[k];
    if (a && !b) {
      out.push(`Line ${k + 1} removed: ${lineText(a)}`);
      continue;
    }
    if (!a && b) {
      out.push(`Line ${k + 1} added: ${lineText(b)}`);
      continue;
    }
    if (!a || !b) continue;
    const changes: string[] = [];
    if (a.partNumber !== b.partNumber) changes.push(`part number ${a.partNumber} → ${b.partNumber}`);
    if ((a.nsn ?? '') !== (b.nsn ?? '')) changes.push(`NSN ${a.nsn || 'none'} → ${b.nsn || 'none'}`);
    if (a.description !== b.description) changes.push(`description “${a.description}” → “${b.description}”`);
    if (a.unit !== b.unit) changes.push(`quantity ${a.quantity.toLocaleString()} ${a.unit} → ${b.quantity.toLocaleString()} ${b.unit}`);
    else if (a.quantity !== b.quantity) changes.push(`quantity ${a.quantity.toLocaleString()} → ${b.quantity.toLocaleString()} ${b.unit}`);
    if (a.requiredDeliveryDate !== b.requiredDeliveryDate) changes.push(`delivery by ${formatDate(a.requiredDeliveryDate)} → ${formatDate(b.requiredDeliveryDate)}`);
    if (changes.length) out.push(`Line ${k + 1}: ${changes.join('; ')}`);
  }
  return out;
}

export function isItemsChange(v: unknown): v is { before: ItemLine[]; after: ItemLine[] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { before?: unknown }).before) && Array.isArray((v as { after?: unknown }).after);
}
