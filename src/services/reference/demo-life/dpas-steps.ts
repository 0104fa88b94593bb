import type { DemoRequest } from './demo-request.js';
import type { DemoStory } from './demo-world.js';
import { requestStory, type RequestStory, type StoryStep, type When } from './request-story.js';

// The steps of an India → US DPAS request, each at the working day (before today) it happened.
// India's SOSA cell writes in its morning (UTC 04:00–10:00), the US offices in theirs (14:00–21:00).

export type DpasRequest = DemoRequest<'IN-LCA-MK2-ENGINE' | 'IN-MQ9B' | 'IN-STRYKER'>;

/** India's SOSA cell submits to the US in its morning. */
export function dpasStory(story: RequestStory<DpasRequest>): DemoStory {
  return requestStory({ submitter: 'in.sosa', toNation: 'US', submitsAt: '05:30' }, story);
}

export function acknowledge(workingDaysAgo: number): StoryStep {
  return { at: [workingDaysAgo, '14:10'], by: 'us.sosa', action: 'acknowledge', fields: { note: 'Received by the DoD SOSA office; review under way.' } };
}

export function forwardToDod(workingDaysAgo: number): StoryStep {
  return { at: [workingDaysAgo, '15:20'], by: 'us.sosa', action: 'forward_for_determination', fields: { note: 'Program and quantities checked against the SOSA; forwarded for the program determination.' } };
}

export function determine(workingDaysAgo: number, program: string, reference: string): StoryStep {
  return { at: [workingDaysAgo, '16:00'], by: 'us.dod', action: 'determine_program', fields: { approved_program: program, determination_reference: reference } };
}

export function authorize(workingDaysAgo: number, rating: string, reference: string): StoryStep {
  return { at: [workingDaysAgo, '17:30'], by: 'us.commerce', action: 'authorize_rating', fields: { rating, authorization_reference: reference } };
}

/** The US SOSA office places the rated order with `company`, for delivery by the request's date. */
export function placeOrder(workingDaysAgo: number, order: { company: string; orderNumber: string }): StoryStep {
  return {
    at: [workingDaysAgo, '18:15'],
    by: 'us.sosa',
    action: 'place_rated_order',
    fields: (w, r) => ({ supplier: w.company(order.company), order_number: order.orderNumber, required_delivery_date: r.requiredBy, signed_by: 'Dana Whitfield, SOSA Program Manager', certified: true }),
  };
}

/** Acknowledged, forwarded, determined and authorized, then placed with `company`: the common path to a supplier. */
export function toSupplier(
  days: { ack: number; forward: number; determine: number; authorize: number; place: number },
  order: { program: string; rating: string; company: string; orderNumber: string; serial: string },
): StoryStep[] {
  return [
    acknowledge(days.ack),
    forwardToDod(days.forward),
    determine(days.determine, order.program, `IBP-PD-${order.serial}`),
    authorize(days.authorize, order.rating, `BIS-DPAS-${order.serial}`),
    placeOrder(days.place, order),
  ];
}

/** The supplier `by` accepts the rated order, promising the request's date. */
export function acceptOrder(at: When, by: string): StoryStep {
  return { at, by, action: 'accept_rated_order', fields: (_w, r) => ({ promised_delivery_date: r.requiredBy }) };
}

/** The supplier `by` delivers that day, under `shipment`. */
export function markDelivered(at: When, by: string, shipment: string): StoryStep {
  return { at, by, action: 'mark_delivered', fields: (w) => ({ delivered_on: w.dateIn(0), shipment_reference: shipment }) };
}
