import type { Actor } from '../../domain/access/actor.js';
import { setThreadFollowing } from '../../store/threads.repository.js';
import type { AppContext } from '../context.js';
import { loadThreadForActor } from './thread-access.js';

/** Follows or stops following a thread the actor may see (new messages notify followers). */
export async function setFollowing(ctx: AppContext, actor: Actor, threadId: string, following: boolean): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const { thread } = await loadThreadForActor(trx, threadId, actor);
    await setThreadFollowing(trx, thread.id, actor.userId, following, ctx.now());
  });
}
