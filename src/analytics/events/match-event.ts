// An event's places → the nodes and edges of one supply network it strikes (issue #15):
// a site by node id, a company by the nodes it owns, a country by the nodes in it, a circle or
// polygon by the nodes whose coordinates lie inside (Turf, src/domain/events/area-match.ts), a
// sea lane by the edges whose `route` is that lane (supply-resilience.md §1: "sea lanes or routes
// can be attributes of edges"; §5: a closed lane removes them). Pure.
import { inCircle, inPolygon, preparePolygon, type PreparedPolygon } from '../../domain/events/area-match.js';
import type { EventPlace } from '../../domain/events/event-model.js';
import type { SupplyNetwork } from '../network/network-model.js';

export const MATCH_REASONS = ['site', 'company', 'country', 'area'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

export interface MatchedNode {
  index: number;
  nodeId: string;
  /** Indices into the event's `where` that struck this node. */
  places: number[];
  reasons: MatchReason[];
}

export interface NetworkMatch {
  nodes: MatchedNode[];
  /** Sea lanes of the event that some edge of the network uses. */
  lanes: string[];
  /** Edge indices on those lanes. */
  edges: number[];
  /** Nodes inside a region could not be tested for lack of coordinates: how many have none. */
  nodesWithoutCoordinates: number;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Which nodes and edges of `network` (stored under `networkId`) the event's places strike. */
export function matchEvent(where: readonly EventPlace[], network: SupplyNetwork, networkId: string): NetworkMatch {
  const byNode = new Map<number, MatchedNode>();
  const hit = (index: number, place: number, reason: MatchReason) => {
    let m = byNode.get(index);
    if (!m) byNode.set(index, (m = { index, nodeId: network.nodes[index]!.id, places: [], reasons: [] }));
    if (!m.places.includes(place)) m.places.push(place);
    if (!m.reasons.includes(reason)) m.reasons.push(reason);
  };
  const polygons = new Map<number, PreparedPolygon>();
  where.forEach((place, p) => {
    if (place.kind === 'polygon') polygons.set(p, preparePolygon(place));
  });
  const laneNames = new Map<string, string>();
  for (const place of where) if (place.kind === 'seaLane') laneNames.set(norm(place.name), place.name);
  const hasArea = where.some((p) => p.kind === 'circle' || p.kind === 'polygon');
  let nodesWithoutCoordinates = 0;

  network.nodes.forEach((node, v) => {
    const located = node.latitude !== undefined && node.longitude !== undefined;
    if (hasArea && !located) nodesWithoutCoordinates++;
    where.forEach((place, p) => {
      switch (place.kind) {
        case 'site':
          if (node.id === place.nodeId && (place.networkId === undefined || place.networkId === networkId)) hit(v, p, 'site');
          break;
        case 'company':
          if (node.owner !== undefined && norm(node.owner) === norm(place.name)) hit(v, p, 'company');
          break;
        case 'country':
          if (node.country !== undefined && norm(node.country) === norm(place.code)) hit(v, p, 'country');
          break;
        case 'circle':
          if (located && inCircle({ latitude: node.latitude!, longitude: node.longitude! }, place)) hit(v, p, 'area');
          break;
        case 'polygon':
          if (located && inPolygon({ latitude: node.latitude!, longitude: node.longitude! }, polygons.get(p)!)) hit(v, p, 'area');
          break;
        case 'seaLane':
          break;
      }
    });
  });
  const lanes = new Set<string>();
  const edges: number[] = [];
  if (laneNames.size > 0) {
    network.edges.forEach((edge, e) => {
      if (edge.route === undefined) return;
      const lane = laneNames.get(norm(edge.route));
      if (lane === undefined) return;
      edges.push(e);
      lanes.add(edge.route);
    });
  }
  return { nodes: [...byNode.values()].sort((a, b) => a.index - b.index), lanes: [...lanes], edges, nodesWithoutCoordinates };
}
