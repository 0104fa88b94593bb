import type { Actor } from '../../domain/access/actor.js';
import { todayIn } from '../calendars/today-in.js';
import type { AppContext } from '../context.js';
import { loadPostingViews, postingNotFound, seesPosting, UUID, type PostingView } from './postings.repository.js';

export async function getPosting(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<PostingView> {
  if (!UUID.test(id)) throw postingNotFound(id);
  const row = await ctx.store.db.selectFrom('liaison_postings').select(['id', 'sending_nation', 'host_nation']).where('id', '=', id).executeTakeFirst();
  if (!row || !seesPosting(actor, row)) throw postingNotFound(id);
  const [view] = await loadPostingViews(ctx.store.db, actor, [id], await todayIn(ctx, actor.nation));
  return view!;
}
