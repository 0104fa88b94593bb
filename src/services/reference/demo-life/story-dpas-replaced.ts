import { listResources } from '../../orders/list-resources.js';
import { planRatedOrder } from '../../orders/plan-rated-order.js';
import type { DemoStory } from './demo-world.js';
import { placeOrder, submitToUs, toSupplier } from './dpas-steps.js';

/** India → US: Lynn Turbine rejects the rated order (it does not make the item); the US SOSA office re-places it with Ohio Precision Castings, who accepts. */
export const dpasReplaced: DemoStory = {
  name: 'India → US: a rated order rejected and re-placed with another supplier',
  async play(w) {
    const { id, requiredBy } = await submitToUs(w, 19, {
      title: 'F414 low-pressure turbine vane castings',
      programId: 'IN-LCA-MK2-ENGINE',
      justification: 'LPT vane segments for the first production lot; the usual caster is full.',
      requiredInDays: 220,
      items: [{ partNumber: 'F414-LPT-VANE-2', description: 'LPT vane segment, stage 2, investment cast', quantity: 60, unit: 'EA' }],
    });
    await toSupplier(w, id, { ack: 18, forward: 17, determine: 15, authorize: 13, place: 11 }, { program: 'F414-INS6 engine co-production for the LCA Mk2', rating: 'DO-A1', company: 'LYNN-TURB', orderNumber: 'PO-26-0389', requiredBy, serial: '2026-095' });
    await w.at(9, '15:10');
    await w.step('us.supplier', id, 'reject_rated_order', { ground: 'item_not_supplied', reasons: 'Lynn Turbine machines and finishes vanes; it does not cast them. Ohio Precision Castings does.' });
    await placeOrder(w, id, 8, { company: 'OHIO-CAST', orderNumber: 'PO-26-0389-R1', requiredBy });
    await w.at(6, '13:45');
    await w.step('us.supplier2', id, 'accept_rated_order', { promised_delivery_date: requiredBy });
    // On Ohio's casting cell (from its demo order book), next to its own orders.
    const ohio = w.actor('us.supplier2');
    const cell = (await listResources(w.ctx, { actor: ohio })).find((r) => r.name === 'Investment casting cell');
    if (cell) await planRatedOrder(w.ctx, { actor: ohio, orderId: await w.orderOf(id, 'OHIO-CAST'), resourceId: cell.id });
  },
};
