import type { DemoStory } from './demo-world.js';
import { submitToIndia } from './coc-steps.js';

/** US → India, just submitted: India's SOSA cell has it to acknowledge. */
export const cocSubmitted: DemoStory = {
  name: 'US → India: a request just submitted',
  async play(w) {
    await submitToIndia(w, 1, {
      title: 'Javelin command launch unit circuit boards',
      programId: 'US-JAVELIN',
      justification: 'Populated boards for the command launch unit; the Indian source is the only one qualified to the current revision.',
      requiredInDays: 180,
      items: [{ partNumber: 'CLU-PCB-113', description: 'Populated signal processing board, rev. F', quantity: 150, unit: 'EA' }],
    });
  },
};
