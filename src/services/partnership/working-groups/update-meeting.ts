import { validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import type { Tx } from '../../../store/executor.js';
import { findMeeting, listMemberIds, updateMeetingRow, upsertAttendance, type WorkingGroupMeetingRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../partnership-access.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';
import { answersOf, auditGroupChange, type GroupChangeBy, type GroupInHand } from './group-change-by.js';
import { sendWorkingGroupChange, type ChangeSent } from './send-working-group-change.js';
import { isUuid } from '../../../domain/uuid.js';

export interface MeetingPatch {
  agenda?: string | undefined;
  minutes?: string | undefined;
  attendance?: Array<{ memberId: string; present: boolean }> | undefined;
}

/** The meeting, and the attendance of members of the group only (on a copy: of its members as the copy has them). */
async function checkMeetingPatch(trx: Tx, groupId: string, meetingId: string, input: MeetingPatch): Promise<WorkingGroupMeetingRow> {
  const meeting = isUuid(meetingId) ? await findMeeting(trx, groupId, meetingId) : undefined;
  if (!meeting) throw notFound('meeting', meetingId);
  if (input.attendance?.length) {
    const memberIds = await listMemberIds(trx, groupId);
    const bad = input.attendance.findIndex((a) => !memberIds.has(a.memberId));
    if (bad >= 0) throw validationError([{ field: `attendance/${bad}/memberId`, message: 'is not a member of this working group' }]);
  }
  return meeting;
}

/** Agenda, minutes and who attended (members of the group only). */
export async function updateMeeting(ctx: AppContext, actor: Actor, groupId: string, meetingId: string, input: MeetingPatch): Promise<ChangeSent | undefined> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const held = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    if (held.group.held_by !== null) {
      const meeting = await checkMeetingPatch(trx, held.group.id, meetingId, input);
      const what = [input.agenda !== undefined ? 'agenda' : '', input.minutes !== undefined ? 'minutes' : '', input.attendance?.length ? 'attendance' : ''].filter(Boolean).join(', ') || 'nothing';
      const change = { kind: 'update_meeting' as const, meetingId: meeting.id, agenda: input.agenda ?? null, minutes: input.minutes ?? null, attendance: input.attendance ?? [] };
      return sendWorkingGroupChange(ctx, trx, actor, held, change, `Record the ${what} of “${meeting.title}”`);
    }
    await applyUpdateMeeting(ctx, trx, held, { kind: 'user', actor }, meetingId, input);
    return undefined;
  });
}

/** Records the meeting's agenda, minutes and attendance, counts the change and audits it: for a change made here, and one the peer's official made (issue #13). */
export async function applyUpdateMeeting(ctx: AppContext, trx: Tx, { group, nations }: GroupInHand, by: GroupChangeBy, meetingId: string, input: MeetingPatch): Promise<void> {
  const meeting = await checkMeetingPatch(trx, group.id, meetingId, input);
  const set: Partial<{ agenda: string; minutes: string }> = {};
  if (input.agenda !== undefined) set.agenda = input.agenda;
  if (input.minutes !== undefined) set.minutes = input.minutes;
  await updateMeetingRow(trx, meeting.id, { ...set, updated_at: ctx.now() });
  for (const a of input.attendance ?? []) await upsertAttendance(trx, meeting.id, a.memberId, a.present);
  await groupChanged(ctx, trx, group.id, answersOf(by));
  await auditGroupChange(ctx, trx, by, { parties: nations, action: 'working_group.meeting_update', entityType: 'working_group', entityId: group.id, data: { meeting: meeting.id, changed: Object.keys(set), attendance: input.attendance ?? [] } });
}
