import { isCompanyUser } from '../access/request-visibility.js';
import type { Actor } from '../access/actor.js';

/**
 * The audit log at the border (issue #10.8, DESIGN.md sovereignty rule). An event about an object
 * of both nations is read by both nations' auditors; what the other nation's auditor reads of it
 * is projected here, once, so that no internal content of one nation crosses through the audit.
 */

/**
 * Who reads an event about a request: both nations for a shared act of an official; the actor's
 * nation alone for an internal act (an internal note, the shortlist) and for a company's act (what
 * of a company crosses is decided by the request's own border projection, not by the audit).
 */
export function requestEventParties(actor: Pick<Actor, 'nation' | 'roles'>, request: { fromNation: string; toNation: string }, visibility: 'shared' | 'internal'): string[] {
  return jointEventParties(actor, [request.fromNation, request.toNation], visibility);
}

/** The same rule for any record of several nations (a thread, a message in it). */
export function jointEventParties(actor: Pick<Actor, 'nation' | 'roles'>, nations: readonly string[], visibility: 'shared' | 'internal' = 'shared'): string[] {
  if (visibility === 'internal' || isCompanyUser(actor)) return [actor.nation];
  return [...nations];
}

/**
 * Which data fields of an event another nation's auditor reads, by action prefix: 'all' for
 * records both nations read whole (a program and its partners, a working group, a logistics order,
 * a liaison posting), a list of fields otherwise. What is not listed does not cross.
 */
const CROSSING: Array<[prefix: string, fields: 'all' | readonly string[]]> = [
  ['program.', 'all'],
  ['working_group.', 'all'],
  ['action_item.', 'all'],
  ['logistics_order.', 'all'],
  ['liaison.', 'all'],
  // A request step: which step and between which states, never the values written in it (a
  // supplier's reasons, an order number of a replaced order: the request's projection decides those).
  ['request.submit', ['reference', 'toNation', 'urgency', 'items', 'arrangement']],
  ['request.read', ['basis', 'arrangement']],
  ['request.attachment_read', ['basis', 'arrangement', 'attachment']],
  ['request.attach', ['attachment', 'filename', 'size', 'sha256', 'visibility']],
  ['request.comment', ['comment', 'visibility']],
  ['request.', ['reference', 'from', 'to']],
  ['thread.', ['subjectKind', 'subjectId', 'nations', 'message', 'visibility']],
];

export interface AuditEventForBorder {
  nation: string | null;
  action: string;
  data: unknown;
}

/** The event's data as `readerNation`'s auditor may read it. */
export function projectAuditData(event: AuditEventForBorder, readerNation: string): Record<string, unknown> {
  const data = event.data && typeof event.data === 'object' && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : {};
  // Own nation's events, and the instance's own (a login of an unknown name), are read whole.
  if (event.nation === null || event.nation === readerNation) return data;
  const rule = CROSSING.find(([prefix]) => (prefix.endsWith('.') ? event.action.startsWith(prefix) : event.action === prefix))?.[1] ?? [];
  if (rule === 'all') return data;
  return Object.fromEntries(rule.filter((k) => k in data).map((k) => [k, data[k]]));
}
