import type { DemoStory } from './demo-world.js';
import { submitToUs, toSupplier } from './dpas-steps.js';

/** India → US: a DO-A1 rated order placed with Lynn Turbine, awaiting its acceptance (700.13). */
export const dpasOrderPlaced: DemoStory = {
  name: 'India → US: a rated order awaiting the supplier’s acceptance',
  async play(w) {
    const { id, requiredBy } = await submitToUs(w, 15, {
      title: 'F414 combustor liners',
      programId: 'IN-LCA-MK2-ENGINE',
      justification: 'Combustor liners for the first production lot; the liner is a single-source part.',
      requiredInDays: 190,
      items: [{ partNumber: 'F414-CMB-LNR', nsn: '2840-01-377-6021', description: 'Combustor liner, outer', quantity: 20, unit: 'EA' }],
    });
    await toSupplier(w, id, { ack: 14, forward: 13, determine: 9, authorize: 6, place: 3 }, { program: 'F414-INS6 engine co-production for the LCA Mk2', rating: 'DO-A1', company: 'LYNN-TURB', orderNumber: 'PO-26-0412', requiredBy, serial: '2026-104' });
  },
};
