import type { Actor } from '../../../domain/access/actor.js';
import { listVisibleGroups, loadGroupSummaries } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { presentGroup } from './present-working-group.js';
import { viewerOf } from './working-group-access.js';

/** The groups the actor sees, each with its chairs, member count, open and overdue items, next and last meeting. */
export async function listWorkingGroups(ctx: AppContext, actor: Actor, query: { q?: string | undefined; status?: string | undefined; overdue?: boolean | undefined }) {
  const db = ctx.store.db;
  const rows = await listVisibleGroups(db, viewerOf(actor), { q: query.q, status: query.status as 'active' | 'closed' | undefined });
  if (rows.length === 0) return [];
  const now = ctx.now();
  const { members, openItems, meetings } = await loadGroupSummaries(db, rows.map((r) => r.id));
  const out = rows.map(({ nation_a, nation_b, ...g }) => {
    const open = openItems.filter((i) => i.group_id === g.id);
    const times = meetings.filter((m) => m.group_id === g.id).map((m) => m.starts_at.getTime());
    const upcoming = times.filter((t) => t >= now.getTime()).sort((a, b) => a - b)[0];
    const last = times.filter((t) => t < now.getTime()).sort((a, b) => b - a)[0];
    return {
      ...presentGroup(g, [nation_a, nation_b]),
      chairs: members.filter((m) => m.group_id === g.id && m.chair).map((m) => `${m.name} (${m.nation})`),
      memberCount: members.filter((m) => m.group_id === g.id).length,
      openItems: open.length,
      overdueItems: open.filter((i) => i.due_at.getTime() <= now.getTime()).length,
      nextMeeting: upcoming ? new Date(upcoming).toISOString() : null,
      lastMeeting: last ? new Date(last).toISOString() : null,
    };
  });
  return query.overdue ? out.filter((g) => g.overdueItems > 0) : out;
}
