import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * Demo channels: a general thread shared between the US and India SOSA offices, and one internal
 * to the US. Idempotent (by title), so restarting with --demo adds nothing.
 */
export async function seedDemoThreads(db: Kysely<Database>): Promise<void> {
  const users = new Map((await db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['in.sosa', 'us.sosa', 'us.dod']).execute()).map((u) => [u.username, u.id]));
  if (users.size < 3) return;
  const threads = [
    {
      title: 'US–India SOSA: points of contact and working hours',
      nations: ['US', 'IN'],
      arrangement: 'US-IN' as string | null,
      by: 'us.sosa',
      messages: [
        { by: 'us.sosa', nation: 'US', mentions: ['in.sosa'], body: 'The DoD SOSA office answers priority requests on US federal working days, 09:00–17:00 Eastern. @in.sosa, who covers the SOSA cell on Indian holidays?' },
        { by: 'in.sosa', nation: 'IN', mentions: [], body: 'The SOSA cell keeps a duty officer on gazetted holidays; I will share the roster in this thread each quarter.' },
      ],
    },
    {
      title: 'US only: review of open Indian requests',
      nations: ['US'],
      arrangement: null,
      by: 'us.sosa',
      messages: [{ by: 'us.sosa', nation: 'US', mentions: ['us.dod'], body: '@us.dod please flag any request where the program determination may take longer than five working days.' }],
    },
  ];
  const base = Date.parse('2026-11-02T15:00:00Z');
  for (const [i, t] of threads.entries()) {
    const exists = await db.selectFrom('threads').select('id').where('title', '=', t.title).executeTakeFirst();
    if (exists) continue;
    const id = randomUUID();
    await db.insertInto('threads').values({ id, subject_kind: 'general', subject_id: null, title: t.title, nations: t.nations, arrangement_id: t.arrangement, created_by: users.get(t.by)!, created_nation: t.nations[0]!, created_at: new Date(base + i * 86_400_000) }).execute();
    for (const [j, m] of t.messages.entries()) {
      await db.insertInto('thread_messages').values({ id: randomUUID(), thread_id: id, author_id: users.get(m.by)!, nation: m.nation, visibility: 'shared', body: m.body, mentions: m.mentions.map((u) => users.get(u)!), created_at: new Date(base + i * 86_400_000 + (j + 1) * 3_600_000) }).execute();
      await db.insertInto('thread_followers').values({ thread_id: id, user_id: users.get(m.by)!, following: true, since: new Date(base) }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}
