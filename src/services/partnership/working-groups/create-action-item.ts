import { computeActionItemDue } from '../../../domain/partnership/action-item-due.js';
import { validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { findMeeting, findMember, insertActionItem, type WorkingGroupMeetingRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { notifyActionItem } from '../../notifications/notify-workflow-step.js';
import { isUuid } from '../partnership-access.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';

/** An action item with an owner (a member) and a due date in the owner's nation's working days (dpas-sosa.md §10). */
export async function createActionItem(ctx: AppContext, actor: Actor, groupId: string, input: { title: string; ownerMemberId?: string | undefined; meetingId?: string | undefined; dueInWorkingDays?: number | undefined; dueDate?: string | undefined }) {
  // An action item without an owner is no action item (the API answers 422).
  if (!input.ownerMemberId) throw validationError([{ field: 'ownerMemberId', message: 'an action item needs an owner: a member of the group' }]);
  if ((input.dueInWorkingDays === undefined) === (input.dueDate === undefined)) {
    throw validationError([{ field: 'dueDate', message: 'give either dueDate or dueInWorkingDays (from the meeting), not both' }]);
  }
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    const owner = isUuid(input.ownerMemberId!) ? await findMember(trx, group.id, input.ownerMemberId!) : undefined;
    if (!owner) throw validationError([{ field: 'ownerMemberId', message: 'is not a member of this working group' }]);
    let meeting: WorkingGroupMeetingRow | undefined;
    if (input.meetingId) {
      meeting = isUuid(input.meetingId) ? await findMeeting(trx, group.id, input.meetingId) : undefined;
      if (!meeting) throw validationError([{ field: 'meetingId', message: 'is not a meeting of this working group' }]);
    }
    if (input.dueInWorkingDays !== undefined && !meeting) throw validationError([{ field: 'meetingId', message: 'counting working days from the meeting needs the meeting' }]);
    const calendar = await ctx.calendars.get(owner.nation, trx);
    const due = computeActionItemDue(calendar, input.dueInWorkingDays !== undefined ? { kind: 'working_days', workingDays: input.dueInWorkingDays, meetingStartsAt: meeting!.starts_at } : { kind: 'date', date: input.dueDate! });
    const now = ctx.now();
    const row = await insertActionItem(trx, { group_id: group.id, meeting_id: meeting?.id ?? null, title: input.title, owner_member_id: owner.id, owner_nation: owner.nation, due_date: due.dueDate, due_at: due.dueAt, due_basis: JSON.stringify(due.basis), closed_at: null, overdue_at: null, escalated_to: null, created_by: actor.userId, created_at: now, updated_at: now });
    await auditAs(trx, actor, { parties: nations, action: 'action_item.create', entityType: 'working_group', entityId: group.id, data: { item: row.id, title: row.title, owner: owner.id, ownerNation: owner.nation, dueDate: due.dueDate, dueAt: due.dueAt.toISOString() } });
    await notifyActionItem(ctx, trx, { item: row, kind: 'assigned', actor, at: now });
    await groupChanged(ctx, trx, group.id);
    return row;
  });
}
