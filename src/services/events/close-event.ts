import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { closeEventRow } from '../../store/event-requests.repository.js';
import type { AppContext } from '../context.js';
import { loadEvent } from './load-event.js';

/** Closes an open event with a note (issue #15): it leaves the open list; its requests go on. Audited. */
export async function closeEvent(ctx: AppContext, { actor, eventId, note }: { actor: Actor; eventId: string; note: string }): Promise<void> {
  const event = await loadEvent(ctx.store.db, actor, eventId);
  await ctx.store.db.transaction().execute(async (trx) => {
    if (!(await closeEventRow(trx, { nation: actor.nation, id: event.id, by: actor.userId, at: ctx.now(), note }))) {
      throw new AppError('CONFLICT', { detail: 'The event is closed already.' });
    }
    await auditAs(trx, actor, { action: 'event.close', entityType: 'disruption_event', entityId: event.id, data: { note } });
  });
}
