import { settleEventImpacts } from '../services/events/event-impact-runner.js';
import type { TestApp } from './test-app.js';

/** GET /events/{id} answers at once; the impact is computed in the background: wait for it, read again. */
export async function eventWithImpact(t: TestApp, token: string, id: string) {
  const first = await t.call(token, 'GET', `/events/${id}`);
  if (first.status !== 200 || first.body.impact.status !== 'computing') return first;
  await settleEventImpacts(t.ctx);
  return t.call(token, 'GET', `/events/${id}`);
}
