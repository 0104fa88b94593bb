import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { loadThreadForActor } from './thread-access.js';

/** Follows or stops following a thread the actor may see (new messages notify followers). */
export async function setFollowing(ctx: AppContext, actor: Actor, threadId: string, following: boolean): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const { thread } = await loadThreadForActor(trx, threadId, actor);
    await trx
      .insertInto('thread_followers')
      .values({ thread_id: thread.id, user_id: actor.userId, following, since: ctx.now() })
      .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doUpdateSet({ following }))
      .execute();
  });
}
