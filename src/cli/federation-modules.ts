// What `sosa peer` runs, in one module the CLI imports only when such a command runs.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createContext, type AppContext } from '../services/context.js';
import type { Store } from '../store/database.js';

export { addPeer, checkPeerDescriptor } from '../services/federation/add-peer.js';
export { exportDescriptor } from '../services/federation/export-descriptor.js';
export { removePeer } from '../services/federation/remove-peer.js';
export { addDirection, listDirections } from '../services/reference/arrangement-directions.js';
export { seedReferenceData } from '../services/reference/seed-reference-data.js';
export { listArrangementIds } from '../store/arrangements.repository.js';
export { sequencePendingAudit } from '../store/audit.repository.js';
export { outboundCountsByPeer } from '../store/federation-messages.repository.js';
export { listPeers } from '../store/federation-peers.repository.js';
export { withCliStore } from './open-store-for-cli.js';

/**
 * The context `peer add` queues its messages in (what exists, sent to the new peer): this
 * instance's nation and key folder, so each message is signed as the server signs it; the running
 * server's sender (or the next one to start) delivers them.
 */
export function peeringContext(store: Store, nation: string, keyDir: string): AppContext {
  return createContext(store, { ...loadConfig(), nation, keyDir }, createLogger('silent'));
}
