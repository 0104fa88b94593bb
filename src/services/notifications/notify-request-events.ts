import { readBasis } from '../../domain/access/request-visibility.js';
import type { Tx } from '../../store/executor.js';
import { findRequestToNotify } from '../../store/notifications.repository.js';
import { listActiveUsersWithRole } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { loadAssignments } from '../requests/load-request.js';
import { notifyUsers } from './notify.js';

/**
 * Tells the users a deadline escalates to — those of the deciding nation holding the role named
 * by the deadline rule, and who may read the request — that it is overdue. Called once per new
 * escalation, in the escalation's transaction (so it is as idempotent as the escalation itself).
 */
export async function notifyEscalation(ctx: AppContext, trx: Tx, deadline: { id: string; request_id: string; label: string; nation: string; due_at: Date }, role: string): Promise<void> {
  const request = await findRequestToNotify(trx, deadline.request_id);
  const assignments = await loadAssignments(trx, request.id);
  const users = await listActiveUsersWithRole(trx, deadline.nation, role);
  const parties = { fromNation: request.from_nation, toNation: request.to_nation, arrangementId: request.arrangement_id };
  const readers = users.filter((u) => readBasis({ userId: u.id, username: u.username, nation: u.nation, organisationId: u.organisation_id, roles: u.roles as never }, parties, assignments) !== null);
  await notifyUsers(ctx, trx, readers.map((u) => u.id), {
    kind: 'deadline_escalated',
    title: `Overdue: ${deadline.label} on ${request.reference}`,
    body: `${request.title}\nThe deadline was due ${deadline.due_at.toISOString().replace('T', ' ').slice(0, 16)} UTC and has been escalated to you.`,
    link: `/requests/${request.id}`,
    subjectKind: 'request',
    subjectId: request.id,
    eventKey: `escalated:${deadline.id}`,
  });
}
