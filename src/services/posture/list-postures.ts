import type { Actor } from '../../domain/access/actor.js';
import { borderPostureChange } from '../../domain/access/border/index.js';
import type { Posture } from '../../domain/workflows/posture.js';
import { countPostureChangesOf, listArrangementsOfNation, listPostureChanges } from '../../store/postures.repository.js';
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
  /** Current first (the latest `setAt`, postures.repository.ts), the latest POSTURE_HISTORY_LIMIT; empty while the arrangement has never left peacetime. */
  history: PostureChangeView[];
  /** How many changes there are in all, of which `history` holds the latest. */
  historyTotal: number;
}

/**
 * How many of an arrangement's changes an answer carries, like the other bounded lists of the API:
 * an officer reads the recent ones; the audit trail keeps every change (arrangement.posture.set).
 */
export const POSTURE_HISTORY_LIMIT = 50;

/**
 * The posture of every arrangement the actor's nation is party to (or of the one named, as the PUT
 * that set it answers), each with its latest changes.
 */
export async function listPostures(ctx: AppContext, { actor, arrangementId }: { actor: Actor; arrangementId?: string }): Promise<ArrangementPostureView[]> {
  const arrangements = (await listArrangementsOfNation(ctx.store.db, actor.nation)).filter((a) => arrangementId === undefined || a.id === arrangementId);
  const ids = arrangements.map((a) => a.id);
  const [changes, totals] = await Promise.all([listPostureChanges(ctx.store.db, ids, POSTURE_HISTORY_LIMIT), countPostureChangesOf(ctx.store.db, ids)]);
  return arrangements.map((a) => {
    const history = changes
      .filter((c) => c.arrangement_id === a.id)
      .map((c) => {
        // What crosses of a change is what both nations read (border/posture.ts); a local setter is also named by login.
        const shared = borderPostureChange({ ...c, set_by_name: c.display_name ?? c.set_by_name ?? '' });
        return { posture: shared.posture, note: shared.note, setBy: c.username ?? shared.setBy.displayName, setByNation: shared.setBy.nation, setAt: shared.setAt, received: c.message_id !== null };
      });
    return { arrangementId: a.id, name: a.name, nations: [a.nation_a, a.nation_b], posture: history[0]?.posture ?? 'peacetime', history, historyTotal: totals.get(a.id) ?? 0 };
  });
}
