import { DateTime } from 'luxon';
import { computeSchedule } from '../../orders/compute-schedule.js';
import { createResource } from '../../orders/create-resource.js';
import { planRatedOrder } from '../../orders/plan-rated-order.js';
import type { DemoStory } from './demo-world.js';
import { submitToUs, toSupplier } from './dpas-steps.js';

/**
 * India → US: accepted by Lynn Turbine, then late: planned on a machining cell that makes one yoke
 * a day, it cannot finish by the required date; Lynn reports the delay with its new date (700.13(d)).
 */
export const dpasLate: DemoStory = {
  name: 'India → US: an accepted order reported late',
  async play(w) {
    const { id, requiredBy } = await submitToUs(w, 21, {
      title: 'Stryker remote weapon station gimbal yokes',
      programId: 'IN-STRYKER',
      justification: 'Machined gimbal yokes for the remote weapon stations of the Stryker evaluation vehicles and the spares pool.',
      requiredInDays: 75,
      items: [{ partNumber: 'RWS-GMB-YK2', description: 'Gimbal yoke, machined from titanium forging', quantity: 80, unit: 'EA' }],
    });
    await toSupplier(w, id, { ack: 20, forward: 19, determine: 16, authorize: 14, place: 13 }, { program: 'Ground mobility — Stryker co-production evaluation', rating: 'DO-A4', company: 'LYNN-TURB', orderNumber: 'PO-26-0381', requiredBy, serial: '2026-091' });
    await w.at(12, '15:30');
    await w.step('us.supplier', id, 'accept_rated_order', { promised_delivery_date: requiredBy });
    const lynn = w.actor('us.supplier');
    await w.at(12, '16:00');
    const line = await createResource(w.ctx, { actor: lynn, name: 'Precision machining cell', capacityPerDay: 1 });
    await planRatedOrder(w.ctx, { actor: lynn, orderId: await w.orderOf(id, 'LYNN-TURB'), resourceId: line.id });
    // Lynn reads the projection of its preferential schedule and reports that date (700.13(d)).
    await w.at(2, '17:45');
    const order = await w.orderOf(id, 'LYNN-TURB');
    const projected = (await computeSchedule(w.ctx, { actor: lynn })).orders.find((o) => o.id === order)?.projectedCompletionDate;
    await w.step('us.supplier', id, 'report_delay', { new_delivery_date: projected ?? DateTime.fromISO(requiredBy).plus({ days: 60 }).toISODate(), reasons: 'The second machining cell is down for a spindle replacement; the one left makes a yoke a day.' });
  },
};
