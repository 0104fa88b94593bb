import type { FederationMessage } from '../../domain/federation/message.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { Refused } from './inbound-refusal.js';

/** Whether a request held here is between the peer's nation and this one: the only requests a peer's message may speak of. */
export function isParty(peer: PeerRecord, row: { from_nation: string; to_nation: string }, own: string): boolean {
  const nations = [row.from_nation, row.to_nation];
  return nations.includes(peer.nation) && nations.includes(own);
}

/**
 * The refusal of a message about a request this instance does not hold for the peer: not held at
 * all, or held between other nations (a hub's request with another partner). Both get the same
 * signed answer, naming only the id the peer sent, so the refusal neither tells the peer that such
 * a request exists nor gives its reference or nations (DESIGN.md, sovereignty rule: a record of
 * another nation and a missing one answer alike).
 */
export function notHeld(peer: PeerRecord, message: FederationMessage): Refused {
  return new Refused('unknown_object', `request ${message.object.id} is not held on this instance`, peer.nation, message.id);
}

/**
 * The refusal of a peer's copy of a request whose id this instance keeps for another desk: a
 * request it holds itself, or the copy of another peer (copy-from-holder.ts). One answer for both,
 * naming only the id the peer sent and the peer itself, so it tells the peer neither which desk
 * holds the request nor its reference, nations or state (DESIGN.md, sovereignty rule).
 */
export function notTheHolder(peer: PeerRecord, message: FederationMessage): Refused {
  return new Refused('wrong_nation', `request ${message.object.id} is not one ${peer.nation} holds for this instance`, peer.nation, message.id);
}
