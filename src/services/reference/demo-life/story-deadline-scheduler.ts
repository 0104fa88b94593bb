import { escalateOverdueDeadlines } from '../../deadlines/escalate-overdue-deadlines.js';
import type { DemoStory } from './demo-world.js';

/** The server's deadline scheduler, once each working morning of the month: what ran late is escalated when it did. */
export const deadlineScheduler: DemoStory = {
  name: 'Deadline scheduler: overdue steps escalated',
  async play(w) {
    for (let daysAgo = 23; daysAgo >= 1; daysAgo--) {
      await w.at(daysAgo, '03:00');
      await escalateOverdueDeadlines(w.ctx);
    }
  },
};
