import { randomUUID } from 'node:crypto';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';
import { todayIn } from '../calendars/today-in.js';
import { assertKeepsRegistry, loadSubscriptionViews, replaceDetails, type CapabilityInput, type ContactInput, type SubscriptionView } from './subscriptions.repository.js';

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
      const org = await trx.selectFrom('organisations').select(['id', 'nation', 'kind', 'name']).where('id', '=', input.organisationId).executeTakeFirst();
      if (!org || org.kind !== 'company' || org.nation !== actor.nation) throw validationError([{ field: 'organisationId', message: `must be a company of ${actor.nation}` }]);
      organisationId = org.id;
      companyName = org.name;
    } else if (input.newCompany) {
      const taken = await trx.selectFrom('organisations').select('name').where('nation', '=', actor.nation).where('short_name', '=', input.newCompany.shortName).executeTakeFirst();
      if (taken) throw new AppError('DUPLICATE', { detail: `The short name ${input.newCompany.shortName} is already used by ${taken.name}. Choose that company instead, or another short name.`, errors: [{ field: 'newCompany/shortName', message: 'is taken' }] });
      organisationId = randomUUID();
      companyName = input.newCompany.name;
      await trx.insertInto('organisations').values({ id: organisationId, nation: actor.nation, kind: 'company', name: input.newCompany.name, short_name: input.newCompany.shortName, code_of_conduct_since: null }).execute();
      await auditAs(trx, actor, { action: 'organisation.create', entityType: 'organisation', entityId: organisationId, data: { name: input.newCompany.name, shortName: input.newCompany.shortName, kind: 'company' } });
    } else {
      throw validationError([{ field: 'organisationId', message: 'choose a company, or give newCompany' }]);
    }
    const existing = await trx.selectFrom('coc_subscriptions').select(['id', 'status', 'subscribed_on']).where('organisation_id', '=', organisationId).executeTakeFirst();
    if (existing) {
      throw new AppError('DUPLICATE', {
        detail: `${companyName} already subscribed to the Code of Conduct on ${existing.subscribed_on} (status ${existing.status}). Change that subscription's status instead of subscribing again.`,
        errors: [{ field: 'organisationId', message: 'has already subscribed' }],
        extra: { existingId: existing.id },
      });
    }
    const id = randomUUID();
    const now = ctx.now();
    await trx
      .insertInto('coc_subscriptions')
      .values({ id, organisation_id: organisationId, nation: actor.nation, subscribed_on: input.subscribedOn, signed_by_name: input.signedBy.name, signed_by_title: input.signedBy.title, status: 'active', status_since: input.subscribedOn, notes: input.notes, created_at: now, updated_at: now })
      .execute();
    await trx.insertInto('coc_status_history').values({ id: randomUUID(), subscription_id: id, at: now, actor_id: actor.userId, from_status: null, to_status: 'active', effective_on: input.subscribedOn, reason: 'Subscribed' }).execute();
    await replaceDetails(trx, id, input.capabilities, input.contacts, randomUUID);
    await trx.updateTable('organisations').set({ code_of_conduct_since: input.subscribedOn }).where('id', '=', organisationId).execute();
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
