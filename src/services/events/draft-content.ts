import type { Urgency } from '../../domain/workflows/workflow-definition.js';
import type { LineItemInput } from '../../domain/requests/line-items.js';
import type { CLASSIFICATIONS } from '../requests/create-request.js';

/** A drafted request as the officer edits it: a new request's fields, the partner and program possibly still to choose. */
export interface DraftContent {
  toNation: string | null;
  title: string;
  programId: string | null;
  justification: string;
  urgency: Urgency;
  classification: (typeof CLASSIFICATIONS)[number];
  requiredBy: string;
  items: LineItemInput[];
}

/** How a draft was computed from the event's impact (shown to the officer, never sent to the partner). */
export interface DraftBasis {
  networkId: string;
  networkName: string;
  program: string;
  daysUntilOutputStops: number;
  outputStopsOn: string;
  durationDays: number;
  lostUnits: number;
  lines: Array<{ part: string; quantity: number; exactNeed: number; endItems: Array<{ nodeId: string; part: string; lostUnits: number; needPerUnit: number }>; causeNodes: string[] }>;
}
