import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import type { Db } from '../../../store/executor.js';
import { findGroupWithNations, isGroupMember, type GroupViewer, type WorkingGroupRow } from '../../../store/working-groups.repository.js';
import { notFound } from '../partnership-access.js';
import { isUuid } from '../../../domain/uuid.js';

// Who sees a working group: the SOSA officers and auditors of its two nations, and its members;
// anyone else gets 404. Who changes it: the SOSA officers of its two nations. A copy a peer's
// instance sent (`working_group.set`, issue #13) is changed on the instance that holds it: a change
// made to the copy here is sent there (send-working-group-change.ts) and applied by the holder.


export interface LoadedGroup {
  group: WorkingGroupRow;
  nations: [string, string];
  member: boolean;
}

export const isOfficial = (actor: Actor) => actor.roles.includes('sosa_officer') || actor.roles.includes('auditor');

export const viewerOf = (actor: Actor): GroupViewer => ({ nation: actor.nation, userId: actor.userId, official: isOfficial(actor) });

/** The group if the actor may see it (and, with `write`, change it: here, or by sending the change to the holder of a copy); 404 otherwise. */
export async function loadGroup(db: Db, actor: Actor, id: string, options: { write?: boolean; forUpdate?: boolean } = {}): Promise<LoadedGroup> {
  if (!isUuid(id)) throw notFound('working group', id);
  const row = await findGroupWithNations(db, id, options);
  if (!row) throw notFound('working group', id);
  const nations: [string, string] = [row.nation_a, row.nation_b];
  if (!nations.includes(actor.nation)) throw notFound('working group', id);
  const member = await isGroupMember(db, id, actor.userId);
  if (!isOfficial(actor) && !member) throw notFound('working group', id);
  if (options.write && !actor.roles.includes('sosa_officer')) throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Only the SOSA officers of the two nations change a working group.' });
  const { nation_a: _a, nation_b: _b, ...group } = row;
  return { group, nations, member };
}
