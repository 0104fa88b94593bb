import type { FieldError } from '../errors.js';

/**
 * Grounds for rejecting a rated order (15 CFR 700.13(b) mandatory, (c) optional; the (c) wording
 * is unverified, sources §1.4). The same list as the SOSA request workflow's rejection step.
 */
export const REJECTION_GROUNDS = [
  'cannot_meet_date', // 700.13(b)(1)
  'interferes_with_accepted_rated_orders', // 700.13(b)(2)-(3)
  'terms_of_sale_not_met', // 700.13(c)
  'item_not_supplied',
  'own_use_only',
  'customer_makes_item',
  'violates_commerce_order',
] as const;
export type RejectionGround = (typeof REJECTION_GROUNDS)[number];

/** Grounds under which the supplier must state the earliest date it can meet (700.13(b)(1)-(3)). */
export const DATE_GROUNDS: readonly RejectionGround[] = ['cannot_meet_date', 'interferes_with_accepted_rated_orders'];

export interface DecisionInput {
  decision: 'accept' | 'reject';
  reasons?: string | undefined;
  offeredDeliveryDate?: string | undefined;
  rejectionGround?: RejectionGround | undefined;
  /** The order's required delivery date. */
  requiredDeliveryDate: string;
}

/**
 * The content a decision must carry (700.13(d)): a rejection gives reasons; a rejection because
 * the date cannot be met states the earliest date possible — later than the required date, or the
 * order could be met and must be accepted (700.13(a)) — and offers to accept for it (700.13(b)(1)).
 */
export function decisionProblems(input: DecisionInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.decision === 'accept') {
    if (input.rejectionGround) errors.push({ field: 'rejectionGround', message: 'An acceptance has no rejection ground.' });
    if (input.offeredDeliveryDate) errors.push({ field: 'offeredDeliveryDate', message: 'An acceptance is for the required delivery date; an offered date goes with a rejection (700.13(b)(1)).' });
    return errors;
  }
  if (!input.reasons?.trim()) errors.push({ field: 'reasons', message: 'A rejection gives its reasons (700.13(d)).' });
  const needsDate = input.rejectionGround !== undefined && DATE_GROUNDS.includes(input.rejectionGround);
  if (needsDate && !input.offeredDeliveryDate) {
    errors.push({ field: 'offeredDeliveryDate', message: 'A rejection for a date that cannot be met states the earliest date possible and offers to accept for it (700.13(b)(1)).' });
  }
  if (input.offeredDeliveryDate && input.offeredDeliveryDate <= input.requiredDeliveryDate) {
    errors.push({
      field: 'offeredDeliveryDate',
      message: `The offered date must be later than the required delivery date ${input.requiredDeliveryDate}; if ${input.offeredDeliveryDate} can be met, the order must be accepted (700.13(a)).`,
    });
  }
  return errors;
}

/**
 * 700.13(b)(1): a supplier that cannot deliver by the required date may not accept the order for
 * that date: it rejects it, states the earliest date it can meet and offers to accept for it. An
 * acceptance promising a later date is that rejection under another name, so it is refused with
 * the rejection to make instead. Null when the promise keeps the required date.
 */
export function latePromiseProblem(input: { promisedDeliveryDate: string; requiredDeliveryDate: string }): string | null {
  const { promisedDeliveryDate: promised, requiredDeliveryDate: required } = input;
  if (promised <= required) return null;
  return (
    `${promised} is after the required delivery date ${required}: a rated order is accepted only for a date the supplier can meet. ` +
    `Reject it instead for "cannot meet the date", stating ${promised} as the earliest date possible and offering to accept for it (15 CFR 700.13(b)(1)).`
  );
}
