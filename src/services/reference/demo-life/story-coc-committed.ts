import type { DemoStory } from './demo-world.js';
import { acknowledgeInIndia, routeTo, submitToIndia } from './coc-steps.js';

/** US → India, Bharat Precision Forgings committed to a date: in performance. */
export const cocCommitted: DemoStory = {
  name: 'US → India: a company committed',
  async play(w) {
    const id = await submitToIndia(w, 13, {
      title: 'Sonobuoy release mechanism forgings',
      programId: 'US-SONOBUOY',
      justification: 'Forged release mechanism parts for the sonobuoy launch containers.',
      requiredInDays: 150,
      items: [{ partNumber: 'SSQ-REL-2', description: 'Release mechanism lever, forged', quantity: 400, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 12);
    await routeTo(w, id, 11, ['BPF']);
    await w.at(7, '07:20');
    await w.step('in.supplier', id, 'commit', { promised_delivery_date: w.dateIn(120), note: 'Bharat Precision Forgings schedules the levers on its press line from next month.' });
  },
};
