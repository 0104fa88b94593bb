import type { Actor } from '../../domain/access/actor.js';
import type { Posture } from '../../domain/workflows/posture.js';
import { listArrangementsOfNation, listPostureChanges } from '../../store/postures.repository.js';
import type { AppContext } from '../context.js';

export interface PostureChangeView {
  posture: Posture;
  note: string;
  setBy: string;
  setByNation: string;
  setAt: string;
}

export interface ArrangementPostureView {
  arrangementId: string;
  name: string;
  nations: [string, string];
  posture: Posture;
  /** Newest first; empty while the arrangement has never left peacetime. */
  history: PostureChangeView[];
}

/** The posture of every arrangement the actor's nation is party to, with its history. */
export async function listPostures(ctx: AppContext, { actor }: { actor: Actor }): Promise<ArrangementPostureView[]> {
  const arrangements = await listArrangementsOfNation(ctx.store.db, actor.nation);
  const changes = await listPostureChanges(ctx.store.db, arrangements.map((a) => a.id));
  return arrangements.map((a) => {
    const history = changes
      .filter((c) => c.arrangement_id === a.id)
      .map((c) => ({ posture: c.posture, note: c.note, setBy: c.username, setByNation: c.set_by_nation, setAt: new Date(c.set_at).toISOString() }));
    return { arrangementId: a.id, name: a.name, nations: [a.nation_a, a.nation_b], posture: history[0]?.posture ?? 'peacetime', history };
  });
}
