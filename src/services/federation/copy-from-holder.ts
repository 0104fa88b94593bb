import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { listCopyHolders } from '../../store/partner-copies.repository.js';
import { findRequestRow } from '../../store/requests.repository.js';
import { isUuid } from '../../domain/uuid.js';
import { notTheHolder } from './not-held.js';

/**
 * A request is held by one desk, and this instance's copy of it is that desk's (issue #13): a
 * peer's projection of a request is refused, applying nothing, when the id is one this instance
 * holds itself or keeps as another peer's copy. Else a second peer of a hub, sending a copy
 * under the id of a request another peer holds, would become the request's copy: the officials
 * would read it and their steps, comments and files would go to it (the review of the hub's
 * copies). The first desk to send a copy under an id keeps it; the US's own submission writes its
 * provisional copy in the submission's transaction, so a request the US makes is India's from
 * the start.
 */
export async function checkCopyFromHolder(trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const id = message.object.id;
  // A request's id is a UUID here: no other id names one this instance holds.
  if (isUuid(id) && (await findRequestRow(trx, id))) throw notTheHolder(peer, message);
  if ((await listCopyHolders(trx, id)).some((holder) => holder !== peer.nation)) throw notTheHolder(peer, message);
}
