import { isTimeZone } from '../../../domain/partnership/action-item-due.js';
import { validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import type { Tx } from '../../../store/executor.js';
import { insertMeeting, type WorkingGroupMeetingRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';
import { answersOf, auditGroupChange, type GroupChangeBy, type GroupInHand } from './group-change-by.js';
import { sendWorkingGroupChange, type ChangeSent } from './send-working-group-change.js';

export interface NewMeetingInput {
  title: string;
  startsAt: string;
  timeZone: string;
  location?: string | undefined;
  agenda?: string | undefined;
}

export async function createMeeting(ctx: AppContext, actor: Actor, groupId: string, input: NewMeetingInput): Promise<WorkingGroupMeetingRow | ChangeSent> {
  if (!isTimeZone(input.timeZone)) throw validationError([{ field: 'timeZone', message: 'is not an IANA time zone such as Asia/Kolkata' }]);
  return ctx.store.db.transaction().execute(async (trx) => {
    const held = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    if (held.group.held_by !== null) {
      const change = { kind: 'create_meeting' as const, title: input.title, startsAt: new Date(input.startsAt).toISOString(), timeZone: input.timeZone, location: input.location ?? '', agenda: input.agenda ?? '' };
      return sendWorkingGroupChange(ctx, trx, actor, held, change, `Schedule the meeting “${input.title}”`);
    }
    return applyCreateMeeting(ctx, trx, held, { kind: 'user', actor }, input);
  });
}

/** Schedules the meeting, counts the change and audits it: for a change made here, and one the peer's official made (issue #13). */
export async function applyCreateMeeting(ctx: AppContext, trx: Tx, { group, nations }: GroupInHand, by: GroupChangeBy, input: NewMeetingInput): Promise<WorkingGroupMeetingRow> {
  if (!isTimeZone(input.timeZone)) throw validationError([{ field: 'timeZone', message: 'is not an IANA time zone such as Asia/Kolkata' }]);
  const now = ctx.now();
  const row = await insertMeeting(trx, { group_id: group.id, title: input.title, starts_at: new Date(input.startsAt), time_zone: input.timeZone, location: input.location ?? '', agenda: input.agenda ?? '', minutes: '', created_at: now, updated_at: now });
  await groupChanged(ctx, trx, group.id, answersOf(by));
  await auditGroupChange(ctx, trx, by, { parties: nations, action: 'working_group.meeting_create', entityType: 'working_group', entityId: group.id, data: { meeting: row.id, title: row.title, startsAt: row.starts_at.toISOString(), timeZone: row.time_zone } });
  return row;
}
