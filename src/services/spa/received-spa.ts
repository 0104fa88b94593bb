import { spaViewFor } from '../../domain/dpas/spa.js';
import type { SpaSetBody } from '../../domain/federation/bodies.js';
import type { Actor } from '../../domain/access/actor.js';
import { findReceivedSpas, listReceivedSpas, type ReceivedSpaRow } from '../../store/received-spa.repository.js';
import type { AppContext } from '../context.js';
import type { SpaStatus } from '../../domain/dpas/spa.js';
import { isUuid } from '../../domain/uuid.js';

type ReceivedView = SpaSetBody['spa'];

/**
 * On a sovereign instance (issue #13), the SPA requests another nation's companies filed on their
 * own instance reach this nation only as their partner view (`spa.set`, apply-spa-set.ts). They
 * are read where a partner nation's officer reads them on a shared instance — the SPA list and
 * `GET /spa-requests/{id}` — in the same shape, by the same rule (`spaViewFor` with this nation as
 * the partner): this nation's SOSA officers, and nobody else (404). Nobody here acts on them.
 */
export async function readReceivedSpa(ctx: AppContext, actor: Actor, id: string): Promise<ReceivedView | null> {
  const own = ctx.config.nation;
  if (!own || !isUuid(id)) return null;
  const [copy] = (await findReceivedSpas(ctx.store.db, id)).flatMap(viewOf);
  return copy && readsAsPartner(actor, own, copy) ? copy : null;
}

/** The received SPAs the actor reads, newest first, as `createdAt` and the list's row. */
export async function listReceivedSpaItems(ctx: AppContext, actor: Actor, status: SpaStatus | undefined, limit: number): Promise<ReceivedView[]> {
  const own = ctx.config.nation;
  if (!own || !actor.roles.includes('sosa_officer')) return [];
  const views = (await listReceivedSpas(ctx.store.db, limit)).flatMap(viewOf);
  return views.filter((v) => (!status || v.status === status) && readsAsPartner(actor, own, v)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Validated when it was applied (spaSetBodySchema); held as sent. */
function viewOf(r: ReceivedSpaRow): ReceivedView[] {
  return r.spa ? [r.spa as ReceivedView] : [];
}

/** The rule of a shared instance, with this instance's nation as the partner the SPA was sent to. */
function readsAsPartner(actor: Actor, own: string, v: ReceivedView): boolean {
  return spaViewFor(actor, { organisationId: v.company.id, nation: v.nation, status: v.status, forwarded: v.forwardedAt !== null, partnerNations: [own] }) === 'partner';
}
