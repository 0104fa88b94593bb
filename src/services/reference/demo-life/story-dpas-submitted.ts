import type { DemoStory } from './demo-world.js';
import { submitToUs } from './dpas-steps.js';

/** India → US, just submitted: the US SOSA office has it to acknowledge. */
export const dpasSubmitted: DemoStory = {
  name: 'India → US: a request just submitted',
  async play(w) {
    await submitToUs(w, 1, {
      title: 'Single-crystal HPT blade castings — second production lot',
      programId: 'IN-LCA-MK2-ENGINE',
      justification: 'Second lot of F414-INS6 engines for the LCA Mk2; the casting house has a 38-week lead time and a single qualified line.',
      requiredInDays: 300,
      items: [{ partNumber: 'F414-HPT-BLADE-1', nsn: '2840-01-234-5678', description: 'High-pressure turbine blade, stage 1, single-crystal casting', quantity: 120, unit: 'EA' }],
    });
  },
};
