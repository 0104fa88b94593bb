import { AppError, validationError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { findProgramParties } from '../../../store/programs.repository.js';
import { groupNameTaken, insertGroup } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { isParty } from '../../programs/program-view.js';
import { loadArrangementOfActor } from '../partnership-access.js';
import { insertMembers, type MemberInput } from './add-members.js';
import { shareWorkingGroupChange } from '../../federation/share-working-group-change.js';

/**
 * SOSA working groups (dpas-sosa-sources.md §2.1: "The Arrangements institute working groups"):
 * a SOSA officer creates one under an arrangement of its nation, with members of both nations.
 */
export async function createWorkingGroup(ctx: AppContext, actor: Actor, input: { arrangementId: string; name: string; purpose?: string | undefined; programId?: string | null | undefined; members: MemberInput[] }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    // Ids in the body are checked like any field (422 naming it); another nation's arrangement and
    // a missing one read the same.
    const arrangement = await loadArrangementOfActor(trx, actor, input.arrangementId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw validationError([{ field: 'arrangementId', message: `must be an arrangement ${actor.nation} is party to` }]);
      throw e;
    });
    if (input.programId) {
      const program = await findProgramParties(trx, input.programId);
      if (!program || !isParty(actor, program)) throw validationError([{ field: 'programId', message: `is not a program ${actor.nation} is party to` }]);
    }
    if (await groupNameTaken(trx, arrangement.id, input.name)) throw new AppError('DUPLICATE', { detail: `${arrangement.name} already has a working group named ${input.name}.`, errors: [{ field: 'name', message: 'is taken' }] });
    const now = ctx.now();
    const group = await insertGroup(trx, { arrangement_id: arrangement.id, name: input.name, purpose: input.purpose ?? '', program_id: input.programId ?? null, created_by: actor.userId, created_at: now, updated_at: now });
    const members = await insertMembers(trx, group.id, [arrangement.nation_a, arrangement.nation_b], input.members, now);
    // Held here, by the creator's nation's instance; the partner's instance gets its copy (issue #13).
    await shareWorkingGroupChange(ctx, trx, group.id);
    await auditAs(trx, actor, { parties: [arrangement.nation_a, arrangement.nation_b], action: 'working_group.create', entityType: 'working_group', entityId: group.id, data: { arrangement: arrangement.id, name: group.name, members: members.map((m) => m.id), chairs: members.filter((m) => m.chair).map((m) => m.id) } });
    return group;
  });
}
