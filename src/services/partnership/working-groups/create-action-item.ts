import { computeActionItemDue } from '../../../domain/partnership/action-item-due.js';
import { validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import type { Tx } from '../../../store/executor.js';
import { findMeeting, findMember, insertActionItem, type ActionItemRow, type WorkingGroupMeetingRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { notifyActionItem } from '../../notifications/notify-workflow-step.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';
import { answersOf, auditGroupChange, userOf, type GroupChangeBy, type GroupInHand } from './group-change-by.js';
import { sendWorkingGroupChange, type ChangeSent } from './send-working-group-change.js';
import { isUuid } from '../../../domain/uuid.js';

export interface NewActionItemInput {
  title: string;
  ownerMemberId?: string | undefined;
  meetingId?: string | undefined;
  dueInWorkingDays?: number | undefined;
  dueDate?: string | undefined;
}

function checkItemInput(input: NewActionItemInput): void {
  // An action item without an owner is no action item (the API answers 422).
  if (!input.ownerMemberId) throw validationError([{ field: 'ownerMemberId', message: 'an action item needs an owner: a member of the group' }]);
  if ((input.dueInWorkingDays === undefined) === (input.dueDate === undefined)) {
    throw validationError([{ field: 'dueDate', message: 'give either dueDate or dueInWorkingDays (from the meeting), not both' }]);
  }
}

/** The owner (a member of the group) and the meeting the item comes from (on a copy: as the copy has them). */
async function findItemParts(trx: Tx, groupId: string, input: NewActionItemInput) {
  const owner = isUuid(input.ownerMemberId!) ? await findMember(trx, groupId, input.ownerMemberId!) : undefined;
  if (!owner) throw validationError([{ field: 'ownerMemberId', message: 'is not a member of this working group' }]);
  let meeting: WorkingGroupMeetingRow | undefined;
  if (input.meetingId) {
    meeting = isUuid(input.meetingId) ? await findMeeting(trx, groupId, input.meetingId) : undefined;
    if (!meeting) throw validationError([{ field: 'meetingId', message: 'is not a meeting of this working group' }]);
  }
  if (input.dueInWorkingDays !== undefined && !meeting) throw validationError([{ field: 'meetingId', message: 'counting working days from the meeting needs the meeting' }]);
  return { owner, meeting };
}

/** An action item with an owner (a member) and a due date in the owner's nation's working days (dpas-sosa.md §10). */
export async function createActionItem(ctx: AppContext, actor: Actor, groupId: string, input: NewActionItemInput): Promise<ActionItemRow | ChangeSent> {
  checkItemInput(input);
  return ctx.store.db.transaction().execute(async (trx) => {
    const held = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    if (held.group.held_by !== null) {
      const { owner } = await findItemParts(trx, held.group.id, input);
      const change = { kind: 'create_action_item' as const, title: input.title, ownerMemberId: owner.id, meetingId: input.meetingId ?? null, dueInWorkingDays: input.dueInWorkingDays ?? null, dueDate: input.dueDate ?? null };
      return sendWorkingGroupChange(ctx, trx, actor, held, change, `Add the action item “${input.title}” for ${owner.name} (${owner.nation})`);
    }
    return applyCreateActionItem(ctx, trx, held, { kind: 'user', actor }, input);
  });
}

/** Adds the item, with its due date counted here, counts the change and audits it: for a change made here, and one the peer's official made (issue #13). */
export async function applyCreateActionItem(ctx: AppContext, trx: Tx, { group, nations }: GroupInHand, by: GroupChangeBy, input: NewActionItemInput): Promise<ActionItemRow> {
  checkItemInput(input);
  const { owner, meeting } = await findItemParts(trx, group.id, input);
  const calendar = await ctx.calendars.get(owner.nation, trx);
  const due = computeActionItemDue(calendar, input.dueInWorkingDays !== undefined ? { kind: 'working_days', workingDays: input.dueInWorkingDays, meetingStartsAt: meeting!.starts_at } : { kind: 'date', date: input.dueDate! });
  const now = ctx.now();
  const user = userOf(by);
  const row = await insertActionItem(trx, { group_id: group.id, meeting_id: meeting?.id ?? null, title: input.title, owner_member_id: owner.id, owner_nation: owner.nation, due_date: due.dueDate, due_at: due.dueAt, due_basis: JSON.stringify(due.basis), closed_at: null, overdue_at: null, escalated_to: null, created_by: user?.userId ?? null, created_at: now, updated_at: now });
  await auditGroupChange(ctx, trx, by, { parties: nations, action: 'action_item.create', entityType: 'working_group', entityId: group.id, data: { item: row.id, title: row.title, owner: owner.id, ownerNation: owner.nation, dueDate: due.dueDate, dueAt: due.dueAt.toISOString() } });
  await notifyActionItem(ctx, trx, { item: row, kind: 'assigned', actor: user, at: now });
  await groupChanged(ctx, trx, group.id, answersOf(by));
  return row;
}
