import type { Actor } from '../../../domain/access/actor.js';
import { loadGroupDetail } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { presentGroup, presentItem } from './present-working-group.js';
import { loadGroup } from './working-group-access.js';

/** A group's page: members, meetings with attendance, action items; 404 for one the actor may not see. */
export async function getWorkingGroup(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.store.db;
  const { group, nations, member } = await loadGroup(db, actor, id);
  const { members, meetings, items, attendance } = await loadGroupDetail(db, id);
  const now = ctx.now();
  const names = new Map(members.map((m) => [m.id, m.name]));
  return {
    ...presentGroup(group, nations),
    canEdit: actor.roles.includes('sosa_officer'),
    youAreMember: member,
    members: members.map((m) => ({ id: m.id, nation: m.nation, userId: m.user_id, name: m.name, organisation: m.organisation, email: m.email, chair: m.chair, external: m.user_id === null })),
    meetings: meetings.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.starts_at.toISOString(),
      timeZone: m.time_zone,
      location: m.location,
      agenda: m.agenda,
      minutes: m.minutes,
      attendance: attendance.filter((a) => a.meeting_id === m.id).map((a) => ({ memberId: a.member_id, name: names.get(a.member_id) ?? '', present: a.present })),
    })),
    actionItems: items.map((i) => presentItem({ ...i, owner_name: names.get(i.owner_member_id) ?? '' }, now)),
  };
}
