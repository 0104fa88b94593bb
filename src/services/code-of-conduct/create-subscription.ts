import { randomUUID } from 'node:crypto';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { findOrganisation, findOrganisationByShortName, findSubscriptionOfOrganisation, insertOrganisation, insertStatusHistory, insertSubscription, replaceSubscriptionDetails, setCodeOfConductSince } from '../../store/code-of-conduct.repository.js';
import type { AppContext } from '../context.js';
import { todayIn } from '../calendars/today-in.js';
import { assertKeepsRegistry, loadSubscriptionViews, type CapabilityInput, type ContactInput, type SubscriptionView } from './subscription-view.js';

export interface NewSubscription {
  /** An existing company of the actor's nation … */
  organisationId?: string;
  /** … or a company new to the desk. */
  newCompany?: { name: string; shortName: string };
  subscribedOn: string;
  signedBy: { name: string; title: string };
  notes: string;
  capabilities: CapabilityInput[];
  contacts: ContactInput[];
}

/**
 * A company subscribes to the nation's Code of Conduct (dpas-sosa-sources.md §2.1: voluntary).
 * One subscription per company: a second is 409 (a lapsed or withdrawn firm is renewed through a
 * status change, so its history stays on one entry). Writes the subscription, its first history
 * row, the mirror organisations.code_of_conduct_since and the audit event in one transaction.
 */
export async function createSubscription(ctx: AppContext, { actor, input }: { actor: Actor; input: NewSubscription }): Promise<SubscriptionView> {
  const id = await ctx.store.db.transaction().execute(async (trx) => {
    await assertKeepsRegistry(trx, actor.nation);
    const today = await todayIn(ctx, actor.nation, trx);
    if (input.subscribedOn > today) throw validationError([{ field: 'subscribedOn', message: `must not be in the future (today is ${today})` }]);
    let organisationId: string;
    let companyName: string;
    if (input.organisationId) {
      const org = await findOrganisation(trx, input.organisationId);
      if (!org || org.kind !== 'company' || org.nation !== actor.nation) throw validationError([{ field: 'organisationId', message: `must be a company of ${actor.nation}` }]);
      organisationId = org.id;
      companyName = org.name;
    } else if (input.newCompany) {
      const taken = await findOrganisationByShortName(trx, actor.nation, input.newCompany.shortName);
      if (taken) throw new AppError('DUPLICATE', { detail: `The short name ${input.newCompany.shortName} is already used by ${taken.name}. Choose that company instead, or another short name.`, errors: [{ field: 'newCompany/shortName', message: 'is taken' }] });
      organisationId = randomUUID();
      companyName = input.newCompany.name;
      await insertOrganisation(trx, { id: organisationId, nation: actor.nation, kind: 'company', name: input.newCompany.name, short_name: input.newCompany.shortName, code_of_conduct_since: null });
      await auditAs(trx, actor, { action: 'organisation.create', entityType: 'organisation', entityId: organisationId, data: { name: input.newCompany.name, shortName: input.newCompany.shortName, kind: 'company' } });
    } else {
      throw validationError([{ field: 'organisationId', message: 'choose a company, or give newCompany' }]);
    }
    const existing = await findSubscriptionOfOrganisation(trx, organisationId);
    if (existing) {
      throw new AppError('DUPLICATE', {
        detail: `${companyName} already subscribed to the Code of Conduct on ${existing.subscribed_on} (status ${existing.status}). Change that subscription's status instead of subscribing again.`,
        errors: [{ field: 'organisationId', message: 'has already subscribed' }],
        extra: { existingId: existing.id },
      });
    }
    const id = randomUUID();
    const now = ctx.now();
    await insertSubscription(trx, { id, organisation_id: organisationId, nation: actor.nation, subscribed_on: input.subscribedOn, signed_by_name: input.signedBy.name, signed_by_title: input.signedBy.title, status: 'active', status_since: input.subscribedOn, notes: input.notes, created_at: now, updated_at: now });
    await insertStatusHistory(trx, { subscription_id: id, at: now, actor_id: actor.userId, from_status: null, to_status: 'active', effective_on: input.subscribedOn, reason: 'Subscribed' });
    await replaceSubscriptionDetails(trx, id, input.capabilities, input.contacts);
    await setCodeOfConductSince(trx, organisationId, input.subscribedOn);
    await auditAs(trx, actor, {
      action: 'coc.subscribe',
      entityType: 'coc_subscription',
      entityId: id,
      data: { organisation: organisationId, subscribedOn: input.subscribedOn, signedBy: input.signedBy, capabilities: input.capabilities.length, contacts: input.contacts.length },
    });
    return id;
  });
  const [view] = await loadSubscriptionViews(ctx.store.db, [id], true);
  return view!;
}
