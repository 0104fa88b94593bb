import { isActionItemOverdue } from '../../../domain/partnership/action-item-due.js';
import type { BorderWorkingGroup } from '../../../domain/access/border/index.js';
import type { ActionItemRow, WorkingGroupRow } from '../../../store/working-groups.repository.js';

export function presentItem(i: ActionItemRow & { owner_name?: string; group_name?: string }, now: Date) {
  return {
    id: i.id,
    groupId: i.group_id,
    ...(i.group_name !== undefined ? { groupName: i.group_name } : {}),
    meetingId: i.meeting_id,
    title: i.title,
    ownerMemberId: i.owner_member_id,
    ...(i.owner_name !== undefined ? { ownerName: i.owner_name } : {}),
    ownerNation: i.owner_nation,
    dueDate: i.due_date,
    dueAt: i.due_at.toISOString(),
    dueBasis: i.due_basis,
    status: i.status,
    overdue: isActionItemOverdue({ status: i.status, dueAt: i.due_at }, now),
    escalatedAt: i.overdue_at?.toISOString() ?? null,
    escalatedTo: i.escalated_to,
  };
}

export function presentGroup(g: WorkingGroupRow, nations: readonly string[]) {
  return { id: g.id, arrangementId: g.arrangement_id, nations, name: g.name, purpose: g.purpose, programId: g.program_id, status: g.status, createdAt: g.created_at.toISOString() };
}

/** An action item of the border's record of the group (border/working-group.ts), as `presentItem` shows one. */
export function presentSharedItem(i: BorderWorkingGroup['actionItems'][number], groupId: string, ownerName: string, now: Date) {
  return {
    id: i.id,
    groupId,
    meetingId: i.meetingId,
    title: i.title,
    ownerMemberId: i.ownerMemberId,
    ownerName,
    ownerNation: i.ownerNation,
    dueDate: i.dueDate,
    dueAt: i.dueAt,
    dueBasis: i.dueBasis,
    status: i.status,
    overdue: isActionItemOverdue({ status: i.status, dueAt: new Date(i.dueAt) }, now),
    escalatedAt: i.escalatedAt,
    escalatedTo: i.escalatedTo,
  };
}
