import { borderWorkingGroup } from '../../../domain/access/border/index.js';
import type { Actor } from '../../../domain/access/actor.js';
import { listChangesSent, loadGroupDetail } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { presentGroup, presentSharedItem } from './present-working-group.js';
import { loadGroup } from './working-group-access.js';
import { holderReachable } from './send-working-group-change.js';

/**
 * A group's page: members, meetings with attendance, action items; 404 for one the actor may not
 * see. Its record is the border's (border/working-group.ts), the one both nations read and the one
 * a peer's instance is sent, so a copy held there reads as the group does here; only which member
 * is which local account, and what the reader may do, are this instance's.
 */
export async function getWorkingGroup(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.store.db;
  const { group, nations, member } = await loadGroup(db, actor, id);
  const [detail, sent, reachable] = await Promise.all([loadGroupDetail(db, id), group.held_by !== null ? listChangesSent(db, id) : [], group.held_by !== null && holderReachable(db, group)]);
  const shared = borderWorkingGroup({ group, ...detail });
  const now = ctx.now();
  const names = new Map(shared.members.map((m) => [m.id, m.name]));
  const accounts = new Map(detail.members.map((m) => [m.id, m.user_id]));
  return {
    ...presentGroup(group, nations),
    // A copy of a peer's group is changed on the instance that holds it: a change made here is sent
    // there while it is a peer (issue #13), and listed as sent until its answer replaces the copy.
    canEdit: actor.roles.includes('sosa_officer') && (group.held_by === null || reachable),
    heldBy: group.held_by,
    changesSent: sent.map((c) => ({
      messageId: c.message_id,
      change: c.kind,
      summary: c.summary,
      sentAt: c.sent_at.toISOString(),
      sentBy: c.display_name,
      delivery: c.state,
      refusalReason: c.refusal_reason,
    })),
    youAreMember: member,
    members: shared.members.map((m) => {
      const userId = accounts.get(m.id) ?? null;
      return { id: m.id, nation: m.nation, userId, name: m.name, organisation: m.organisation, email: m.email, chair: m.chair, external: userId === null };
    }),
    meetings: shared.meetings.map((m) => ({ ...m, attendance: m.attendance.map((a) => ({ memberId: a.memberId, name: names.get(a.memberId) ?? '', present: a.present })) })),
    actionItems: shared.actionItems.map((i) => presentSharedItem(i, group.id, names.get(i.ownerMemberId) ?? '', now)),
  };
}
