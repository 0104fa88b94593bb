import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/executor.js';
import { findThreadIdByTitle, followThreadUnlessChosen, insertThread, insertThreadMessage } from '../../store/threads.repository.js';
import { userIdsByUsername } from '../../store/users.repository.js';

/**
 * Demo channels: a general thread shared between the US and India SOSA offices, and one internal
 * to the US. Idempotent (by title), so restarting with --demo adds nothing. On a sovereign instance
 * (`ownNation`, issue #13) only the threads its nation opened: the other's reach it as messages.
 */
export async function seedDemoThreads(db: Db, ownNation?: string): Promise<void> {
  const users = await userIdsByUsername(db, ['in.sosa', 'us.sosa', 'us.dod']);
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
    if (ownNation && t.nations[0] !== ownNation) continue;
    if (await findThreadIdByTitle(db, t.title)) continue;
    const id = randomUUID();
    await insertThread(db, { id, subject_kind: 'general', subject_id: null, title: t.title, nations: t.nations, arrangement_id: t.arrangement, created_by: users.get(t.by)!, created_nation: t.nations[0]!, created_at: new Date(base + i * 86_400_000) });
    for (const [j, m] of t.messages.entries()) {
      await insertThreadMessage(db, { id: randomUUID(), thread_id: id, author_id: users.get(m.by)!, nation: m.nation, visibility: 'shared', body: m.body, mentions: m.mentions.map((u) => users.get(u)!), created_at: new Date(base + i * 86_400_000 + (j + 1) * 3_600_000) });
      await followThreadUnlessChosen(db, id, users.get(m.by)!, new Date(base));
    }
  }
}
