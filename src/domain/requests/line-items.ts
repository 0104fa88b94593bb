import { z } from 'zod';
import type { FieldError } from '../errors.js';
import { DATE_BOUNDS_MESSAGE, isDateInBounds } from '../bounds.js';
import { isRealDate } from '../calendar/real-date.js';

/**
 * A request's line items: one definition for a new request and for the corrections sent with a
 * resubmission, so both are held to the same rules.
 */
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
// Lazy: the workflow engine imports this module too.
// Domain bounds (issue #10): a line's delivery date far beyond them is a typing slip no schedule can date.
export const isoDate = z
  .string()
  .refine((v) => isRealDate(v), { message: 'must be a date that exists, as YYYY-MM-DD', abort: true })
  .refine((v) => isDateInBounds(v), { message: DATE_BOUNDS_MESSAGE });

export const lineItemSchema = z.strictObject({
  partNumber: text(100),
  // NATO Stock Number: 13 digits, usually written 4-2-3-4.
  nsn: z.string().regex(/^\d{4}-?\d{2}-?\d{3}-?\d{4}$/, 'must be a 13-digit NSN such as 2840-01-234-5678').optional(),
  description: text(500),
  quantity: z
    .number({ error: 'must be a number' })
    .positive('must be more than zero')
    .max(1e9)
    .refine((q) => Number.isFinite(q) && Math.round(q * 1000) === q * 1000, 'at most 3 decimals'),
  unit: text(20),
  requiredDeliveryDate: isoDate,
});
export type LineItemInput = z.infer<typeof lineItemSchema>;

export const MAX_LINE_ITEMS = 200;
export const lineItemsSchema = z.array(lineItemSchema).min(1, 'at least one line item').max(MAX_LINE_ITEMS, `at most ${MAX_LINE_ITEMS} line items`);

/** Checks a list of line items; errors are named by path under `field` ("items/0/quantity"). */
export function checkLineItems(field: string, value: unknown): { value?: LineItemInput[]; errors: FieldError[] } {
  const parsed = lineItemsSchema.safeParse(value);
  if (parsed.success) return { value: parsed.data, errors: [] };
  const errors = parsed.error.issues.flatMap((issue) => {
    const at = [field, ...issue.path.map(String)].join('/');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: `${at}/${key}`, message: 'is not a known field' }));
    return [{ field: at, message: issue.message }];
  });
  return { errors };
}

/** Delivery dates before today (in the requesting nation) are refused, on a new request as on a correction. */
export function pastDeliveryDates(field: string, items: readonly LineItemInput[], today: string): FieldError[] {
  return items.flatMap((item, i) => (item.requiredDeliveryDate < today ? [{ field: `${field}/${i}/requiredDeliveryDate`, message: `The delivery date ${item.requiredDeliveryDate} is in the past.` }] : []));
}

/** Same items in the same order: a resubmission that sends them back unchanged records no change. */
export function sameLineItems(a: readonly LineItemInput[], b: readonly LineItemInput[]): boolean {
  const key = (i: LineItemInput) => JSON.stringify([i.partNumber, i.nsn ?? null, i.description, i.quantity, i.unit, i.requiredDeliveryDate]);
  return a.length === b.length && a.every((item, n) => key(item) === key(b[n]!));
}
