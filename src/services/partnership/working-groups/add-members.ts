import { AppError, validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import type { Tx } from '../../../store/executor.js';
import { findUserForMembership, insertMember, isGroupMember, listMembers, type WorkingGroupMemberRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';
import { answersOf, auditGroupChange, type GroupChangeBy, type GroupInHand } from './group-change-by.js';
import { sendWorkingGroupChange, type ChangeSent } from './send-working-group-change.js';
import { isUuid } from '../../../domain/uuid.js';

/** A member: a user of either nation, or an external person named with their nation. */
export interface MemberInput {
  userId?: string | undefined;
  name?: string | undefined;
  nation?: string | undefined;
  organisation?: string | undefined;
  email?: string | undefined;
  chair?: boolean | undefined;
}

async function resolveMember(trx: Tx, nations: readonly string[], m: MemberInput, at: string) {
  if (m.userId) {
    const user = isUuid(m.userId) ? await findUserForMembership(trx, m.userId) : undefined;
    if (!user || !nations.includes(user.nation)) throw validationError([{ field: `${at}/userId`, message: 'is not a user of either nation of the group' }]);
    return { user_id: user.id, name: user.display_name, nation: user.nation, organisation: user.org, email: m.email ?? null, chair: m.chair ?? false };
  }
  if (!m.name) throw validationError([{ field: `${at}/name`, message: 'give a user or the name of an external member' }]);
  if (!m.nation || !nations.includes(m.nation)) throw validationError([{ field: `${at}/nation`, message: `must be one of ${nations.join(', ')}` }]);
  return { user_id: null, name: m.name, nation: m.nation, organisation: m.organisation ?? '', email: m.email ?? null, chair: m.chair ?? false };
}

/** Adds members to a group (a user at most once), naming the bad field of the body on refusal. */
export async function insertMembers(trx: Tx, groupId: string, nations: readonly string[], members: readonly MemberInput[], now: Date, field = 'members'): Promise<WorkingGroupMemberRow[]> {
  const out: WorkingGroupMemberRow[] = [];
  for (const [i, m] of members.entries()) {
    const values = await resolveMember(trx, nations, m, `${field}/${i}`);
    if (values.user_id && (await isGroupMember(trx, groupId, values.user_id))) {
      throw new AppError('DUPLICATE', { detail: `${values.name} is already a member.`, errors: [{ field: `${field}/${i}/userId`, message: 'is already a member' }] });
    }
    out.push(await insertMember(trx, { group_id: groupId, ...values, created_at: now }));
  }
  return out;
}

export async function addMembers(ctx: AppContext, actor: Actor, groupId: string, members: MemberInput[]): Promise<WorkingGroupMemberRow[] | ChangeSent> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const held = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    if (held.group.held_by !== null) {
      // A user of this instance is named (name, nation, organisation): an account here means nothing on the holder's instance.
      // On the copy no member is a local account: a user already a member is known by name and nation.
      const present = new Set((await listMembers(trx, held.group.id)).map((m) => `${m.nation} ${m.name}`));
      const named = [];
      for (const [i, m] of members.entries()) {
        const { name, nation, organisation, email, chair } = await resolveMember(trx, held.nations, m, `members/${i}`);
        if (m.userId && present.has(`${nation} ${name}`)) throw new AppError('DUPLICATE', { detail: `${name} is already a member.`, errors: [{ field: `members/${i}/userId`, message: 'is already a member' }] });
        named.push({ name, nation, organisation, email, chair });
      }
      return sendWorkingGroupChange(ctx, trx, actor, held, { kind: 'add_members', members: named }, `Add ${named.map((m) => `${m.name} (${m.nation})`).join(', ')}`);
    }
    return applyAddMembers(ctx, trx, held, { kind: 'user', actor }, members);
  });
}

/** Adds the members, counts the change and audits it: for a change made here, and one the peer's official made (issue #13). */
export async function applyAddMembers(ctx: AppContext, trx: Tx, { group, nations }: GroupInHand, by: GroupChangeBy, members: readonly MemberInput[]): Promise<WorkingGroupMemberRow[]> {
  const rows = await insertMembers(trx, group.id, nations, members, ctx.now());
  await groupChanged(ctx, trx, group.id, answersOf(by));
  await auditGroupChange(ctx, trx, by, { parties: nations, action: 'working_group.add_members', entityType: 'working_group', entityId: group.id, data: { members: rows.map((m) => ({ id: m.id, name: m.name, nation: m.nation, chair: m.chair })) } });
  return rows;
}
