import type { DemoStory } from './demo-world.js';
import { acknowledge, determine, forwardToDod, submitToUs } from './dpas-steps.js';

/** India → US at Commerce for the rating authorization, after DoD's determination. */
export const dpasAtCommerce: DemoStory = {
  name: 'India → US: a request at Commerce for the rating',
  async play(w) {
    const { id } = await submitToUs(w, 11, {
      title: 'MQ-9B Lynx radar spares',
      programId: 'IN-MQ9B',
      justification: 'Initial spares for the Lynx multi-mode radar of the MQ-9B fleet; the repair loop needs a float.',
      requiredInDays: 200,
      items: [{ partNumber: 'LYNX-TWT-04', description: 'Travelling-wave tube transmitter module', quantity: 6, unit: 'EA' }],
    });
    await acknowledge(w, id, 10);
    await forwardToDod(w, id, 9);
    await determine(w, id, 3, 'MQ-9B remotely piloted aircraft (India), FMS case IN-D-SAB', 'IBP-PD-2026-118');
  },
};
