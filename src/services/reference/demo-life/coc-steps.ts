import { submitDemoRequest, type DemoRequest } from './demo-request.js';
import type { DemoWorld } from './demo-world.js';

// The steps of a US → India Code of Conduct request: the US SOSA office submits in its afternoon,
// India's SOSA cell and the companies answer in their morning.

export type CocRequest = DemoRequest<'US-SONOBUOY' | 'US-155MM' | 'US-JAVELIN'>;

export async function submitToIndia(w: DemoWorld, workingDaysAgo: number, r: CocRequest): Promise<string> {
  await w.at(workingDaysAgo, '16:40');
  return (await submitDemoRequest(w, 'us.sosa', 'IN', r)).id;
}

export async function acknowledgeInIndia(w: DemoWorld, id: string, workingDaysAgo: number): Promise<void> {
  await w.at(workingDaysAgo, '05:00');
  await w.step('in.sosa', id, 'acknowledge', { note: 'Received by the SOSA cell; looking for Code of Conduct companies with the capability.' });
}

export async function routeTo(w: DemoWorld, id: string, workingDaysAgo: number, companies: string[]): Promise<void> {
  await w.at(workingDaysAgo, '06:30');
  await w.step('in.sosa', id, 'route_to_companies', { companies: companies.map((c) => w.company(c)) });
}
