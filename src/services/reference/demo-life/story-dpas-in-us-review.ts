import { addComment } from '../../requests/add-comment.js';
import type { DemoStory } from './demo-world.js';
import { acknowledge, submitToUs } from './dpas-steps.js';

/** India → US, in US SOSA review (to forward to DoD), with a question and its answer in the comments. */
export const dpasInUsReview: DemoStory = {
  name: 'India → US: a request in US SOSA review',
  async play(w) {
    const { id } = await submitToUs(w, 4, {
      title: 'MQ-9B SATCOM antenna assemblies for the second squadron',
      programId: 'IN-MQ9B',
      justification: 'Antenna assemblies for the aircraft of the second MQ-9B squadron; the only qualified source is in the US and quotes 30 weeks.',
      requiredInDays: 210,
      items: [{ partNumber: 'MQ9-SAT-ANT-22', nsn: '5985-01-688-4410', description: 'Ku-band SATCOM antenna assembly', quantity: 8, unit: 'EA' }],
    });
    await acknowledge(w, id, 3);
    await w.at(2, '15:45');
    await addComment(w.ctx, w.actor('us.sosa'), id, { body: 'Checking with the prime whether the antenna is already on a rated order; @in.sosa please confirm the aircraft serials.', visibility: 'shared' });
    await w.at(1, '06:10');
    await addComment(w.ctx, w.actor('in.sosa'), id, { body: 'Serials 2 to 9 of the second squadron; the delivery plan is attached to the contract notice.', visibility: 'shared' });
  },
};
