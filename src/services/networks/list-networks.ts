import type { Actor } from '../../domain/access/actor.js';
import { listAnalysesOfNetworks, listNetworkRows } from '../../store/networks.repository.js';
import type { AppContext } from '../context.js';
import { NETWORK_READERS } from './network-access.js';
import { networkHeader, type NetworkHeader } from './network-header.js';

export interface NetworkListItem extends NetworkHeader {
  lastAnalysis: { id: string; kind: string; status: string; createdAt: string } | null;
}

/** The networks of the actor's nation, newest first, filtered in SQL by nation (and by name). */
export async function listNetworks(ctx: AppContext, { actor, q }: { actor: Actor; q?: string | undefined }): Promise<NetworkListItem[]> {
  const db = ctx.store.db;
  const rows = await listNetworkRows(db, actor.nation, q);
  const ids = rows.map((r) => r.id);
  const last = new Map<string, { id: string; kind: string; status: string; created_at: Date }>();
  if (ids.length) {
    const analyses = await listAnalysesOfNetworks(db, ids);
    for (const a of analyses) if (!last.has(a.network_id)) last.set(a.network_id, a);
  }
  return rows.map((r) => {
    const a = last.get(r.id);
    return {
      ...networkHeader(r, r.username),
      lastAnalysis: a ? { id: a.id, kind: a.kind, status: a.status, createdAt: new Date(a.created_at).toISOString() } : null,
    };
  });
}
