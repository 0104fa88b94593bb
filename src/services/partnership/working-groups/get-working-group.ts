import { borderWorkingGroup } from '../../../domain/access/border/index.js';
import type { Actor } from '../../../domain/access/actor.js';
import { loadGroupDetail } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { presentGroup, presentSharedItem } from './present-working-group.js';
import { loadGroup } from './working-group-access.js';

/**
 * A group's page: members, meetings with attendance, action items; 404 for one the actor may not
 * see. Its record is the border's (border/working-group.ts), the one both nations read and the one
 * a peer's instance is sent, so a copy held there reads as the group does here; only which member
 * is which local account, and what the reader may do, are this instance's.
 */
export async function getWorkingGroup(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.store.db;
  const { group, nations, member } = await loadGroup(db, actor, id);
  const detail = await loadGroupDetail(db, id);
  const shared = borderWorkingGroup({ group, ...detail });
  const now = ctx.now();
  const names = new Map(shared.members.map((m) => [m.id, m.name]));
  const accounts = new Map(detail.members.map((m) => [m.id, m.user_id]));
  return {
    ...presentGroup(group, nations),
    // A copy of a peer's group is changed on the instance that holds it (issue #13).
    canEdit: actor.roles.includes('sosa_officer') && group.held_by === null,
    youAreMember: member,
    members: shared.members.map((m) => {
      const userId = accounts.get(m.id) ?? null;
      return { id: m.id, nation: m.nation, userId, name: m.name, organisation: m.organisation, email: m.email, chair: m.chair, external: userId === null };
    }),
    meetings: shared.meetings.map((m) => ({ ...m, attendance: m.attendance.map((a) => ({ memberId: a.memberId, name: names.get(a.memberId) ?? '', present: a.present })) })),
    actionItems: shared.actionItems.map((i) => presentSharedItem(i, group.id, names.get(i.ownerMemberId) ?? '', now)),
  };
}
