import type { Actor } from '../../domain/access/actor.js';
import { borderPostureChange } from '../../domain/access/border/index.js';
import type { Posture } from '../../domain/workflows/posture.js';
import { listArrangementsOfNation, listPostureChanges } from '../../store/postures.repository.js';
import type { AppContext } from '../context.js';

export interface PostureChangeView {
  posture: Posture;
  note: string;
  setBy: string;
  setByNation: string;
  setAt: string;
  /** Set on the other nation's instance and received from it as a message (issue #13). */
  received: boolean;
}

export interface ArrangementPostureView {
  arrangementId: string;
  name: string;
  nations: [string, string];
  posture: Posture;
  /** Current first (the latest `setAt`, postures.repository.ts); empty while the arrangement has never left peacetime. */
  history: PostureChangeView[];
}

/** The posture of every arrangement the actor's nation is party to, with its history. */
export async function listPostures(ctx: AppContext, { actor }: { actor: Actor }): Promise<ArrangementPostureView[]> {
  const arrangements = await listArrangementsOfNation(ctx.store.db, actor.nation);
  const changes = await listPostureChanges(ctx.store.db, arrangements.map((a) => a.id));
  return arrangements.map((a) => {
    const history = changes
      .filter((c) => c.arrangement_id === a.id)
      .map((c) => {
        // What crosses of a change is what both nations read (border/posture.ts); a local setter is also named by login.
        const shared = borderPostureChange({ ...c, set_by_name: c.display_name ?? c.set_by_name ?? '' });
        return { posture: shared.posture, note: shared.note, setBy: c.username ?? shared.setBy.displayName, setByNation: shared.setBy.nation, setAt: shared.setAt, received: c.message_id !== null };
      });
    return { arrangementId: a.id, name: a.name, nations: [a.nation_a, a.nation_b], posture: history[0]?.posture ?? 'peacetime', history };
  });
}
