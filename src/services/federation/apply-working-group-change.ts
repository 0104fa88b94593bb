import { AppError } from '../../domain/errors.js';
import { WORKING_GROUP_OBJECT, workingGroupChangeBodySchema, type WorkingGroupChange } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findGroupWithNations } from '../../store/working-groups.repository.js';
import type { AppContext } from '../context.js';
import { applyAddMembers } from '../partnership/working-groups/add-members.js';
import { applyCreateActionItem } from '../partnership/working-groups/create-action-item.js';
import { applyCreateMeeting } from '../partnership/working-groups/create-meeting.js';
import type { GroupChangeBy, GroupInHand } from '../partnership/working-groups/group-change-by.js';
import { applyUpdateActionItem } from '../partnership/working-groups/update-action-item.js';
import { applyUpdateMeeting } from '../partnership/working-groups/update-meeting.js';
import { Refused, type RefusalReason } from './inbound-refusal.js';

/**
 * A change the other nation's SOSA officer made on its copy of a working group this instance holds
 * (`working_group.change`, issue #13, README "Sovereign instances"), applied here in the inbox's
 * transaction. The peer speaks only for its own nation's officials (`wrong_nation`), only about a
 * group held here (a group unknown here, or one held here as a copy of another's:
 * `unknown_object`) of the message's arrangement (`out_of_arrangement`) between its nation and this
 * one (`wrong_nation`), and only for what that nation's officers may change on a shared instance
 * (the message's schema: members, a meeting, its agenda, minutes and attendance, an action item,
 * its status). The change then takes the use case a change made here takes (the `apply…` of
 * services/partnership/working-groups/), which checks it against the group as it is now: a member,
 * meeting or item it names that the group does not have is refused (`unknown_object` for a meeting
 * or item, `invalid_content` for a field that breaks the rules), nothing applied. Applied, it
 * counts up the group's version, is audited naming the peer's official (nation and name, not an
 * account), and the group goes back as `working_group.set` answering this message, which replaces
 * the copy. The inbox keys by message id, so it is applied once.
 */
export async function applyWorkingGroupChange(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage, hash: string): Promise<void> {
  const refuse = (reason: RefusalReason, detail: string) => new Refused(reason, detail, peer.nation, message.id);
  const parsed = workingGroupChangeBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== WORKING_GROUP_OBJECT || parsed.data.group.id !== message.object.id) {
    throw refuse('invalid_content', 'a working_group.change carries one change a partner nation may make to the working group the message names, with the official who made it');
  }
  const { group: ref, change, actor } = parsed.data;
  if (actor.nation !== peer.nation) throw refuse('wrong_nation', `${peer.nation} sent a change made by an official of ${actor.nation}: a peer speaks only for its own officials`);
  const row = await findGroupWithNations(trx, ref.id, { forUpdate: true });
  if (!row || row.held_by !== null) throw refuse('unknown_object', `working group ${ref.id} is not held on this instance`);
  if (row.arrangement_id !== message.arrangement || ref.arrangementId !== row.arrangement_id) throw refuse('out_of_arrangement', `working group ${row.name} is one of ${row.arrangement_id}, not ${message.arrangement}`);
  const { nation_a, nation_b, ...group } = row;
  const nations: [string, string] = [nation_a, nation_b];
  if (!nations.includes(peer.nation)) throw refuse('wrong_nation', `working group ${row.name} is not ${peer.nation}'s: ${peer.nation} is not a nation of ${row.arrangement_id}`);
  const by: GroupChangeBy = { kind: 'peer', nation: peer.nation, displayName: actor.displayName, organisation: actor.organisation, messageId: message.id, answers: hash };
  try {
    await applyChange(ctx, trx, { group, nations }, by, change);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const detail = error.errors?.length ? error.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : error.message;
    if (error.code === 'NOT_FOUND') throw refuse('unknown_object', `the change names what working group ${row.name} does not have: ${detail}`);
    if (error.code === 'DUPLICATE') throw refuse('step_not_allowed', `the change is not possible now: ${detail}`);
    if (error.code === 'VALIDATION_FAILED') throw refuse('invalid_content', `the change does not meet this instance's rules: ${detail}`);
    throw error;
  }
}

/** The one use case each kind of change takes, as when made here. */
async function applyChange(ctx: AppContext, trx: Tx, held: GroupInHand, by: GroupChangeBy, change: WorkingGroupChange): Promise<void> {
  switch (change.kind) {
    case 'add_members':
      await applyAddMembers(ctx, trx, held, by, change.members.map((m) => ({ name: m.name, nation: m.nation, organisation: m.organisation, email: m.email ?? undefined, chair: m.chair })));
      return;
    case 'create_meeting':
      await applyCreateMeeting(ctx, trx, held, by, { title: change.title, startsAt: change.startsAt, timeZone: change.timeZone, location: change.location, agenda: change.agenda });
      return;
    case 'update_meeting':
      await applyUpdateMeeting(ctx, trx, held, by, change.meetingId, { agenda: change.agenda ?? undefined, minutes: change.minutes ?? undefined, attendance: change.attendance });
      return;
    case 'create_action_item':
      await applyCreateActionItem(ctx, trx, held, by, { title: change.title, ownerMemberId: change.ownerMemberId, meetingId: change.meetingId ?? undefined, dueInWorkingDays: change.dueInWorkingDays ?? undefined, dueDate: change.dueDate ?? undefined });
      return;
    case 'set_action_item_status':
      await applyUpdateActionItem(ctx, trx, held, by, change.itemId, { status: change.status });
      return;
  }
}
