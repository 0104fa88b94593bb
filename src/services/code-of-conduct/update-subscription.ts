import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { findSubscriptionForUpdate, replaceSubscriptionDetails, updateSubscriptionRow } from '../../store/code-of-conduct.repository.js';
import type { AppContext } from '../context.js';
import { loadSubscriptionViews, subscriptionNotFound, type CapabilityInput, type ContactInput, type SubscriptionView } from './subscription-view.js';
import { isUuid } from '../../domain/uuid.js';

export interface SubscriptionDetails {
  version: number;
  signedBy: { name: string; title: string };
  notes: string;
  capabilities: CapabilityInput[];
  contacts: ContactInput[];
}

/** Edits who signed, notes, capability catalogue and contacts (not the status: see changeSubscriptionStatus). */
export async function updateSubscription(ctx: AppContext, { actor, id, input }: { actor: Actor; id: string; input: SubscriptionDetails }): Promise<SubscriptionView> {
  if (!isUuid(id)) throw subscriptionNotFound(id);
  await ctx.store.db.transaction().execute(async (trx) => {
    const row = await findSubscriptionForUpdate(trx, id);
    if (!row || row.nation !== actor.nation) throw subscriptionNotFound(id);
    if (row.version !== input.version) throw new AppError('STALE_VERSION', { detail: `The subscription changed meanwhile (version ${row.version}, you sent ${input.version}). Reload and edit again.` });
    await updateSubscriptionRow(trx, id, { signed_by_name: input.signedBy.name, signed_by_title: input.signedBy.title, notes: input.notes, updated_at: ctx.now(), version: row.version + 1 });
    await replaceSubscriptionDetails(trx, id, input.capabilities, input.contacts);
    await auditAs(trx, actor, {
      action: 'coc.update',
      entityType: 'coc_subscription',
      entityId: id,
      data: { organisation: row.organisation_id, signedBy: input.signedBy, capabilities: input.capabilities, contacts: input.contacts.map((c) => c.name) },
    });
  });
  const [view] = await loadSubscriptionViews(ctx.store.db, [id], true);
  return view!;
}
