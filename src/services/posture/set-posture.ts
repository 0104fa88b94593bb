import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Posture } from '../../domain/workflows/posture.js';
import { auditAs } from '../../store/audit.repository.js';
import { currentPostureChange, insertPostureChange, lockArrangement } from '../../store/postures.repository.js';
import type { AppContext } from '../context.js';
import { sharePostureChange } from '../federation/share-posture-change.js';

/**
 * A SOSA officer of either nation sets the arrangement's posture (posture-access.ts). New requests
 * take the shorter clocks from then on; requests already submitted keep theirs. Audited for both
 * nations. Another nation's arrangement answers 404.
 */
export async function setPosture(ctx: AppContext, { actor, arrangementId, posture, note }: { actor: Actor; arrangementId: string; posture: Posture; note: string }): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const arrangement = await lockArrangement(trx, arrangementId);
    if (!arrangement || (arrangement.nation_a !== actor.nation && arrangement.nation_b !== actor.nation)) throw new AppError('NOT_FOUND', { detail: 'No such arrangement.' });
    const current = await currentPostureChange(trx, arrangement.id);
    const before = current?.posture ?? 'peacetime';
    if (before === posture) throw new AppError('CONFLICT', { detail: `The arrangement is already in ${posture.replace('_', ' ')}.` });
    // The officer sets it knowing the current posture, so the change must become current: when the
    // current one (maybe received from the peer, whose clock runs ahead) is not older than now, the
    // change is dated just after it (the later setAt wins on both instances, postures.repository.ts).
    const now = ctx.now();
    const setAt = current && current.setAt >= now ? new Date(current.setAt.getTime() + 1) : now;
    const id = randomUUID();
    await insertPostureChange(trx, { id, arrangement_id: arrangement.id, posture, note, set_by: actor.userId, set_by_nation: actor.nation, set_at: setAt });
    await auditAs(trx, actor, {
      parties: [arrangement.nation_a === actor.nation ? arrangement.nation_b : arrangement.nation_a],
      action: 'arrangement.posture.set',
      entityType: 'arrangement',
      entityId: arrangement.id,
      data: { from: before, to: posture, note },
    });
    // Sovereign instances (issue #13): the change crosses to the other nation's instance with this commit.
    await sharePostureChange(ctx, trx, arrangement, id);
  });
}
