import type { TestApp } from './test-app.js';

export type Note = { username: string; kind: string; title: string; body: string; link: string };

/**
 * A reader of the notifications written since its last call, by recipient: a suite takes one and
 * asks it after each step who was told.
 */
export function freshNotifications(t: TestApp): () => Promise<Note[]> {
  const seen = new Set<string>();
  return async () => {
    const rows = await t.ctx.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.id', 'users.username', 'kind', 'title', 'body', 'link'])
      .orderBy('users.username')
      .execute();
    const out = rows.filter((r) => !seen.has(r.id));
    for (const r of out) seen.add(r.id);
    return out;
  };
}
