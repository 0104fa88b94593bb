import type { DemoStory } from './demo-world.js';
import { acknowledgeInIndia, routeTo, submitToIndia } from './coc-steps.js';

/** US → India, Deccan Electro-Avionics declined with its reason; Bharat still has to answer. */
export const cocDeclinedByOne: DemoStory = {
  name: 'US → India: a request declined by one company, the other still to answer',
  async play(w) {
    const id = await submitToIndia(w, 9, {
      title: 'Javelin seeker gimbal bearings',
      programId: 'US-JAVELIN',
      justification: 'Precision bearings for the seeker gimbal; a second source is needed.',
      requiredInDays: 210,
      items: [{ partNumber: 'JAV-SKR-BRG', description: 'Angular contact bearing pair, matched', quantity: 300, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 8);
    await routeTo(w, id, 7, ['BPF', 'DEA']);
    await w.at(4, '08:10');
    await w.step('in.supplier2', id, 'decline', { reason: 'Deccan Electro-Avionics makes electronics, not bearings; we cannot make these to the tolerance.' });
  },
};
