import type { DemoStory } from './demo-world.js';
import { acknowledgeInIndia, routeTo, submitToIndia } from './coc-steps.js';

/** US → India, routed to two Code of Conduct companies, both still to answer. */
export const cocRouted: DemoStory = {
  name: 'US → India: a request routed to Code of Conduct companies',
  async play(w) {
    const id = await submitToIndia(w, 6, {
      title: 'Sonobuoy hydrophone housings',
      programId: 'US-SONOBUOY',
      justification: 'Housings for the co-produced sonobuoys; the US line is at capacity.',
      requiredInDays: 200,
      items: [{ partNumber: 'SSQ-HYD-7', nsn: '5845-01-555-0199', description: 'Sonobuoy hydrophone housing', quantity: 200, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 5);
    await routeTo(w, id, 3, ['BPF', 'DEA']);
  },
};
