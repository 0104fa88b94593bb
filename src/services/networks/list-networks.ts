import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { NETWORK_LIST_COLUMNS, NETWORK_READERS, requireRole } from './network-access.js';

export interface NetworkListItem {
  id: string;
  name: string;
  program: string;
  description: string;
  sourceFormat: 'json' | 'willems';
  nodeCount: number;
  edgeCount: number;
  endItemCount: number;
  countriesOfConcern: string[];
  createdBy: string;
  createdAt: string;
  lastAnalysis: { id: string; kind: string; status: string; createdAt: string } | null;
}

/** The networks of the actor's nation, newest first, filtered in SQL by nation (and by name). */
export async function listNetworks(ctx: AppContext, { actor, q }: { actor: Actor; q?: string | undefined }): Promise<NetworkListItem[]> {
  requireRole(actor, NETWORK_READERS);
  const db = ctx.store.db;
  let query = db
    .selectFrom('supply_networks')
    .innerJoin('users', 'users.id', 'supply_networks.created_by')
    .select(NETWORK_LIST_COLUMNS.map((c) => `supply_networks.${c}` as const))
    .select('users.username')
    .where('supply_networks.nation', '=', actor.nation);
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('supply_networks.name', 'ilike', pattern), eb('supply_networks.program', 'ilike', pattern)]));
  }
  const rows = await query.orderBy('supply_networks.created_at', 'desc').orderBy('supply_networks.id').limit(500).execute();
  const ids = rows.map((r) => r.id);
  const last = new Map<string, { id: string; kind: string; status: string; created_at: Date }>();
  if (ids.length) {
    const analyses = await db
      .selectFrom('network_analyses')
      .select(['id', 'network_id', 'kind', 'status', 'created_at'])
      .where('network_id', 'in', ids)
      .orderBy('created_at', 'desc')
      .execute();
    for (const a of analyses) if (!last.has(a.network_id)) last.set(a.network_id, a);
  }
  return rows.map((r) => {
    const a = last.get(r.id);
    return {
      id: r.id,
      name: r.name,
      program: r.program,
      description: r.description,
      sourceFormat: r.source_format,
      nodeCount: r.node_count,
      edgeCount: r.edge_count,
      endItemCount: r.end_item_count,
      countriesOfConcern: r.countries_of_concern,
      createdBy: r.username,
      createdAt: new Date(r.created_at).toISOString(),
      lastAnalysis: a ? { id: a.id, kind: a.kind, status: a.status, createdAt: new Date(a.created_at).toISOString() } : null,
    };
  });
}
