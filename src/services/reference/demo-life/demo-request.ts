import type { NewRequestInput } from '../../requests/create-request.js';
import type { DemoWorld } from './demo-world.js';

/** What a demo request asks for; its required date is counted from the day it is submitted. */
export interface DemoRequest<Program extends string> {
  title: string;
  programId: Program;
  justification: string;
  /** Days from submission to the required date. */
  requiredInDays: number;
  items: Array<{ partNumber: string; nsn?: string; description: string; quantity: number; unit: string }>;
}

/** `username` submits the request to `toNation` now (the story has set the clock); every item is required by the request's date. */
export async function submitDemoRequest(w: DemoWorld, username: string, toNation: 'US' | 'IN', r: DemoRequest<string>): Promise<{ id: string; requiredBy: string }> {
  const requiredBy = w.dateIn(r.requiredInDays);
  const input: NewRequestInput = {
    toNation,
    title: r.title,
    programId: r.programId,
    justification: r.justification,
    urgency: 'routine',
    classification: 'UNCLASSIFIED',
    requiredBy,
    items: r.items.map((i) => ({ ...i, requiredDeliveryDate: requiredBy })),
  };
  return { id: await w.submit(username, input), requiredBy };
}
