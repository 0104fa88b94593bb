import type { DemoStory } from './demo-world.js';
import { acknowledge, submitToUs } from './dpas-steps.js';

/** India → US, returned for information: the US asks which lot the displays are for; India owes the answer. */
export const dpasReturned: DemoStory = {
  name: 'India → US: a request returned for information',
  async play(w) {
    const { id } = await submitToUs(w, 7, {
      title: 'MQ-9B ground control station displays',
      programId: 'IN-MQ9B',
      justification: 'Operator displays for two ground control stations; obsolescence at the original supplier.',
      requiredInDays: 160,
      items: [{ partNumber: 'GCS-DSP-24R', description: 'Ruggedised 24-inch operator display', quantity: 12, unit: 'EA' }],
    });
    await acknowledge(w, id, 6);
    await w.at(4, '16:30');
    await w.step('us.sosa', id, 'return_for_information', { question: 'Twelve displays for two stations is six a station: is this the spares pool too? Please give the quantity per station and the spares separately.' });
  },
};
