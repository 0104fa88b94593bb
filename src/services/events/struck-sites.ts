// The sites an event strikes in the nation's networks, with the company each links to (a node's
// `organisation`: a company of the network's nation) — whom an impact survey can ask (issue #15).
import { matchEvent } from '../../analytics/events/match-event.js';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import type { EventPlace } from '../../domain/events/event-model.js';
import { findCompaniesByShortName } from '../../store/event-surveys.repository.js';
import { listNetworkModels } from '../../store/disruption-events.repository.js';
import type { Db } from '../../store/executor.js';

export interface StruckSite {
  networkId: string;
  networkName: string;
  nodeId: string;
  part: string;
  owner: string | null;
  /** The node's link as written (a short name), or null. */
  link: string | null;
  /** The company of the nation it resolves to; null: no link, or not a company of this nation in the instance. */
  company: { id: string; shortName: string; name: string } | null;
}

export async function listStruckSites(db: Db, nation: string, where: readonly EventPlace[]): Promise<StruckSite[]> {
  const networks = await listNetworkModels(db, nation);
  const out: StruckSite[] = [];
  for (const n of networks) {
    const model = n.model as SupplyNetwork;
    for (const m of matchEvent(where, model, n.id).nodes) {
      const node = model.nodes[m.index]!;
      out.push({ networkId: n.id, networkName: n.name, nodeId: node.id, part: node.part ?? node.id, owner: node.owner ?? null, link: node.organisation ?? null, company: null });
    }
  }
  // Only companies of the event's own nation: a foreign supplier is reached through its nation (a
  // priority request under the arrangement), never asked directly by another nation's analysts.
  const companies = await findCompaniesByShortName(db, nation, [...new Set(out.map((s) => s.link).filter((l): l is string => l !== null))]);
  const byShort = new Map(companies.map((c) => [c.short_name, { id: c.id, shortName: c.short_name, name: c.name }]));
  for (const s of out) s.company = s.link === null ? null : (byShort.get(s.link) ?? null);
  return out;
}
