import { DateTime } from 'luxon';
import { createResource } from '../../orders/create-resource.js';
import { listResources } from '../../orders/list-resources.js';
import { planRatedOrder } from '../../orders/plan-rated-order.js';
import { decideRatedOrder } from '../../orders/decide-rated-order.js';
import { placeSubOrder } from '../../flow-down/place-sub-order.js';
import { createSpaRequest } from '../../spa/create-spa-request.js';
import { transitionSpaRequest } from '../../spa/transition-spa-request.js';
import { computeSchedule } from '../../orders/compute-schedule.js';
import type { DemoWorld } from './demo-world.js';
import { acceptOrder, dpasStory, placeOrder, toSupplier } from './dpas-steps.js';
import type { StoryRequest, StoryStep, When } from './request-story.js';

// The India → US stories that go on in the suppliers' order books after the rated order is placed:
// planned, flowed down, late, rejected and re-placed.

/** Lynn Turbine sets up a production resource and plans the request's rated order on it. */
function planOnNewLynnResource(at: When, resource: { name: string; capacityPerDay: number }): StoryStep {
  return {
    at,
    async act(w, r) {
      const lynn = w.actor('us.supplier');
      const line = await createResource(w.ctx, { actor: lynn, ...resource });
      await planRatedOrder(w.ctx, { actor: lynn, orderId: await w.orderOf(r.id, 'LYNN-TURB'), resourceId: line.id });
    },
  };
}

/** Ohio plans an order on its casting cell (from its demo order book), next to its own orders. */
async function planOnOhioCastingCell(w: DemoWorld, orderId: string): Promise<void> {
  const ohio = w.actor('us.supplier2');
  const cell = (await listResources(w.ctx, { actor: ohio })).find((r) => r.name === 'Investment casting cell');
  if (cell) await planRatedOrder(w.ctx, { actor: ohio, orderId, resourceId: cell.id });
}

/**
 * Lynn extends the rating to Ohio Precision Castings for the castings (700.15), Ohio accepts and
 * orders the alloy from its own supplier — a flow-down tree — and Lynn, the castings late, asks
 * for special priorities assistance (700.50), which DoD takes up.
 */
async function flowDownToOhioWithSpa(w: DemoWorld, r: StoryRequest): Promise<void> {
  const lynn = w.actor('us.supplier');
  const castings = await placeSubOrder(w.ctx, {
    actor: lynn,
    orderId: await w.orderOf(r.id, 'LYNN-TURB'),
    input: { supplierOrganisationId: w.company('OHIO-CAST'), orderNumber: 'LTC-SUB-7781', purpose: 'incorporated', quantity: 44, requiredDeliveryDate: w.dateIn(150), description: 'Single-crystal blade castings, stage 1 (40 + 4 for yield)' },
  });
  const ohio = w.actor('us.supplier2');
  const ohioOrder = castings.subOrder.child_order_id!;
  await w.at(8, '13:30');
  await decideRatedOrder(w.ctx, { actor: ohio, orderId: ohioOrder, decision: 'accept', promisedDeliveryDate: castings.subOrder.required_delivery_date });
  await planOnOhioCastingCell(w, ohioOrder);
  await w.at(7, '14:15');
  await placeSubOrder(w.ctx, { actor: ohio, orderId: ohioOrder, input: { supplierName: 'Carpenter Alloys, Reading PA', orderNumber: 'OPC-M-3310', purpose: 'incorporated', quantity: 44, requiredDeliveryDate: w.dateIn(60), description: 'CMSX-4 nickel superalloy master heats for 44 castings' } });

  await w.at(4, '16:20');
  const spa = await createSpaRequest(w.ctx, {
    actor: lynn,
    submit: true,
    input: {
      requester: { name: 'Tom Kowalski', title: 'Programs Director', email: 'us.supplier@sosa-desk.example' },
      customer: 'DoD SOSA office for the Ministry of Defence of India',
      supplier: { organisationId: w.company('OHIO-CAST'), name: 'Ohio Precision Castings LLC' },
      orders: [{ orderId: ohioOrder, orderNumber: castings.subOrder.order_number, rating: castings.subOrder.rating, items: 'Single-crystal blade castings, stage 1', quantity: 44, requiredDeliveryDate: castings.subOrder.required_delivery_date }],
      program: 'F414-INS6 engine co-production for the LCA Mk2',
      problem: 'Ohio Precision Castings has the castings behind an unrated commercial order on its only casting cell; at its promised date our blades would be three weeks late.',
      attemptsMade: 'Two calls with Ohio’s planning office; offered to take the castings in two batches.',
      actionRequested: 'Direct that the rated castings order be scheduled ahead of the unrated work (15 CFR 700.14).',
    },
  });
  await w.at(2, '14:50');
  await transitionSpaRequest(w.ctx, { actor: w.actor('us.dod'), id: spa.id, action: 'start_review' });
}

