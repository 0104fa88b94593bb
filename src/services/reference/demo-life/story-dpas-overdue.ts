import { createThread } from '../../channels/create-thread.js';
import { postMessage } from '../../channels/post-message.js';
import type { DemoStory } from './demo-world.js';
import { acknowledge, forwardToDod, submitToUs } from './dpas-steps.js';

/**
 * India → US, overdue at DoD: forwarded 17 working days ago, its ten-day determination deadline
 * passed and the deadline scheduler escalated it; the US SOSA office asks DoD in an internal thread.
 */
export const dpasOverdue: DemoStory = {
  name: 'India → US: a request overdue at DoD and escalated',
  async play(w) {
    const { id } = await submitToUs(w, 20, {
      title: 'F414 fuel nozzles for the engine test cell',
      programId: 'IN-LCA-MK2-ENGINE',
      justification: 'Fuel nozzles for the engines of the qualification test campaign; the test cell slot is booked.',
      requiredInDays: 150,
      items: [{ partNumber: 'F414-FN-ASSY', nsn: '2915-01-455-2090', description: 'Fuel nozzle assembly', quantity: 36, unit: 'EA' }],
    });
    await acknowledge(w, id, 19);
    await forwardToDod(w, id, 18);
    // The deadline scheduler marks it overdue and escalates (see the daily scheduler story).
    await w.at(5, '14:30');
    const thread = await createThread(w.ctx, w.actor('us.sosa'), {
      subjectKind: 'request',
      subjectId: id,
      title: 'Fuel nozzles: determination overdue',
      scope: 'internal',
      message: { body: '@us.dod the determination on the fuel nozzles is overdue and India has asked twice. Is anything missing from the file?', visibility: 'internal' },
    });
    await w.at(4, '15:10');
    await postMessage(w.ctx, w.actor('us.dod'), thread, { body: 'Waiting on the program office to confirm the F414-INS6 line is in the approved program list; expect it this week.', visibility: 'internal' });
    await w.at(3, '05:40');
    const shared = await createThread(w.ctx, w.actor('in.sosa'), {
      subjectKind: 'request',
      subjectId: id,
      title: 'Fuel nozzles: test cell slot at risk',
      scope: 'arrangement',
      message: { body: '@us.sosa the engine test cell slot is in eleven weeks; without the nozzles it moves to next year. Can the determination be expedited?', visibility: 'shared' },
    });
    await w.at(3, '14:20');
    await postMessage(w.ctx, w.actor('us.sosa'), shared, { body: 'Escalated within DoD; we will tell you as soon as it is made.', visibility: 'shared' });
  },
};
