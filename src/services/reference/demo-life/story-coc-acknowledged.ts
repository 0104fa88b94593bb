import type { DemoStory } from './demo-world.js';
import { acknowledgeInIndia, submitToIndia } from './coc-steps.js';

/** US → India, acknowledged: India's SOSA cell looks for Code of Conduct companies. */
export const cocAcknowledged: DemoStory = {
  name: 'US → India: a request acknowledged by India’s SOSA cell',
  async play(w) {
    const id = await submitToIndia(w, 4, {
      title: '155 mm shell body forgings',
      programId: 'US-155MM',
      justification: 'Shell body forgings to bridge the ramp-up of the US forge lines.',
      requiredInDays: 240,
      items: [{ partNumber: 'M795-BODY-F', nsn: '1320-01-564-7782', description: 'M795 projectile body forging, unmachined', quantity: 5000, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 3);
  },
};
