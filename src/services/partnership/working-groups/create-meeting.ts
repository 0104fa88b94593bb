import { isTimeZone } from '../../../domain/partnership/action-item-due.js';
import { validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { insertMeeting } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';

export async function createMeeting(ctx: AppContext, actor: Actor, groupId: string, input: { title: string; startsAt: string; timeZone: string; location?: string | undefined; agenda?: string | undefined }) {
  if (!isTimeZone(input.timeZone)) throw validationError([{ field: 'timeZone', message: 'is not an IANA time zone such as Asia/Kolkata' }]);
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    const now = ctx.now();
    const row = await insertMeeting(trx, { group_id: group.id, title: input.title, starts_at: new Date(input.startsAt), time_zone: input.timeZone, location: input.location ?? '', agenda: input.agenda ?? '', minutes: '', created_at: now, updated_at: now });
    await groupChanged(ctx, trx, group.id);
    await auditAs(trx, actor, { parties: nations, action: 'working_group.meeting_create', entityType: 'working_group', entityId: group.id, data: { meeting: row.id, title: row.title, startsAt: row.starts_at.toISOString(), timeZone: row.time_zone } });
    return row;
  });
}
