import type { ApiSchema } from '../../contract/api-schema.js';
import type { SupplyNetworkRow } from '../../store/schema.js';

/** What the list and the detail of a network both show about it. */
export type NetworkHeader = Omit<ApiSchema<'NetworkListItem'>, 'lastAnalysis'>;

type HeaderColumns = Pick<SupplyNetworkRow, 'id' | 'name' | 'program' | 'description' | 'source_format' | 'node_count' | 'edge_count' | 'end_item_count' | 'countries_of_concern' | 'created_at'>;

export function networkHeader(row: HeaderColumns, createdBy: string): NetworkHeader {
  return {
    id: row.id,
    name: row.name,
    program: row.program,
    description: row.description,
    sourceFormat: row.source_format,
    nodeCount: row.node_count,
    edgeCount: row.edge_count,
    endItemCount: row.end_item_count,
    countriesOfConcern: row.countries_of_concern,
    createdBy,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
