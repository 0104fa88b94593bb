import { sql } from 'kysely';
import type { Db } from './executor.js';

// Issue #13: the partner views of Special Priorities Assistance requests this instance's nation
// reads, as the filing nation's instance sent them (`spa.set`), kept with the partner's other
// objects in federation_mirrors (object type 'spa_request', body `{ spa, requests }`). A view the
// nation no longer reads (`spa.unshared`) stays as `{ spa: null }` with its version, so an older
// view arriving late cannot bring it back.

export const RECEIVED_SPA_OBJECT = 'spa_request';

export interface ReceivedSpaRow {
  peerNation: string;
  version: number;
  /** The partner view as sent (border/spa.ts), or null once the nation no longer reads it. */
  spa: Record<string, unknown> | null;
}

/** Every copy of the SPA held from any peer (one, unless a peer sent the id of another's). */
export async function findReceivedSpas(db: Db, id: string): Promise<ReceivedSpaRow[]> {
  const rows = await db.selectFrom('federation_mirrors').select(['peer_nation', 'object_version', 'body']).where('object_type', '=', RECEIVED_SPA_OBJECT).where('object_id', '=', id).execute();
  return rows.map(toReceived);
}

/** The partner views held (not those no longer read), newest change first, at most `limit`. */
export async function listReceivedSpas(db: Db, limit: number): Promise<ReceivedSpaRow[]> {
  const rows = await db
    .selectFrom('federation_mirrors')
    .select(['peer_nation', 'object_version', 'body'])
    .where('object_type', '=', RECEIVED_SPA_OBJECT)
    .where(sql<boolean>`jsonb_typeof(body -> 'spa') = 'object'`)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toReceived).filter((r) => r.spa !== null);
}

function toReceived(r: { peer_nation: string; object_version: number; body: Record<string, unknown> }): ReceivedSpaRow {
  const spa = r.body.spa;
  return { peerNation: r.peer_nation, version: r.object_version, spa: spa && typeof spa === 'object' ? (spa as Record<string, unknown>) : null };
}
