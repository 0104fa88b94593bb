import type { DemoStory } from './demo-world.js';
import { submitToUs, toSupplier } from './dpas-steps.js';

/** India → US, the whole path: placed with Lynn Turbine, accepted, delivered, received and closed by India. */
export const dpasClosed: DemoStory = {
  name: 'India → US: a request delivered and closed',
  async play(w) {
    const { id, requiredBy } = await submitToUs(w, 22, {
      title: 'F414 igniter plugs for engine ground runs',
      programId: 'IN-LCA-MK2-ENGINE',
      justification: 'Igniter plugs for the ground runs of the first two engines; a small, urgent quantity.',
      requiredInDays: 30,
      items: [{ partNumber: 'F414-IGN-PLUG', nsn: '2925-01-332-1180', description: 'Igniter plug', quantity: 16, unit: 'EA' }],
    });
    await toSupplier(w, id, { ack: 22, forward: 22, determine: 21, authorize: 20, place: 19 }, { program: 'F414-INS6 engine co-production for the LCA Mk2', rating: 'DO-A1', company: 'LYNN-TURB', orderNumber: 'PO-26-0358', requiredBy, serial: '2026-076' });
    await w.at(18, '14:00');
    await w.step('us.supplier', id, 'accept_rated_order', { promised_delivery_date: requiredBy });
    await w.at(7, '18:30');
    await w.step('us.supplier', id, 'mark_delivered', { delivered_on: w.dateIn(0), shipment_reference: 'UPS 1Z 88A 412 03 5521 9907' });
    await w.at(5, '06:15');
    await w.step('in.sosa', id, 'confirm_receipt_and_close', { note: 'Received at HAL Bengaluru; all 16 plugs passed inspection.' });
  },
};
