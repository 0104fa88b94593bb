import { AppError } from '../../domain/errors.js';
import { decodeJwt } from 'jose';
import { peerDescriptorSchema, sharedArrangements } from '../../domain/federation/descriptor.js';
import { readDescriptor, type DescriptorReading } from '../../domain/federation/read-descriptor.js';
import { listArrangementIds } from '../../store/arrangements.repository.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { findPeer, upsertPeer, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { shareExistingWithPeer, type SharedWithPeer } from './share-existing-with-peer.js';

export interface AddPeerResult {
  peer: Omit<PeerRecord, 'addedAt' | 'updatedAt'>;
  /** Read this aloud with the partner's operator before trusting the peer. */
  fingerprint: string;
  /** True when the peer was known and its descriptor replaced (e.g. after its key rotation). */
  replaced: boolean;
  /** What was queued for the peer of what already exists (nothing when `replaced`). */
  shared: SharedWithPeer;
}

/**
 * `sosa peer add`: trusts a partner instance from its descriptor (issue #13). Refused: a
 * descriptor that does not verify, one of this instance's own nation, and one that shares no
 * arrangement with it: peering never opens a channel the arrangements do not provide for.
 */
export type CheckedDescriptor = Extract<DescriptorReading, { ok: true }> & { jws: string };

/** The checks that need no store: the descriptor verifies, and it is of another nation. */
export async function checkPeerDescriptor(descriptorJws: string, ownNation: string): Promise<CheckedDescriptor> {
  const read = await readDescriptor(descriptorJws);
  if (!read.ok) throw new AppError('VALIDATION_FAILED', { detail: `the descriptor was refused: ${read.detail}`, errors: [{ field: 'descriptor', message: read.detail }] });
  if (read.descriptor.nation === ownNation) {
    throw new AppError('VALIDATION_FAILED', { detail: `the descriptor is of ${ownNation}, this instance's own nation`, errors: [{ field: 'descriptor/nation', message: 'a peer is another nation' }] });
  }
  return { ...read, jws: descriptorJws.trim() };
}

/**
 * `sosa peer add`: trusts a partner instance from its descriptor (issue #13). Refused: a
 * descriptor that does not verify, one of this instance's own nation, and one that shares no
 * arrangement with it: peering never opens a channel the arrangements do not provide for.
 *
 * A new peer is sent, in the same transaction, what already exists that its nation may read
 * (share-existing-with-peer.ts), signed with this instance's key (`ctx.config.keyDir`): the
 * peering and its first messages commit together. A known peer's new descriptor (a key rotation, a
 * new address) sends nothing: what it was sent stays sent, and each later change goes as it
 * happens. `shareExisting: false` only for tests whose instances each hold both nations' demo
 * records, which no real instance does.
 */
export async function addPeer(options: { ctx: AppContext; checked: CheckedDescriptor; replaceTrust?: boolean; shareExisting?: boolean }): Promise<AddPeerResult> {
  const { ctx } = options;
  const ownNation = ctx.config.nation;
  if (!ownNation) throw new AppError('CONFIG_INVALID', { detail: 'SOSA_NATION is not set: a peered instance belongs to one nation (e.g. SOSA_NATION=IN)' });
  const { descriptor, fingerprint, jws } = options.checked;
  return ctx.store.db.transaction().execute(async (trx) => {
    const shared = sharedArrangements({ nation: ownNation, arrangements: await listArrangementIds(trx, ownNation) }, descriptor);
    if (shared.length === 0) {
      throw new AppError('VALIDATION_FAILED', {
        detail: `${ownNation} and ${descriptor.nation} share no arrangement on this instance (the descriptor lists ${descriptor.arrangements.join(', ')})`,
        errors: [{ field: 'descriptor/arrangements', message: 'no arrangement shared with this instance' }],
      });
    }
    const known = await findPeer(trx, descriptor.nation);
    if (known) checkContinuity(known, options.checked, options.replaceTrust === true);
    const replaced = known !== undefined;
    const peer = { nation: descriptor.nation, baseUrl: descriptor.baseUrl, arrangements: shared, keys: descriptor.keys, fingerprint, descriptor: jws };
    await upsertPeer(trx, peer, ctx.now());
    const sent = !replaced && options.shareExisting !== false ? await shareExistingWithPeer(ctx, trx, descriptor.nation) : { total: 0, byKind: [] };
    await auditPeerChange(trx, ownNation, replaced ? 'federation.peer_update' : 'federation.peer_add', descriptor.nation, {
      baseUrl: peer.baseUrl,
      arrangements: shared,
      fingerprint,
      keys: descriptor.keys.map((k) => `${k.kid} (${k.status})`),
      ...(replaced ? {} : { sharedExisting: Object.fromEntries(sent.byKind.map((k) => [k.what, k.count])) }),
    });
    return { peer, fingerprint, replaced, shared: sent };
  });
}

/**
 * A known peer's new descriptor must descend from the one trusted: newer, and listing a key the
 * trusted one listed (after a rotation the old key stays, as retired). Otherwise anyone able to
 * hand the operator a file could swap the partner's keys, or replay an older descriptor to undo a
 * rotation. A real loss of every key is a new trust set-up: `--replace-trust`, after the fingerprint
 * was compared again.
 */
function checkContinuity(known: PeerRecord, next: CheckedDescriptor, replaceTrust: boolean): void {
  const trusted = peerDescriptorSchema.shape.issuedAt.safeParse((decodeJwt(known.descriptor) as { issuedAt?: unknown }).issuedAt);
  if (trusted.success && Date.parse(next.descriptor.issuedAt) <= Date.parse(trusted.data)) {
    throw new AppError('CONFLICT', { detail: `this descriptor of ${known.nation} (issued ${next.descriptor.issuedAt}) is not newer than the one trusted (issued ${trusted.data})` });
  }
  if (replaceTrust) return;
  const trustedKids = new Set(known.keys.map((k) => k.kid));
  if (!next.descriptor.keys.some((k) => trustedKids.has(k.kid))) {
    throw new AppError('CONFLICT', { detail: `this descriptor of ${known.nation} lists none of the keys trusted for it: compare the fingerprint with the partner again, then add it with --replace-trust` });
  }
}

export function auditPeerChange(trx: Tx, ownNation: string, action: string, peerNation: string, data: Record<string, unknown>) {
  return appendAudit(trx, { actorId: null, actor: 'cli', nation: ownNation, action, entityType: 'federation_peer', entityId: peerNation, data });
}

