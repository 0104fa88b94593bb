import type { Actor } from '../../domain/access/actor.js';
import type { PostingStatus } from '../../store/schema.js';
import { todayIn } from '../calendars/today-in.js';
import type { AppContext } from '../context.js';
import { loadPostingViews, type PostingView } from './postings.repository.js';

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
  let query = ctx.store.db.selectFrom('liaison_postings').select('id');
  if (filter.role === 'sending') query = query.where('sending_nation', '=', actor.nation);
  else if (filter.role === 'hosting') query = query.where('host_nation', '=', actor.nation);
  else query = query.where((eb) => eb.or([eb('sending_nation', '=', actor.nation), eb('host_nation', '=', actor.nation)]));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.endingWithinDays !== undefined) {
    const until = new Date(Date.parse(`${today}T00:00:00Z`) + filter.endingWithinDays * 86_400_000).toISOString().slice(0, 10);
    query = query.where('end_date', '>=', today).where('end_date', '<=', until).where('status', '!=', 'ended');
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('officer_name', 'ilike', like), eb('host_command', 'ilike', like), eb('location', 'ilike', like), eb('service_number', 'ilike', like), eb('host_poc_name', 'ilike', like)]));
  }
  const ids = await query.orderBy('host_command').orderBy('start_date').orderBy('id').execute();
  return { today, items: await loadPostingViews(ctx.store.db, actor, ids.map((r) => r.id), today) };
}
