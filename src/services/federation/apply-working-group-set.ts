import { WORKING_GROUP_OBJECT, workingGroupSetBodySchema, type WorkingGroupSetBody } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { findArrangement } from '../../store/arrangements.repository.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findProgramParties } from '../../store/programs.repository.js';
import { findOfficialByEmail } from '../../store/notification-recipients.repository.js';
import { clearChangeSentAnswered, findGroupHolder, listActionItemStates, replaceReceivedGroup } from '../../store/working-groups.repository.js';
import { notifyActionItem } from '../notifications/notify-workflow-step.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';

/**
 * A working group the peer's instance holds (`working_group.set`, issue #13) replaces this
 * instance's read-only copy of it, whole. A peer speaks only for groups it holds, of an arrangement
 * between its nation and this one: a group of another arrangement is refused
 * (`out_of_arrangement`), one whose id is a group held here or by another peer (`wrong_nation`), a
 * record that does not hold together — a member of a third nation, an item owned by no member of
 * the group — (`invalid_content`). A version no higher than the copy's changes nothing (an older
 * state arriving late). One answering a change sent from here (apply-working-group-change.ts)
 * clears that change's "sent, not yet applied". What the new copy changes in this nation's members'
 * action items tells them as on a shared instance (below).
 */
export async function applyWorkingGroupSet(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = workingGroupSetBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== WORKING_GROUP_OBJECT || parsed.data.group.id !== message.object.id) {
    throw new Refused('invalid_content', 'a working_group.set carries one working group, with the id the message names', peer.nation, message.id);
  }
  const { group: g } = parsed.data;
  const own = ctx.config.nation!;
  const arrangement = await findArrangement(trx, g.arrangementId);
  const nations = arrangement ? [arrangement.nation_a, arrangement.nation_b] : [];
  if (g.arrangementId !== message.arrangement || !nations.includes(own) || !nations.includes(peer.nation)) {
    throw new Refused('out_of_arrangement', `working group ${g.id} is of ${g.arrangementId}, not an arrangement between ${peer.nation} and ${own} that this message is under`, peer.nation, message.id);
  }
  const held = await findGroupHolder(trx, g.id);
  if (held && held.held_by !== peer.nation) throw new Refused('wrong_nation', `working group ${g.id} is held by ${held.held_by ?? own} here: ${peer.nation} may not change it`, peer.nation, message.id);
  // The holder's answer to a change this instance's officer sent (`working_group.change`) shows it applied, even when it changed nothing.
  if (held && message.answers) await clearChangeSentAnswered(trx, peer.nation, g.id, message.answers);
  if (held && held.version >= message.object.version) return;
  const members = new Set(g.members.map((m) => m.id));
  const meetings = new Set(g.meetings.map((m) => m.id));
  const incoherent =
    g.members.find((m) => !nations.includes(m.nation))?.nation ??
    g.actionItems.find((i) => !members.has(i.ownerMemberId) || (i.meetingId !== null && !meetings.has(i.meetingId)) || !nations.includes(i.ownerNation))?.id ??
    g.meetings.find((m) => m.attendance.some((a) => !members.has(a.memberId)))?.id;
  if (incoherent) throw new Refused('invalid_content', `working group ${g.id} does not hold together (${incoherent}): members of its two nations, items and attendance of its own members and meetings`, peer.nation, message.id);
  // A program this instance does not know (programs do not cross yet) is not linked on the copy.
  const programId = g.programId && (await findProgramParties(trx, g.programId)) ? g.programId : null;
  const now = ctx.now();
  const itemsBefore = held ? await listActionItemStates(trx, g.id) : null;
  await replaceReceivedGroup(trx, {
    group: { id: g.id, arrangement_id: g.arrangementId, name: g.name, purpose: g.purpose, program_id: programId, status: g.status, created_at: new Date(g.createdAt), updated_at: now, held_by: peer.nation, version: message.object.version },
    members: g.members.map((m) => ({ id: m.id, nation: m.nation, name: m.name, organisation: m.organisation, email: m.email, chair: m.chair, created_at: now })),
    meetings: g.meetings.map((m) => ({ id: m.id, title: m.title, starts_at: new Date(m.startsAt), time_zone: m.timeZone, location: m.location, agenda: m.agenda, minutes: m.minutes, created_at: now, updated_at: now })),
    attendance: g.meetings.flatMap((m) => m.attendance.map((a) => ({ meeting_id: m.id, member_id: a.memberId, present: a.present }))),
    items: g.actionItems.map((i) => ({
      id: i.id,
      meeting_id: i.meetingId,
      title: i.title,
      owner_member_id: i.ownerMemberId,
      owner_nation: i.ownerNation,
      due_date: i.dueDate,
      due_at: new Date(i.dueAt),
      due_basis: JSON.stringify(i.dueBasis),
      status: i.status,
      closed_at: i.closedAt ? new Date(i.closedAt) : null,
      overdue_at: i.escalatedAt ? new Date(i.escalatedAt) : null,
      escalated_to: i.escalatedTo,
      created_at: now,
      updated_at: now,
    })),
  });
  if (itemsBefore) await notifyActionItemChanges(ctx, trx, { peerNation: peer.nation, group: g, version: message.object.version, itemsBefore });
}

/**
 * What the new copy changed in this nation's members' action items tells whom it tells on a
 * shared instance (notifyActionItem): a new item its owner, a closed or reopened one its owner,
 * an escalated one its owner and the nation's SOSA officers. The owner is an account here when its
 * address is the one of exactly one of this nation's officials who read the copy (members of a
 * peer's group are no accounts here). A first copy (peering shares what exists) tells nobody.
 */
async function notifyActionItemChanges(
  ctx: AppContext,
  trx: Tx,
  change: { peerNation: string; group: WorkingGroupSetBody['group']; version: number; itemsBefore: ReadonlyArray<{ id: string; status: string; overdue_at: Date | null }> },
): Promise<void> {
  const own = ctx.config.nation!;
  const { group: g } = change;
  const before = new Map(change.itemsBefore.map((i) => [i.id, i]));
  for (const i of g.actionItems) {
    if (i.ownerNation !== own) continue;
    const was = before.get(i.id);
    const kinds: Array<'assigned' | 'status' | 'escalated'> = [];
    if (!was) {
      if (i.status === 'open') kinds.push('assigned');
    } else if (was.status !== i.status) kinds.push('status');
    if ((!was || was.overdue_at === null) && i.escalatedAt !== null && i.status === 'open') kinds.push('escalated');
    if (kinds.length === 0) continue;
    const email = g.members.find((m) => m.id === i.ownerMemberId)?.email;
    const owner = email ? await findOfficialByEmail(trx, own, email) : null;
    const item = { id: i.id, group_id: g.id, title: i.title, owner_member_id: i.ownerMemberId, owner_nation: i.ownerNation, due_date: i.dueDate, status: i.status };
    for (const kind of kinds) {
      await notifyActionItem(ctx, trx, { item, kind, actor: null, at: ctx.now(), inbound: { nation: own, owner, eventKey: `action-item:${i.id}:${kind}:${change.peerNation}:v${change.version}` } });
    }
  }
}
