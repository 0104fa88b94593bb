import type { Actor } from '../../domain/access/actor.js';
import { findPostingNations } from '../../store/liaison.repository.js';
import { todayIn } from '../calendars/today-in.js';
import type { AppContext } from '../context.js';
import { loadPostingViews, postingNotFound, seesPosting, UUID, type PostingView } from './posting-view.js';

export async function getPosting(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<PostingView> {
  if (!UUID.test(id)) throw postingNotFound(id);
  const row = await findPostingNations(ctx.store.db, id);
  if (!row || !seesPosting(actor, row)) throw postingNotFound(id);
  const [view] = await loadPostingViews(ctx.store.db, actor, [id], await todayIn(ctx, actor.nation));
  return view!;
}
