import type { Actor } from '../../domain/access/actor.js';
import { searchPostingIds } from '../../store/liaison.repository.js';
import type { PostingStatus } from '../../store/schema.js';
import { todayIn } from '../calendars/today-in.js';
import type { AppContext } from '../context.js';
import { loadPostingViews, type PostingView } from './posting-view.js';

export interface PostingFilter {
  q?: string;
  status?: PostingStatus;
  role?: 'sending' | 'hosting';
  /** Postings whose end date falls from today to today + N days. */
  endingWithinDays?: number;
}

/** Postings the actor's nation sends or hosts, filtered in SQL; ordered by host command then start. */
export async function listPostings(ctx: AppContext, { actor, filter }: { actor: Actor; filter: PostingFilter }): Promise<{ today: string; items: PostingView[] }> {
  const today = await todayIn(ctx, actor.nation);
  const ending =
    filter.endingWithinDays === undefined ? undefined : { from: today, until: new Date(Date.parse(`${today}T00:00:00Z`) + filter.endingWithinDays * 86_400_000).toISOString().slice(0, 10) };
  const ids = await searchPostingIds(ctx.store.db, { nation: actor.nation, role: filter.role, status: filter.status, ending, q: filter.q });
  return { today, items: await loadPostingViews(ctx.store.db, actor, ids, today) };
}
