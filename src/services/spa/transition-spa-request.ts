import { spaPartiesOf, spaTransition, type SpaAction } from '../../domain/dpas/spa.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertSpaEvent, updateSpaAtVersion } from '../../store/spa.repository.js';
import type { AppContext } from '../context.js';
import { notifySpaStep } from '../notifications/notify-workflow-step.js';
import { shareSpaChange } from '../federation/share-spa-change.js';
import { readReceivedSpa } from './received-spa.js';
import { loadVisibleSpa, partnerNationsOf, scopeOf, viewSpa, withPartnerDelivery, type SpaRequestView } from './spa-view.js';

/**
 * One step of the SPA life cycle (domain/dpas/spa.ts): the row is locked, the step checked against
 * the status and the actor's party, then written with its event and an audit event. Of two
 * concurrent steps on one request exactly one wins; the other gets 409. An optional `version`
 * guards against acting on a stale screen.
 */
export async function transitionSpaRequest(ctx: AppContext, { actor, id, action, note, version }: { actor: Actor; id: string; action: SpaAction; note?: string | undefined; version?: number | undefined }): Promise<SpaRequestView> {
  // Sovereign instances (issue #13): a partner view another nation's instance sent is read here, never acted on.
  if (await readReceivedSpa(ctx, actor, id)) throw partnerMayNotAct();
  return ctx.store.db.transaction().execute(async (trx) => {
    const { row, scope, view } = await loadVisibleSpa(trx, actor, id, { forUpdate: true });
    if (view !== 'full') throw partnerMayNotAct();
    if (version !== undefined && version !== row.version) throw new AppError('STALE_VERSION', { detail: `The request is at version ${row.version}, not ${version}: reload it.` });
    const step = spaTransition(row.status, action, spaPartiesOf(actor, scope), note);
    if (!step.ok) {
      if (step.reason === 'not_in_state') throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: step.message });
      if (step.reason === 'not_your_step') throw new AppError('ROLE_NOT_ALLOWED', { detail: step.message });
      throw validationError([{ field: 'note', message: step.message }]);
    }
    const now = ctx.now();
    const closing = step.to === 'resolved' || step.to === 'denied' || step.to === 'withdrawn';
    const updated = await updateSpaAtVersion(trx, row.id, row.version, {
      status: step.to,
      updated_at: now,
      version: row.version + 1,
      ...(step.to === 'submitted' ? { submitted_at: now } : {}),
      ...(step.to === 'forwarded_to_commerce' ? { forwarded_at: now } : {}),
      ...(closing ? { closed_at: now } : {}),
      ...(step.to === 'resolved' || step.to === 'denied' ? { outcome_note: note!.trim() } : {}),
    });
    if (!updated) throw new AppError('STALE_VERSION', { detail: 'The request changed meanwhile: reload it.' });
    const eventId = await insertSpaEvent(trx, { spa_request_id: row.id, at: now, actor_id: actor.userId, actor_nation: actor.nation, action, from_status: row.status, to_status: step.to, note: note?.trim() || null });
    await auditAs(trx, actor, {
      action: `spa_request.${action}`,
      entityType: 'spa_request',
      entityId: row.id,
      data: { reference: row.reference, from: row.status, to: step.to, rule: step.rule, ...(note?.trim() ? { note: note.trim() } : {}) },
    });
    const partners = (await partnerNationsOf(trx, [row.id])).get(row.id) ?? [];
    await notifySpaStep(ctx, trx, { spa: updated, scope: scopeOf(updated, partners), actor, eventId });
    // Sovereign instances (issue #13): the step reaches the partner nation's instance with the partner view.
    await shareSpaChange(ctx, trx, updated.id);
    return withPartnerDelivery(ctx, trx, actor, await viewSpa(trx, actor, updated, scopeOf(updated, partners), 'full'));
  });
}

function partnerMayNotAct(): AppError {
  return new AppError('ROLE_NOT_ALLOWED', { detail: 'A partner nation reads this request; it does not act on it.' });
}
