import type { DemoStory } from './demo-world.js';
import { submitToUs, toSupplier } from './dpas-steps.js';

/** India → US: Ohio Precision Castings delivered; India's SOSA cell has to confirm receipt and close. */
export const dpasDelivered: DemoStory = {
  name: 'India → US: an order delivered, to be confirmed by India',
  async play(w) {
    const { id, requiredBy } = await submitToUs(w, 22, {
      title: 'Stryker hull castings for evaluation vehicles',
      programId: 'IN-STRYKER',
      justification: 'Hull nodes for two evaluation vehicles to be assembled in India.',
      requiredInDays: 45,
      items: [{ partNumber: 'STK-HULL-NODE-7', description: 'Cast steel hull node', quantity: 8, unit: 'EA' }],
    });
    await toSupplier(w, id, { ack: 22, forward: 21, determine: 20, authorize: 19, place: 18 }, { program: 'Ground mobility — Stryker co-production evaluation', rating: 'DO-A4', company: 'OHIO-CAST', orderNumber: 'PO-26-0361', requiredBy, serial: '2026-079' });
    await w.at(17, '13:20');
    await w.step('us.supplier2', id, 'accept_rated_order', { promised_delivery_date: requiredBy });
    await w.at(2, '19:00');
    await w.step('us.supplier2', id, 'mark_delivered', { delivered_on: w.dateIn(0), shipment_reference: 'FedEx Freight 7741-2209-3381' });
  },
};
