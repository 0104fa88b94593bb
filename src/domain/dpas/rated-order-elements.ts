import { EMERGENCY_MINIMUM_HOURS, parseRating, type EmergencyBasis } from './rating.js';
import type { FieldError } from '../errors.js';

export interface RatedOrderDraft {
  rating: string | undefined;
  requiredDeliveryDate: string | undefined;
  signedBy: string | undefined;
  certified: boolean | undefined;
  receivedDate: string; // local date of receipt, 'YYYY-MM-DD'
  emergencyBasis?: EmergencyBasis | undefined;
  emergencyResponseHours?: number | undefined;
}

/**
 * 15 CFR 700.12(a): a rated order carries (1) the rating, (2) a required delivery date —
 * "immediately" or "as soon as possible" is not a date — (3) the signature of an authorized
 * individual, (4) the certification statement. An order missing one is flagged, not treated as
 * rated (dpas-sosa.md §11 scenario 3). Emergency preparedness orders state a response time no
 * shorter than the minimum for their basis (700.13, unverified minimums: configuration).
 */
export function ratedOrderProblems(order: RatedOrderDraft, fields = {
  rating: 'rating', requiredDeliveryDate: 'required_delivery_date', signedBy: 'signed_by', certified: 'certified', emergencyResponseHours: 'emergency_response_hours',
}): FieldError[] {
  const problems: FieldError[] = [];
  if (!order.rating) {
    problems.push({ field: fields.rating, message: 'A rated order needs a DO or DX rating with its program symbol (700.12(a)(1)).' });
  } else {
    const parsed = parseRating(order.rating);
    if (!parsed.ok) problems.push({ field: fields.rating, message: parsed.message });
  }
  if (!order.requiredDeliveryDate || !/^\d{4}-\d{2}-\d{2}$/.test(order.requiredDeliveryDate)) {
    problems.push({ field: fields.requiredDeliveryDate, message: 'A rated order needs a required delivery date; "immediately" or "as soon as possible" is not a date (700.12(a)(2)).' });
  } else if (order.requiredDeliveryDate < order.receivedDate) {
    problems.push({ field: fields.requiredDeliveryDate, message: `The required delivery date ${order.requiredDeliveryDate} is before the order's receipt on ${order.receivedDate}.` });
  }
  if (!order.signedBy?.trim()) {
    problems.push({ field: fields.signedBy, message: 'A rated order is signed by an individual authorized to sign rated orders (700.12(a)(3)).' });
  }
  if (order.certified !== true) {
    problems.push({ field: fields.certified, message: 'A rated order carries the certification that it is authorized under 15 CFR 700 (700.12(a)(3)-(4)).' });
  }
  if (order.emergencyBasis) {
    const minimum = EMERGENCY_MINIMUM_HOURS[order.emergencyBasis];
    if (order.emergencyResponseHours === undefined || order.emergencyResponseHours < minimum) {
      problems.push({
        field: fields.emergencyResponseHours,
        message: `An emergency preparedness order issued for ${order.emergencyBasis === 'hazard_occurred' ? 'a hazard that has occurred' : 'an imminent hazard'} may not require a response in less than ${minimum} hours (700.13).`,
      });
    }
  }
  return problems;
}
