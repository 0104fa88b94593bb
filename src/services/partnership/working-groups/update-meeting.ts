import { validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { findMeeting, listMemberIds, updateMeetingRow, upsertAttendance } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { isUuid, notFound } from '../partnership-access.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';

/** Agenda, minutes and who attended (members of the group only). */
export async function updateMeeting(ctx: AppContext, actor: Actor, groupId: string, meetingId: string, input: { agenda?: string | undefined; minutes?: string | undefined; attendance?: Array<{ memberId: string; present: boolean }> | undefined }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    const meeting = isUuid(meetingId) ? await findMeeting(trx, group.id, meetingId) : undefined;
    if (!meeting) throw notFound('meeting', meetingId);
    const set: Partial<{ agenda: string; minutes: string }> = {};
    if (input.agenda !== undefined) set.agenda = input.agenda;
    if (input.minutes !== undefined) set.minutes = input.minutes;
    await updateMeetingRow(trx, meeting.id, { ...set, updated_at: ctx.now() });
    if (input.attendance?.length) {
      const memberIds = await listMemberIds(trx, group.id);
      const bad = input.attendance.findIndex((a) => !memberIds.has(a.memberId));
      if (bad >= 0) throw validationError([{ field: `attendance/${bad}/memberId`, message: 'is not a member of this working group' }]);
      for (const a of input.attendance) await upsertAttendance(trx, meeting.id, a.memberId, a.present);
    }
    await groupChanged(ctx, trx, group.id);
    await auditAs(trx, actor, { parties: nations, action: 'working_group.meeting_update', entityType: 'working_group', entityId: group.id, data: { meeting: meeting.id, changed: Object.keys(set), attendance: input.attendance ?? [] } });
  });
}
