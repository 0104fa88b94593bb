import type { DemoRequest } from './demo-request.js';
import type { DemoStory } from './demo-world.js';
import { requestStory, type RequestStory, type StoryStep } from './request-story.js';

// The steps of a US → India Code of Conduct request: the US SOSA office submits in its afternoon,
// India's SOSA cell and the companies answer in their morning.

export type CocRequest = DemoRequest<'US-SONOBUOY' | 'US-155MM' | 'US-JAVELIN'>;

export function cocStory(story: RequestStory<CocRequest>): DemoStory {
  return requestStory({ submitter: 'us.sosa', toNation: 'IN', submitsAt: '16:40' }, story);
}

export function acknowledgeInIndia(workingDaysAgo: number): StoryStep {
  return { at: [workingDaysAgo, '05:00'], by: 'in.sosa', action: 'acknowledge', fields: { note: 'Received by the SOSA cell; looking for Code of Conduct companies with the capability.' } };
}

export function routeTo(workingDaysAgo: number, companies: string[]): StoryStep {
  return { at: [workingDaysAgo, '06:30'], by: 'in.sosa', action: 'route_to_companies', fields: (w) => ({ companies: companies.map((c) => w.company(c)) }) };
}
