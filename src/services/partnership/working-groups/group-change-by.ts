import type { Actor } from '../../../domain/access/actor.js';
import { appendAudit, auditAs, type AuditEntry } from '../../../store/audit.repository.js';
import type { Tx } from '../../../store/executor.js';
import type { WorkingGroupRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';

/**
 * Who changes a working group: a SOSA officer of this instance, or (issue #13, README "Sovereign
 * instances") the other nation's SOSA officer on its own instance, where the group is a copy,
 * named as the `working_group.change` message names them, never a user here
 * (federation/apply-working-group-change.ts). Both take the same use case code.
 */
export type GroupChangeBy = { kind: 'user'; actor: Actor } | { kind: 'peer'; nation: string; displayName: string; organisation: string | null; messageId: string; answers: string };

/** A group the change is made to, checked and locked by the caller. */
export interface GroupInHand {
  group: WorkingGroupRow;
  nations: [string, string];
}

export const userOf = (by: GroupChangeBy): Actor | null => (by.kind === 'user' ? by.actor : null);

/** The hash of the peer's message the group's next `working_group.set` answers. */
export const answersOf = (by: GroupChangeBy): string | undefined => (by.kind === 'peer' ? by.answers : undefined);

/**
 * The change's audit event, in its transaction: as the signed-in officer, or, applied from the
 * peer's message, as the federation naming the peer's official (nation and name, not an account).
 */
export async function auditGroupChange(ctx: AppContext, trx: Tx, by: GroupChangeBy, event: Omit<AuditEntry, 'actorId' | 'actor' | 'nation'> & { data: Record<string, unknown> }): Promise<void> {
  if (by.kind === 'user') return auditAs(trx, by.actor, event);
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: ctx.config.nation ?? null,
    ...event,
    data: { ...event.data, byNation: by.nation, by: by.displayName, byOrganisation: by.organisation, messageId: by.messageId },
  });
}
