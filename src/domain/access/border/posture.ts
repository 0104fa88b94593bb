/**
 * The posture of an arrangement across the border (issue #15, issue #13): a fact of the
 * arrangement both nations live under, read by both nations' officers (services/posture), so
 * every change crosses whole — what it is, the note, when, and who set it as a person of a
 * nation. The setter's user id and login name stay on the instance where they were set.
 */
import type { Posture } from '../../workflows/posture.js';

export interface PostureChangeFacts {
  id: string;
  arrangement_id: string;
  posture: Posture;
  note: string;
  set_by_nation: string;
  set_at: Date | string;
  /** The setter's display name (a local user's, or the one the peer's message gave). */
  set_by_name: string;
}

export interface BorderPostureChange {
  id: string;
  arrangementId: string;
  posture: Posture;
  note: string;
  setAt: string;
  setBy: { displayName: string; nation: string };
}

export function borderPostureChange(c: PostureChangeFacts): BorderPostureChange {
  return { id: c.id, arrangementId: c.arrangement_id, posture: c.posture, note: c.note, setAt: new Date(c.set_at).toISOString(), setBy: { displayName: c.set_by_name, nation: c.set_by_nation } };
}
