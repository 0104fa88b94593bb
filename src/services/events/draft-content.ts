import type { Urgency } from '../../domain/workflows/workflow-definition.js';
import type { LineItemInput } from '../../domain/requests/line-items.js';
import type { CLASSIFICATIONS } from '../requests/create-request.js';
import type { ApiSchema } from '../../contract/api-schema.js';

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

/** How a draft was computed from the event's impact (shown to the officer, never sent to the partner): what the route declares (events.schema.ts), written once (issue #12). */
export type DraftBasis = NonNullable<ApiSchema<'EventRequest'>['basis']>;
