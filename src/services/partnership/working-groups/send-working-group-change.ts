import type { Actor } from '../../../domain/access/actor.js';
import { AppError } from '../../../domain/errors.js';
import { MESSAGE_KINDS, WORKING_GROUP_OBJECT, type WorkingGroupChange, type WorkingGroupChangeBody } from '../../../domain/federation/bodies.js';
import { auditAs } from '../../../store/audit.repository.js';
import type { Db, Tx } from '../../../store/executor.js';
import { latestInboundHash } from '../../../store/federation-messages.repository.js';
import { listPeers } from '../../../store/federation-peers.repository.js';
import { findNamedOfficial } from '../../../store/users.repository.js';
import { insertChangeSent, type WorkingGroupRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { enqueueOutbound } from '../../federation/enqueue-outbound.js';
import type { GroupInHand } from './group-change-by.js';

/** A change made on a copy: sent to the instance that holds the group, not applied yet. */
export interface ChangeSent {
  kind: 'sent';
  messageId: string;
  heldBy: string;
}

export const isChangeSent = (x: unknown): x is ChangeSent => typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'sent';

/** Whether the instance that holds a copied group is still a peer for its arrangement, so a change can reach it. */
export async function holderReachable(db: Db, group: Pick<WorkingGroupRow, 'held_by' | 'arrangement_id'>): Promise<boolean> {
  if (group.held_by === null) return false;
  return (await listPeers(db)).some((p) => p.nation === group.held_by && p.arrangements.includes(group.arrangement_id));
}

/**
 * A change the other nation's SOSA officer makes to a working group (issue #13, README "Sovereign
 * instances"): on a shared instance the officers of both nations change it; on sovereign instances
 * the group is held by its creator's nation's instance, so on this one, where it is a copy, the
 * change — checked here as far as the copy allows (the caller: the officer's role, the members,
 * meetings and items it names) — goes to the holder as a `working_group.change` message answering
 * the latest message received about the group. The holder applies it through the use case a change
 * made there takes, or refuses it (federation/apply-working-group-change.ts); its
 * `working_group.set` answering the message replaces the copy. Until then the copy lists the
 * change as sent and not yet applied. Message, mark and audit commit together.
 */
export async function sendWorkingGroupChange(ctx: AppContext, trx: Tx, actor: Actor, { group, nations }: GroupInHand, change: WorkingGroupChange, summary: string): Promise<ChangeSent> {
  const holder = group.held_by!;
  if (!(await holderReachable(trx, group))) {
    throw new AppError('CONFLICT', { detail: `${holder}, which holds working group ${group.name}, is no longer a peer of this instance for ${group.arrangement_id}: the change cannot reach it.` });
  }
  const official = await findNamedOfficial(trx, actor.userId);
  const now = ctx.now();
  const body: WorkingGroupChangeBody = {
    group: { id: group.id, arrangementId: group.arrangement_id },
    change,
    actor: { displayName: official.displayName, nation: actor.nation, organisation: official.organisation },
    takenAt: now.toISOString(),
  };
  const answers = await latestInboundHash(trx, holder, WORKING_GROUP_OBJECT, group.id);
  const sent = await enqueueOutbound(ctx, trx, { peerNation: holder, arrangement: group.arrangement_id, kind: MESSAGE_KINDS.workingGroupChange, object: { type: WORKING_GROUP_OBJECT, id: group.id, version: group.version }, answers, body });
  await insertChangeSent(trx, { message_id: sent.id, group_id: group.id, kind: change.kind, summary, sent_by: actor.userId, sent_at: now });
  await auditAs(trx, actor, {
    parties: nations,
    action: 'working_group.change_sent_to_peer',
    entityType: 'working_group',
    entityId: group.id,
    data: { change: change.kind, summary, heldBy: holder, messageId: sent.id, seq: sent.seq },
  });
  return { kind: 'sent', messageId: sent.id, heldBy: holder };
}
