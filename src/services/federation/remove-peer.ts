import { AppError } from '../../domain/errors.js';
import { deletePeer } from '../../store/federation-peers.repository.js';
import type { Store } from '../../store/database.js';
import { auditPeerChange } from './add-peer.js';

/** `sosa peer remove`: ends the peering; the partner's messages are refused from then on (issue #13). */
export async function removePeer(options: { store: Store; ownNation: string; peerNation: string }): Promise<void> {
  await options.store.db.transaction().execute(async (trx) => {
    if (!(await deletePeer(trx, options.peerNation))) throw new AppError('NOT_FOUND', { detail: `${options.peerNation} is not a peer of this instance` });
    await auditPeerChange(trx, options.ownNation, 'federation.peer_remove', options.peerNation, {});
  });
}
