import { AppError, validationError } from '../../domain/errors.js';
import { statusChangeProblems } from '../../domain/partnership/subscription-status.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { findSubscriptionForUpdate, insertStatusHistory, setCodeOfConductSince, updateSubscriptionRow } from '../../store/code-of-conduct.repository.js';
import type { SubscriptionStatus } from '../../store/schema.js';
import { todayIn } from '../calendars/today-in.js';
import type { AppContext } from '../context.js';
import { loadSubscriptionViews, subscriptionNotFound, type SubscriptionView } from './subscription-view.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * Records a status change (active → lapsed/withdrawn, renewal): a new history row, never an
 * overwrite of the old one. Only an active subscriber may be routed requests, so the mirror
 * organisations.code_of_conduct_since is the subscription date while active and null otherwise.
 */
export async function changeSubscriptionStatus(
  ctx: AppContext,
  { actor, id, input }: { actor: Actor; id: string; input: { version: number; status: SubscriptionStatus; effectiveOn: string; reason: string } },
): Promise<SubscriptionView> {
  if (!isUuid(id)) throw subscriptionNotFound(id);
  await ctx.store.db.transaction().execute(async (trx) => {
    const row = await findSubscriptionForUpdate(trx, id);
    if (!row || row.nation !== actor.nation) throw subscriptionNotFound(id);
    if (row.version !== input.version) throw new AppError('STALE_VERSION', { detail: `The subscription changed meanwhile (version ${row.version}, you sent ${input.version}). Reload and try again.` });
    const today = await todayIn(ctx, actor.nation, trx);
    const problems = statusChangeProblems({ from: row.status, to: input.status, effectiveOn: input.effectiveOn, currentSince: row.status_since, reason: input.reason, today });
    if (problems.length) throw validationError(problems, 'This status change cannot be recorded.');
    const now = ctx.now();
    await updateSubscriptionRow(trx, id, { status: input.status, status_since: input.effectiveOn, updated_at: now, version: row.version + 1 });
    await insertStatusHistory(trx, { subscription_id: id, at: now, actor_id: actor.userId, from_status: row.status, to_status: input.status, effective_on: input.effectiveOn, reason: input.reason });
    await setCodeOfConductSince(trx, row.organisation_id, input.status === 'active' ? row.subscribed_on : null);
    await auditAs(trx, actor, {
      action: 'coc.status_change',
      entityType: 'coc_subscription',
      entityId: id,
      data: { organisation: row.organisation_id, from: row.status, to: input.status, effectiveOn: input.effectiveOn, reason: input.reason },
    });
  });
  const [view] = await loadSubscriptionViews(ctx.store.db, [id], true);
  return view!;
}
