import type { Actor } from '../../domain/access/actor.js';
import { findPostingNations } from '../../store/liaison.repository.js';
import { todayIn } from '../calendars/today-in.js';
import type { AppContext } from '../context.js';
import { loadPostingViews, postingNotFound, seesPosting, type PostingView } from './posting-view.js';
import { isUuid } from '../../domain/uuid.js';

export async function getPosting(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<PostingView> {
  if (!isUuid(id)) throw postingNotFound(id);
  const row = await findPostingNations(ctx.store.db, id);
  if (!row || !seesPosting(actor, row)) throw postingNotFound(id);
  const [view] = await loadPostingViews(ctx.store.db, actor, [id], await todayIn(ctx, actor.nation));
  return view!;
}
