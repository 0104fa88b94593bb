import { parseRating } from './rating.js';

export const CHANGE_KINDS = ['destination', 'quantity', 'delivery_date', 'rating', 'cancel'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface OrderTerms {
  rating: string | null;
  quantity: number;
  requiredDeliveryDate: string;
  destination: string | null;
}

export type OrderChange =
  | { kind: 'destination'; destination: string }
  | { kind: 'quantity'; quantity: number; negligibleDeliveryImpact?: boolean | undefined }
  | { kind: 'delivery_date'; requiredDeliveryDate: string }
  | { kind: 'rating'; rating: string | null }
  | { kind: 'cancel' };

export interface ChangeClassification {
  /** 700.16(c): the amendment makes a new rated order as of its receipt: decide again (700.13). */
  newRatedOrder: boolean;
  rule: string;
  explanation: string;
}

/**
 * 15 CFR 700.16 (dpas-sosa.md §7; sources §1.7, §5 S11): an amendment that significantly alters
 * the supplier's production or delivery schedule is a new rated order as of its receipt; an
 * unrated order made rated, or DO made DX, gets preferential treatment from the change's receipt.
 * Not new (700.16(d)): a change of shipping destination, a reduction of quantity, an increase with
 * negligible delivery impact. "Significantly" has no threshold in the rule (ambiguity A7): a
 * delivery date moved earlier is significant; a quantity increase is, unless the person recording
 * it states that its delivery impact is negligible (kept in the history with the reasons).
 * A change of a cancelled order is not classified here (callers refuse it).
 */
export function classifyChange(before: OrderTerms, change: OrderChange): ChangeClassification {
  const rated = before.rating !== null;
  switch (change.kind) {
    case 'destination':
      return { newRatedOrder: false, rule: '15 CFR 700.16(d)', explanation: 'A change of shipping destination is not a new rated order; the decision stands.' };
    case 'quantity': {
      if (change.quantity < before.quantity) {
        return { newRatedOrder: false, rule: '15 CFR 700.16(d)', explanation: `A reduction of quantity (${before.quantity} → ${change.quantity}) is not a new rated order; the decision stands.` };
      }
      if (change.quantity === before.quantity) return { newRatedOrder: false, rule: '15 CFR 700.16(d)', explanation: 'The quantity is unchanged.' };
      if (change.negligibleDeliveryImpact) {
        return { newRatedOrder: false, rule: '15 CFR 700.16(d)', explanation: `An increase (${before.quantity} → ${change.quantity}) recorded as having negligible delivery impact is not a new rated order.` };
      }
      return {
        newRatedOrder: rated,
        rule: '15 CFR 700.16(c)',
        explanation: rated
          ? `An increase of quantity (${before.quantity} → ${change.quantity}) significantly alters the schedule: a new rated order as of receipt of the change; accept or reject again (700.13).`
          : `Quantity increased (${before.quantity} → ${change.quantity}) on an unrated order: 700.13 does not apply.`,
      };
    }
    case 'delivery_date': {
      if (change.requiredDeliveryDate < before.requiredDeliveryDate) {
        return {
          newRatedOrder: rated,
          rule: '15 CFR 700.16(c)',
          explanation: rated
            ? `The delivery date moved earlier (${before.requiredDeliveryDate} → ${change.requiredDeliveryDate}): a new rated order as of receipt of the change; accept or reject again (700.13).`
            : `The delivery date of an unrated order moved earlier (${before.requiredDeliveryDate} → ${change.requiredDeliveryDate}).`,
        };
      }
      return { newRatedOrder: false, rule: '15 CFR 700.16(d)', explanation: `The delivery date moved later (${before.requiredDeliveryDate} → ${change.requiredDeliveryDate}): no new rated order; the decision stands.` };
    }
    case 'rating': {
      const from = before.rating ? parseRating(before.rating) : null;
      const to = change.rating ? parseRating(change.rating) : null;
      const fromLevel = from?.ok ? from.rating.level : null;
      const toLevel = to?.ok ? to.rating.level : null;
      if (fromLevel === null && toLevel !== null) {
        return { newRatedOrder: true, rule: '15 CFR 700.16(b)-(c)', explanation: `The unrated order is now rated ${change.rating}: preferential treatment and a new acceptance clock from receipt of the change.` };
      }
      if (fromLevel === 'DO' && toLevel === 'DX') {
        return { newRatedOrder: true, rule: '15 CFR 700.16(b)-(c)', explanation: `Upgraded ${before.rating} → ${change.rating}: DX treatment and a new acceptance clock from receipt of the change.` };
      }
      if (toLevel === null) {
        return { newRatedOrder: false, rule: '15 CFR 700.16(a)', explanation: `The rating ${before.rating ?? ''} is cancelled: the order is unrated from receipt of the change.`.replace('  ', ' ') };
      }
      return { newRatedOrder: false, rule: '15 CFR 700.16(a)', explanation: `Rating changed ${before.rating} → ${change.rating}: not a new rated order; the decision stands.` };
    }
    case 'cancel':
      return { newRatedOrder: false, rule: '15 CFR 700.16(a), (e)', explanation: 'The order is cancelled; the record is kept (700.91).' };
  }
}