/** India → US, in performance: Lynn Turbine accepts the blades order, plans it on its blade line, and flows the castings down to Ohio. */
export const dpasInPerformance = dpasStory({
  name: 'India → US: an order in performance, with a flow-down tree and an SPA request under review',
  submitted: 22,
  request: {
    title: 'F414 engine turbine blades for LCA Mk2 engine line',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Blades for the first production lot of F414-INS6 engines; the supplier quotes a 9-month lead time.',
    requiredInDays: 270,
    items: [{ partNumber: 'F414-HPT-BLADE-1', nsn: '2840-01-234-5678', description: 'High-pressure turbine blade, stage 1', quantity: 40, unit: 'EA' }],
  },
  steps: [
    ...toSupplier({ ack: 21, forward: 21, determine: 18, authorize: 15, place: 13 }, { program: 'F414-INS6 engine co-production for the LCA Mk2', rating: 'DO-A1', company: 'LYNN-TURB', orderNumber: 'PO-26-0377', serial: '2026-087' }),
    acceptOrder([11, '14:05'], 'us.supplier'),
    planOnNewLynnResource([11, '14:40'], { name: 'Blade finishing line', capacityPerDay: 2 }),
    { at: [10, '15:00'], act: flowDownToOhioWithSpa },
  ],
});

/**
 * India → US: accepted by Lynn Turbine, then late: planned on a machining cell that makes one yoke
 * a day, it cannot finish by the required date; Lynn reports the delay with its new date (700.13(d)).
 */
export const dpasLate = dpasStory({
  name: 'India → US: an accepted order reported late',
  submitted: 21,
  request: {
    title: 'Stryker remote weapon station gimbal yokes',
    programId: 'IN-STRYKER',
    justification: 'Machined gimbal yokes for the remote weapon stations of the Stryker evaluation vehicles and the spares pool.',
    requiredInDays: 75,
    items: [{ partNumber: 'RWS-GMB-YK2', description: 'Gimbal yoke, machined from titanium forging', quantity: 80, unit: 'EA' }],
  },
  steps: [
    ...toSupplier({ ack: 20, forward: 19, determine: 16, authorize: 14, place: 13 }, { program: 'Ground mobility — Stryker co-production evaluation', rating: 'DO-A4', company: 'LYNN-TURB', orderNumber: 'PO-26-0381', serial: '2026-091' }),
    acceptOrder([12, '15:30'], 'us.supplier'),
    planOnNewLynnResource([12, '16:00'], { name: 'Precision machining cell', capacityPerDay: 1 }),
    // Lynn reads the projection of its preferential schedule and reports that date (700.13(d)).
    {
      at: [2, '17:45'],
      by: 'us.supplier',
      action: 'report_delay',
      async fields(w, r) {
        const order = await w.orderOf(r.id, 'LYNN-TURB');
        const projected = (await computeSchedule(w.ctx, { actor: w.actor('us.supplier') })).orders.find((o) => o.id === order)?.projectedCompletionDate;
        return { new_delivery_date: projected ?? DateTime.fromISO(r.requiredBy).plus({ days: 60 }).toISODate(), reasons: 'The second machining cell is down for a spindle replacement; the one left makes a yoke a day.' };
      },
    },
  ],
});

/** India → US: Lynn Turbine rejects the rated order (it does not make the item); the US SOSA office re-places it with Ohio Precision Castings, who accepts. */
export const dpasReplaced = dpasStory({
  name: 'India → US: a rated order rejected and re-placed with another supplier',
  submitted: 19,
  request: {
    title: 'F414 low-pressure turbine vane castings',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'LPT vane segments for the first production lot; the usual caster is full.',
    requiredInDays: 220,
    items: [{ partNumber: 'F414-LPT-VANE-2', description: 'LPT vane segment, stage 2, investment cast', quantity: 60, unit: 'EA' }],
  },
  steps: [
    ...toSupplier({ ack: 18, forward: 17, determine: 15, authorize: 13, place: 11 }, { program: 'F414-INS6 engine co-production for the LCA Mk2', rating: 'DO-A1', company: 'LYNN-TURB', orderNumber: 'PO-26-0389', serial: '2026-095' }),
    { at: [9, '15:10'], by: 'us.supplier', action: 'reject_rated_order', fields: { ground: 'item_not_supplied', reasons: 'Lynn Turbine machines and finishes vanes; it does not cast them. Ohio Precision Castings does.' } },
    placeOrder(8, { company: 'OHIO-CAST', orderNumber: 'PO-26-0389-R1' }),
    acceptOrder([6, '13:45'], 'us.supplier2'),
    { act: async (w, r) => planOnOhioCastingCell(w, await w.orderOf(r.id, 'OHIO-CAST')) },
  ],
});
