import { submitDemoRequest, type DemoRequest } from './demo-request.js';
import type { DemoWorld } from './demo-world.js';

// The steps of an India → US DPAS request, each at the working day (before today) it happened.
// India's SOSA cell writes in its morning (UTC 04:00–10:00), the US offices in theirs (14:00–21:00).

export type DpasRequest = DemoRequest<'IN-LCA-MK2-ENGINE' | 'IN-MQ9B' | 'IN-STRYKER'>;

/** India's SOSA cell submits on `workingDaysAgo`; returns the request's id and required date. */
export async function submitToUs(w: DemoWorld, workingDaysAgo: number, r: DpasRequest): Promise<{ id: string; requiredBy: string }> {
  await w.at(workingDaysAgo, '05:30');
  return submitDemoRequest(w, 'in.sosa', 'US', r);
}

export async function acknowledge(w: DemoWorld, id: string, workingDaysAgo: number): Promise<void> {
  await w.at(workingDaysAgo, '14:10');
  await w.step('us.sosa', id, 'acknowledge', { note: 'Received by the DoD SOSA office; review under way.' });
}

export async function forwardToDod(w: DemoWorld, id: string, workingDaysAgo: number): Promise<void> {
  await w.at(workingDaysAgo, '15:20');
  await w.step('us.sosa', id, 'forward_for_determination', { note: 'Program and quantities checked against the SOSA; forwarded for the program determination.' });
}

export async function determine(w: DemoWorld, id: string, workingDaysAgo: number, program: string, reference: string): Promise<void> {
  await w.at(workingDaysAgo, '16:00');
  await w.step('us.dod', id, 'determine_program', { approved_program: program, determination_reference: reference });
}

export async function authorize(w: DemoWorld, id: string, workingDaysAgo: number, rating: string, reference: string): Promise<void> {
  await w.at(workingDaysAgo, '17:30');
  await w.step('us.commerce', id, 'authorize_rating', { rating, authorization_reference: reference });
}

export async function placeOrder(w: DemoWorld, id: string, workingDaysAgo: number, order: { company: string; orderNumber: string; requiredBy: string }): Promise<void> {
  await w.at(workingDaysAgo, '18:15');
  await w.step('us.sosa', id, 'place_rated_order', { supplier: w.company(order.company), order_number: order.orderNumber, required_delivery_date: order.requiredBy, signed_by: 'Dana Whitfield, SOSA Program Manager', certified: true });
}

/** Acknowledged, forwarded, determined and authorized, then placed with `company`: the common path to a supplier. */
export async function toSupplier(
  w: DemoWorld,
  id: string,
  days: { ack: number; forward: number; determine: number; authorize: number; place: number },
  order: { program: string; rating: string; company: string; orderNumber: string; requiredBy: string; serial: string },
): Promise<void> {
  await acknowledge(w, id, days.ack);
  await forwardToDod(w, id, days.forward);
  await determine(w, id, days.determine, order.program, `IBP-PD-${order.serial}`);
  await authorize(w, id, days.authorize, order.rating, `BIS-DPAS-${order.serial}`);
  await placeOrder(w, id, days.place, order);
}
