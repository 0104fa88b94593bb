import type { Actor } from '../../domain/access/actor.js';
import { stateLabel } from '../../domain/workflows/workflow-engine.js';
import { AppError } from '../../domain/errors.js';
import { findOrganisation, listCompanyAssignments, runningCompanyResponseDeadlines } from '../../store/code-of-conduct.repository.js';
import type { SubscriptionStatus } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { listSubscribers } from './list-subscribers.js';
import { assertKeepsRegistry } from './subscription-view.js';
import type { ApiAnswer } from '../../contract/api-schema.js';

/**
 * A Code of Conduct company's desk (issue #11 item 12): the US requests its nation's SOSA cell put
 * to it, what it answered, and its subscription. Under the Code of Conduct a company "makes every
 * reasonable effort" and commits or declines with a reason (dpas-sosa.md §1); its answer is due by
 * the company-response deadline of the workflow.
 *
 * Only the company's own assignments. A company that declined, or whose assignment closed because
 * another company committed, no longer reads the request (DESIGN.md, sovereignty rule): the desk
 * keeps the reference and the company's own answer, not the request's content, and never names
 * the company that committed.
 */

/**
 * One request on the desk, as GET /commitments declares it (written once, issue #12): `requestId`
 * is set while the company may open the request (asked, or committed), `answerBy` is the running
 * company-response deadline while the answer is awaited, `reason` the company's own when it declined.
 */
export type CommitmentItem = ApiAnswer<'getCommitments'>['items'][number];
export type CommitmentStatus = CommitmentItem['status'];

export interface CompanyCommitments {
  company: { id: string; name: string; nation: string };
  subscription: { status: SubscriptionStatus; statusSince: string; subscribedOn: string } | null;
  items: CommitmentItem[];
}

const ORDER: Record<CommitmentStatus, number> = { pending: 0, committed: 1, declined: 2, closed: 3 };

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export async function listCompanyCommitments(ctx: AppContext, { actor }: { actor: Actor }): Promise<CompanyCommitments> {
  const db = ctx.store.db;
  const org = await findOrganisation(db, actor.organisationId);
  if (!org || org.kind !== 'company' || !actor.roles.includes('supplier')) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: 'The commitments desk is for the users of a Code of Conduct company.' });
  }
  try {
    await assertKeepsRegistry(db, org.nation);
  } catch {
    throw new AppError('FORBIDDEN', { detail: `Companies of ${org.nation} answer rated orders under DPAS (15 CFR 700) on their order desk; the commitments desk is for Code of Conduct companies.` });
  }

  const rows = await listCompanyAssignments(db, org.id);
  const dueOf = await runningCompanyResponseDeadlines(db, rows.filter((r) => r.status === 'pending').map((r) => r.id));
  const now = ctx.now();
  const def = await ctx.workflows.get('code_of_conduct');

  const items = rows.map((r): CommitmentItem => {
    const details = (r.details ?? {}) as Record<string, unknown>;
    // An assignment still pending on a request that moved on (withdrawn, denied) needs no answer.
    const status: CommitmentStatus = r.status === 'accepted' ? 'committed' : r.status === 'declined' ? 'declined' : r.status === 'pending' && r.state === 'routed' ? 'pending' : 'closed';
    const readable = status === 'pending' || status === 'committed';
    const due = dueOf.get(r.id);
    return {
      reference: r.reference,
      status,
      routedAt: r.created_at.toISOString(),
      decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
      requestId: readable ? r.id : null,
      title: readable ? r.title : null,
      urgency: readable ? r.urgency : null,
      requiredBy: readable ? r.required_by : null,
      state: readable ? { id: r.state, label: stateLabel(def, r.state) } : null,
      answerBy: status === 'pending' && due ? { dueAt: due.toISOString(), overdue: due <= now } : null,
      promisedDeliveryDate: status === 'committed' ? text(details.promised_delivery_date) : null,
      note: status === 'committed' ? text(details.note) : null,
      reason: status === 'declined' ? text(details.reason) : null,
    };
  });
  items.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.answerBy?.dueAt ?? '').localeCompare(b.answerBy?.dueAt ?? '') || b.routedAt.localeCompare(a.routedAt));

  const [subscription] = await listSubscribers(ctx, { actor, filter: {} });
  return {
    company: { id: org.id, name: org.name, nation: org.nation },
    subscription: subscription ? { status: subscription.status, statusSince: subscription.statusSince, subscribedOn: subscription.subscribedOn } : null,
    items,
  };
}
