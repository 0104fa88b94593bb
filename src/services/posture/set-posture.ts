import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Posture } from '../../domain/workflows/posture.js';
import { auditAs } from '../../store/audit.repository.js';
import { currentPosture, insertPostureChange, lockArrangement } from '../../store/postures.repository.js';
import type { AppContext } from '../context.js';

/**
 * A SOSA officer of either nation sets the arrangement's posture (posture-access.ts). New requests
 * take the shorter clocks from then on; requests already submitted keep theirs. Audited for both
 * nations. Another nation's arrangement answers 404.
 */
export async function setPosture(ctx: AppContext, { actor, arrangementId, posture, note }: { actor: Actor; arrangementId: string; posture: Posture; note: string }): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const arrangement = await lockArrangement(trx, arrangementId);
    if (!arrangement || (arrangement.nation_a !== actor.nation && arrangement.nation_b !== actor.nation)) throw new AppError('NOT_FOUND', { detail: 'No such arrangement.' });
    const before = await currentPosture(trx, arrangement.id);
    if (before === posture) throw new AppError('CONFLICT', { detail: `The arrangement is already in ${posture.replace('_', ' ')}.` });
    await insertPostureChange(trx, { id: randomUUID(), arrangement_id: arrangement.id, posture, note, set_by: actor.userId, set_by_nation: actor.nation, set_at: ctx.now() });
    await auditAs(trx, actor, {
      parties: [arrangement.nation_a === actor.nation ? arrangement.nation_b : arrangement.nation_a],
      action: 'arrangement.posture.set',
      entityType: 'arrangement',
      entityId: arrangement.id,
      data: { from: before, to: posture, note },
    });
  });
}
