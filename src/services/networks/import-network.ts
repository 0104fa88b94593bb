import { randomUUID } from 'node:crypto';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { SupplyNetworkRow } from '../../store/schema.js';
import { insertNetwork } from '../../store/networks.repository.js';
import type { AppContext } from '../context.js';
import { NETWORK_WRITERS} from './network-access.js';

export interface ImportNetworkInput {
  actor: Actor;
  /** Already validated (validateNetwork, with the configured node limit). */
  network: SupplyNetwork;
  name: string;
  program: string;
  description: string;
  format: 'json' | 'willems';
  countriesOfConcern: readonly string[];
  /** What the import file said about itself (e.g. the Willems chain and SIC code), for the audit. */
  origin?: Record<string, unknown>;
}

/** Stores a validated network for the actor's nation, with its audit event, in one transaction. */
export async function importNetwork(ctx: AppContext, input: ImportNetworkInput): Promise<Omit<SupplyNetworkRow, 'model'>> {
  const { actor, network } = input;
  const id = randomUUID();
  const endItems = network.nodes.filter((n) => n.kind === 'endItem').length;
  const row = {
    id,
    nation: actor.nation,
    name: input.name,
    program: input.program,
    description: input.description,
    source_format: input.format,
    node_count: network.nodes.length,
    edge_count: network.edges.length,
    end_item_count: endItems,
    countries_of_concern: [...new Set(input.countriesOfConcern)],
    model: JSON.stringify({ ...network, name: input.name }),
    created_by: actor.userId,
    created_at: ctx.now(),
  };
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertNetwork(trx, row);
    await auditAs(trx, actor, {
      action: 'network.import',
      entityType: 'supply_network',
      entityId: id,
      data: { name: input.name, format: input.format, nodes: row.node_count, edges: row.edge_count, endItems, ...(input.origin ? { origin: input.origin } : {}) },
    });
  });
  const { model: _model, ...rest } = row;
  return rest;
}
