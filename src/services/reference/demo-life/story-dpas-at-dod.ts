import type { DemoStory } from './demo-world.js';
import { acknowledge, forwardToDod, submitToUs } from './dpas-steps.js';

/** India → US at DoD for the program determination, within its ten working days. */
export const dpasAtDod: DemoStory = {
  name: 'India → US: a request at DoD for the program determination',
  async play(w) {
    const { id } = await submitToUs(w, 8, {
      title: 'F414 compressor discs, forged',
      programId: 'IN-LCA-MK2-ENGINE',
      justification: 'Forged HPC discs for the F414-INS6 line at HAL Bengaluru; the forging house gives priority to rated orders.',
      requiredInDays: 240,
      items: [{ partNumber: 'F414-HPC-DISC-3', nsn: '2840-01-501-7731', description: 'High-pressure compressor disc, stage 3, forged', quantity: 24, unit: 'EA' }],
    });
    await acknowledge(w, id, 7);
    await forwardToDod(w, id, 5);
  },
};
