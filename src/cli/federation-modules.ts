// What `sosa peer` runs, in one module the CLI imports only when such a command runs.
export { addPeer, checkPeerDescriptor } from '../services/federation/add-peer.js';
export { exportDescriptor } from '../services/federation/export-descriptor.js';
export { removePeer } from '../services/federation/remove-peer.js';
export { seedReferenceData } from '../services/reference/seed-reference-data.js';
export { listArrangementIds } from '../store/arrangements.repository.js';
export { sequencePendingAudit } from '../store/audit.repository.js';
export { outboundCountsByPeer } from '../store/federation-messages.repository.js';
export { listPeers } from '../store/federation-peers.repository.js';
export { withCliStore } from './open-store-for-cli.js';
