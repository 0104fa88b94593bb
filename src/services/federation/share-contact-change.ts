import { MESSAGE_KINDS, POINT_OF_CONTACT_OBJECT, type ContactSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { sentVersionsTo } from '../../store/federation-messages.repository.js';
import { listAllContactRowsOf, type ContactRow } from '../../store/points-of-contact.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After an officer adds or changes one of its own nation's points of contact, in that transaction
 * (issue #13): the entry as it now stands goes to every peer (`contact.set`), each of which shares
 * an arrangement with this nation and reads the directory on a shared instance. Its version
 * counts the entry's changes (migration 0037), so a receiver keeps the latest. A shared deployment sends nothing.
 * `onlyPeer`: to that peer alone (what a new peer is sent, below).
 */
export async function shareContactChange(ctx: AppContext, trx: Tx, row: ContactRow, onlyPeer?: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own || row.nation !== own) return 0;
  const peers = (await listPeers(trx)).filter((p) => p.arrangements.length > 0 && (onlyPeer === undefined || p.nation === onlyPeer));
  const body: ContactSetBody = {
    contact: { id: row.id, nation: row.nation, function: row.function as ContactSetBody['contact']['function'], name: row.name, title: row.title, organisation: row.organisation, email: row.email, phone: row.phone, notes: row.notes, active: row.active, updatedAt: row.updated_at.toISOString() },
  };
  for (const peer of peers) {
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: peer.arrangements[0]!, kind: MESSAGE_KINDS.contactSet, object: { type: POINT_OF_CONTACT_OBJECT, id: row.id, version: row.version }, body });
  }
  return peers.length;
}

/**
 * When a peer is added (share-existing-with-peer.ts): each of this nation's entries, active or
 * not, that the peer was never sent at its current version. Returns the messages queued.
 */
export async function shareExistingContactsWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  const sent = await sentVersionsTo(trx, peerNation, POINT_OF_CONTACT_OBJECT);
  let queued = 0;
  for (const row of await listAllContactRowsOf(trx, own)) {
    if ((sent.get(row.id) ?? 0) >= row.version) continue;
    queued += await shareContactChange(ctx, trx, row, peerNation);
  }
  return queued;
}
