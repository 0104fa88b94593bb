import type { Actor } from '../../../domain/access/actor.js';
import { listVisibleActionItems } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { presentItem } from './present-working-group.js';
import { viewerOf } from './working-group-access.js';

/** Action items of every group the actor sees (the export and the "my items" view). */
export async function listActionItems(ctx: AppContext, actor: Actor, query: { status?: string | undefined; overdue?: boolean | undefined; q?: string | undefined }) {
  const now = ctx.now();
  const rows = await listVisibleActionItems(ctx.store.db, viewerOf(actor), { status: query.status as 'open' | undefined, overdueAt: query.overdue ? now : undefined, q: query.q });
  return rows.map((r) => presentItem(r, now));
}
