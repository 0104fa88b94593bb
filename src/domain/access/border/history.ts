import type { WorkflowDefinition } from '../../workflows/workflow-definition.js';
import { knowsCompany, mayRead, type BorderReader, type Origin, type RequestFacts } from './request.js';

/**
 * A request's history as one reader may see it: the steps whose origin crosses to the reader
 * (request.ts), the step fields merged from those steps only, the companies those steps name,
 * and which step stopped each deadline. A step taken by a company, or an official's step that
 * names a company (a rated order placed with it, a routing), is on that company's line: a
 * company sees its own line only, and the requesting nation only the performing company's — so
 * a rejected supplier's order number, name and reasons reach neither the next supplier nor the
 * requesting nation, and a company that declined reads nothing of the one that committed.
 */
export interface HistoryEventFacts {
  at: Date;
  action: string;
  actorNation: string;
  /** The acting user's company, when a company took the step. */
  actorCompany: string | null;
  fields: Record<string, unknown>;
  visibility: 'shared' | 'internal';
}

/** The companies a step's fields name, by the workflow's field types. */
export function companiesNamedBy(def: WorkflowDefinition, event: Pick<HistoryEventFacts, 'action' | 'fields'>): string[] {
  const spec = def.transitions.find((t) => t.action === event.action);
  const ids: string[] = [];
  for (const field of spec?.fields ?? []) {
    const value = event.fields[field.name];
    if (field.type === 'company' && typeof value === 'string') ids.push(value);
    if (field.type === 'companies' && Array.isArray(value)) for (const v of value) if (typeof v === 'string') ids.push(v);
  }
  return ids;
}

export function eventOrigin(def: WorkflowDefinition, event: HistoryEventFacts): Origin {
  const companies = new Set(companiesNamedBy(def, event));
  if (event.actorCompany) companies.add(event.actorCompany);
  return { nation: event.actorNation, visibility: event.visibility, companies: [...companies] };
}

export interface ProjectedHistory<E> {
  events: E[];
  /** The step fields as the request row merges them (shared steps, in order), from the visible steps only. */
  fields: Record<string, unknown>;
  /** Companies the visible steps name, each one the reader may know. */
  companyIds: string[];
}

export function projectHistory<E extends HistoryEventFacts>(reader: BorderReader, request: RequestFacts, def: WorkflowDefinition, events: readonly E[]): ProjectedHistory<E> {
  const visible = events.filter((e) => mayRead(reader, request, eventOrigin(def, e)));
  const fields: Record<string, unknown> = {};
  for (const e of visible) {
    if (e.visibility !== 'shared') continue;
    // Corrected line items live in request_items; the step keeps them before and after, for the history only.
    const itemFields = new Set(def.transitions.find((t) => t.action === e.action)?.fields.filter((f) => f.type === 'line_items').map((f) => f.name));
    for (const [name, value] of Object.entries(e.fields)) if (!itemFields.has(name)) fields[name] = value;
  }
  const companyIds = [...new Set(visible.flatMap((e) => companiesNamedBy(def, e)))].filter((id) => knowsCompany(reader, request, id));
  return { events: visible, fields, companyIds };
}

/**
 * Which step stopped a deadline, for a reader who sees `visibleEvents`: the step is named only
 * if the reader sees it (a deadline stopped by an internal routing or by another company's
 * refusal shows only that it stopped).
 */
export function stoppedByFor(deadline: { stoppedAt: Date | null; stoppedBy: string | null }, visibleEvents: readonly Pick<HistoryEventFacts, 'at' | 'action'>[]): string | null {
  const { stoppedAt, stoppedBy } = deadline;
  if (!stoppedAt || !stoppedBy) return null;
  return visibleEvents.some((e) => e.action === stoppedBy && e.at.getTime() === stoppedAt.getTime()) ? stoppedBy : null;
}
