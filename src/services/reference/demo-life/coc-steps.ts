import type { DemoWorld } from './demo-world.js';

// The steps of a US → India Code of Conduct request: the US SOSA office submits in its afternoon,
// India's SOSA cell and the companies answer in their morning.

export interface CocRequest {
  title: string;
  programId: 'US-SONOBUOY' | 'US-155MM' | 'US-JAVELIN';
  justification: string;
  requiredInDays: number;
  items: Array<{ partNumber: string; nsn?: string; description: string; quantity: number; unit: string }>;
}

export async function submitToIndia(w: DemoWorld, workingDaysAgo: number, r: CocRequest): Promise<string> {
  await w.at(workingDaysAgo, '16:40');
  const requiredBy = w.dateIn(r.requiredInDays);
  return w.submit('us.sosa', {
    toNation: 'IN',
    title: r.title,
    programId: r.programId,
    justification: r.justification,
    urgency: 'routine',
    classification: 'UNCLASSIFIED',
    requiredBy,
    items: r.items.map((i) => ({ ...i, requiredDeliveryDate: requiredBy })),
  });
}

export async function acknowledgeInIndia(w: DemoWorld, id: string, workingDaysAgo: number): Promise<void> {
  await w.at(workingDaysAgo, '05:00');
  await w.step('in.sosa', id, 'acknowledge', { note: 'Received by the SOSA cell; looking for Code of Conduct companies with the capability.' });
}

export async function routeTo(w: DemoWorld, id: string, workingDaysAgo: number, companies: string[]): Promise<void> {
  await w.at(workingDaysAgo, '06:30');
  await w.step('in.sosa', id, 'route_to_companies', { companies: companies.map((c) => w.company(c)) });
}
