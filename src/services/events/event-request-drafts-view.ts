import { stateLabel } from '../../domain/workflows/workflow-engine.js';
import { listDraftRows, listRequestProgressRows } from '../../store/event-requests.repository.js';
import type { AppContext } from '../context.js';
import type { DraftBasis, DraftContent } from './draft-content.js';
import type { ApiSchema } from '../../contract/api-schema.js';

/** A request drafted from the event: the draft while it is one, and the request's progress once submitted (as the event routes declare it). */
export type EventRequestView = ApiSchema<'EventRequest'>;

/** The event's drafts and the requests they became, oldest first. */
export async function listEventRequests(ctx: AppContext, eventId: string): Promise<EventRequestView[]> {
  const drafts = await listDraftRows(ctx.store.db, eventId);
  const requests = new Map((await listRequestProgressRows(ctx.store.db, drafts.map((d) => d.request_id).filter((id): id is string => id !== null))).map((r) => [r.id, r]));
  const views: EventRequestView[] = [];
  for (const d of drafts) {
    const r = d.request_id ? requests.get(d.request_id) : undefined;
    let request: EventRequestView['request'] = null;
    if (r) {
      const def = await ctx.workflows.get(r.workflow_id);
      const state = def.states.find((s) => s.id === r.state);
      request = {
        id: r.id,
        reference: r.reference,
        toNation: r.to_nation,
        state: r.state,
        stateLabel: stateLabel(def, r.state),
        terminal: state?.terminal ?? false,
        waitingOn: state?.waitingOn ? (state.waitingOn === 'requesting' ? r.from_nation : r.to_nation) : null,
        nextDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    }
    views.push({ id: d.id, status: d.status === 'submitted' ? 'submitted' : 'draft', content: d.content as DraftContent, basis: d.basis as DraftBasis, version: d.version, updatedAt: d.updated_at.toISOString(), request });
  }
  return views;
}
