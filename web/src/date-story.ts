// One story of a request's delivery dates, named the same everywhere: the date the requesting
// nation asked for, the required delivery on the rated order (15 CFR 700.12(a)(2): the date the
// supplier is bound to), the supplier's promise, a new date after a reported delay (700.13(d)),
// and the delivery. When they differ, a sentence says by how much and which way.
import { formatDate, plural } from './format.js';

export interface DateEntry {
  key: 'requested' | 'rated_order' | 'offered' | 'promised' | 'new_date' | 'delivered';
  label: string;
  date: string;
}

export interface DateStory {
  entries: DateEntry[];
  explanations: string[];
}

export interface DateStoryInput {
  requesterName: string;
  requiredBy: string;
  state: string;
  fields: Record<string, unknown>;
  /** The rated order's date as the supplier's book holds it (DPAS path), if the request has one. */
  ratedOrderDate?: string | null | undefined;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const dateField = (fields: Record<string, unknown>, name: string): string | null => {
  const v = fields[name];
  return typeof v === 'string' && ISO.test(v) ? v : null;
};

/** Calendar days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

function compare(date: string, reference: string): { n: number; way: 'before' | 'after' | 'on' } {
  const d = daysBetween(reference, date);
  return { n: Math.abs(d), way: d < 0 ? 'before' : d > 0 ? 'after' : 'on' };
}

export function dateStory(input: DateStoryInput): DateStory {
  const { fields, requesterName } = input;
  const ratedOrder = dateField(fields, 'required_delivery_date') ?? (input.ratedOrderDate && ISO.test(input.ratedOrderDate) ? input.ratedOrderDate : null);
  const offered = input.state === 'supplier_rejected' ? dateField(fields, 'earliest_possible_date') : null;
  const promised = dateField(fields, 'promised_delivery_date');
  const newDate = dateField(fields, 'new_delivery_date');
  const delivered = dateField(fields, 'delivered_on');

  const entries: DateEntry[] = [{ key: 'requested', label: `Requested by ${requesterName}`, date: input.requiredBy }];
  if (ratedOrder) entries.push({ key: 'rated_order', label: 'Required delivery on the rated order', date: ratedOrder });
  if (offered) entries.push({ key: 'offered', label: 'Earliest date the supplier offered', date: offered });
  if (promised) entries.push({ key: 'promised', label: 'Supplier’s promised date', date: promised });
  if (newDate) entries.push({ key: 'new_date', label: 'New date after a reported delay', date: newDate });
  if (delivered) entries.push({ key: 'delivered', label: 'Delivered on', date: delivered });

  const explanations: string[] = [];
  // The date the supplier is bound to: the rated order's when there is one, else the request's.
  const binding = ratedOrder ?? input.requiredBy;
  const bindingName = ratedOrder ? 'the rated order’s date' : `the date ${requesterName} asked for`;
  if (ratedOrder && ratedOrder !== input.requiredBy) {
    const c = compare(ratedOrder, input.requiredBy);
    explanations.push(
      c.way === 'before'
        ? `The rated order asks for delivery ${plural(c.n, 'day')} before the date ${requesterName} asked for, which leaves a margin.`
        : `The rated order’s date is ${plural(c.n, 'day')} after the date ${requesterName} asked for.`,
    );
  }
  if (offered) {
    const c = compare(offered, binding);
    explanations.push(`The supplier rejected the order: it cannot deliver by ${formatDate(binding)} and offered ${formatDate(offered)}, ${plural(c.n, 'day')} later (700.13(b)(1)).`);
  }
  if (promised && promised !== binding) {
    const c = compare(promised, binding);
    explanations.push(
      c.way === 'before'
        ? `The supplier promised delivery ${plural(c.n, 'day')} before ${bindingName}.`
        : `The supplier’s promise is ${plural(c.n, 'day')} after ${bindingName}.`,
    );
  }
  if (newDate) {
    const base = promised ?? binding;
    const c = compare(newDate, base);
    explanations.push(`A delay was reported: the new date is ${c.way === 'on' ? 'the same as' : `${plural(c.n, 'day')} ${c.way}`} ${promised ? 'the promise' : bindingName}.`);
  }
  if (delivered) {
    const c = compare(delivered, binding);
    explanations.push(c.way === 'on' ? `Delivered on ${bindingName}.` : `Delivered ${plural(c.n, 'day')} ${c.way} ${bindingName}.`);
  }
  return { entries, explanations };
}
