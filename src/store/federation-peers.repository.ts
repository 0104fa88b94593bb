import type { DescriptorKey } from '../domain/federation/descriptor.js';
import type { Db } from './executor.js';

export interface PeerRecord {
  nation: string;
  baseUrl: string;
  arrangements: string[];
  keys: DescriptorKey[];
  fingerprint: string;
  descriptor: string;
  addedAt: Date;
  updatedAt: Date;
}

function toPeer(row: { nation: string; base_url: string; arrangements: string[]; keys: unknown[]; fingerprint: string; descriptor: string; added_at: Date; updated_at: Date }): PeerRecord {
  return { nation: row.nation, baseUrl: row.base_url, arrangements: row.arrangements, keys: row.keys as DescriptorKey[], fingerprint: row.fingerprint, descriptor: row.descriptor, addedAt: row.added_at, updatedAt: row.updated_at };
}

export async function findPeer(db: Db, nation: string): Promise<PeerRecord | undefined> {
  const row = await db.selectFrom('federation_peers').selectAll().where('nation', '=', nation).executeTakeFirst();
  return row && toPeer(row);
}

export async function listPeers(db: Db): Promise<PeerRecord[]> {
  return (await db.selectFrom('federation_peers').selectAll().orderBy('nation').execute()).map(toPeer);
}

/** Adds a peer, or takes its newer descriptor (after the partner rotated its key). */
export async function upsertPeer(db: Db, peer: Omit<PeerRecord, 'addedAt' | 'updatedAt'>, now: Date): Promise<void> {
  const values = { base_url: peer.baseUrl, arrangements: JSON.stringify(peer.arrangements), keys: JSON.stringify(peer.keys), fingerprint: peer.fingerprint, descriptor: peer.descriptor, updated_at: now };
  await db
    .insertInto('federation_peers')
    .values({ nation: peer.nation, ...values, added_at: now })
    .onConflict((oc) => oc.column('nation').doUpdateSet(values))
    .execute();
}

export async function deletePeer(db: Db, nation: string): Promise<boolean> {
  const result = await db.deleteFrom('federation_peers').where('nation', '=', nation).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
