// A Code of Conduct company's desk (issue #11 item 12): the requests its nation's SOSA cell put to
// it with the date its answer is due, what it committed to, what it declined and why, and its
// subscription. The company commits or declines on the request's page.
import type { ReactNode } from 'react';
import { commitmentsApi, type CommitmentItem, type CompanyCommitments } from '../api/commitments.js';
import { UrgencyBadge, StateBadge } from '../components/Badges.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { dueText, formatDate, formatDateTime } from '../format.js';
import { href } from '../router.js';
import { nationName, useSession } from '../session.js';
import { useLoad } from '../use-load.js';
import { SubscriptionBadge } from './code-of-conduct/SubscriptionBadge.js';

function Section({ title, id, testId, children }: { title: string; id: string; testId: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id} data-testid={testId}>
      <div className="panel-head">
        <h2 id={id} className="panel-title">{title}</h2>
      </div>
      {children}
    </section>
  );
}

function RequestLink({ item }: { item: CommitmentItem }) {
  if (!item.requestId) return <span className="mono">{item.reference}</span>;
  return (
    <>
      <a className="mono" href={href(`/requests/${item.requestId}`)}>{item.reference}</a>
      <div><a href={href(`/requests/${item.requestId}`)}>{item.title}</a></div>
    </>
  );
}

function Subscription({ desk }: { desk: CompanyCommitments }) {
  const s = desk.subscription;
  if (!s) {
    return <div className="banner banner-warn" role="status">{desk.company.name} has no Code of Conduct subscription on record, so the SOSA cell cannot route requests to it. Ask your SOSA cell to register it.</div>;
  }
  return (
    <p className="commitments-subscription">
      Code of Conduct subscription: <SubscriptionBadge status={s.status} /> since {formatDate(s.statusSince)} (subscribed {formatDate(s.subscribedOn)}) ·{' '}
      <a href={href('/code-of-conduct')}>Your Code of Conduct entry</a>
      {s.status !== 'active' ? <span className="commitments-lapsed"> — while it is not active, no new request can be routed to your company.</span> : null}
    </p>
  );
}

function Pending({ items }: { items: CommitmentItem[] }) {
  return (
    <Section title="Waiting on your answer" id="commitments-pending-h" testId="commitments-pending">
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Requests put to your company that wait on your commitment or decline</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Urgency</th>
              <th scope="col">Required by</th>
              <th scope="col">Answer by</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.reference}>
                <td><RequestLink item={i} /></td>
                <td>{i.urgency ? <UrgencyBadge urgency={i.urgency} /> : null}</td>
                <td className="nowrap">{formatDate(i.requiredBy)}</td>
                <td className="nowrap">
                  {i.answerBy ? (
                    <span className={i.answerBy.overdue ? 'deadline-cell overdue' : 'deadline-cell'}>
                      <span className="deadline-label">{formatDateTime(i.answerBy.dueAt)}</span>
                      <span className="deadline-when">{dueText(i.answerBy.dueAt, i.answerBy.overdue)}</span>
                    </span>
                  ) : (
                    <span className="muted">No deadline</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="pad small muted">Open a request to commit to priority support with a promised delivery date, or to decline with a reason.</p>
    </Section>
  );
}

function Committed({ items }: { items: CommitmentItem[] }) {
  return (
    <Section title="Your commitments" id="commitments-committed-h" testId="commitments-committed">
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Requests your company committed to</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">State</th>
              <th scope="col">Required by</th>
              <th scope="col">You promised</th>
              <th scope="col">Committed on</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.reference}>
                <td><RequestLink item={i} /></td>
                <td>{i.state ? <StateBadge state={i.state.id} label={i.state.label} /> : null}</td>
                <td className="nowrap">{formatDate(i.requiredBy)}</td>
                <td className="nowrap">{formatDate(i.promisedDeliveryDate)}</td>
                <td className="nowrap">{formatDate(i.decidedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Declined({ items }: { items: CommitmentItem[] }) {
  return (
    <Section title="Declined, with your reasons" id="commitments-declined-h" testId="commitments-declined">
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Requests your company declined, with the reason it gave</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Declined on</th>
              <th scope="col">Your reason</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.reference}>
                <td className="nowrap mono">{i.reference}</td>
                <td className="nowrap">{formatDate(i.decidedAt)}</td>
                <td>{i.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Closed({ items }: { items: CommitmentItem[] }) {
  return (
    <Section title="No longer needed from you" id="commitments-closed-h" testId="commitments-closed">
      <ul className="dash-work-list">
        {items.map((i) => (
          <li key={i.reference}>
            <span className="mono">{i.reference}</span> <span className="small muted">— put to your company on {formatDate(i.routedAt)}; the request went ahead without your answer (another company committed, or it was closed).</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function CommitmentsPage() {
  const { user, reference } = useSession();
  const load = useLoad(() => commitmentsApi.get(), []);
  const desk = load.data;
  const by = (status: CommitmentItem['status']) => (desk?.items ?? []).filter((i) => i.status === status);
  const pending = by('pending');
  const nation = nationName(reference, user.nation);
  return (
    <div className="page">
      <PageHeader
        title="Code of Conduct commitments"
        subtitle={
          desk
            ? `${desk.company.name}: requests for priority support that ${nation}'s SOSA cell put to your company under the Code of Conduct. ${pending.length === 0 ? 'None waits on your answer.' : `${pending.length} ${pending.length === 1 ? 'waits' : 'wait'} on your answer.`}`
            : 'Requests for priority support put to your company under the Code of Conduct'
        }
        actions={<button type="button" className="btn btn-small" onClick={load.reload} disabled={load.loading}>Refresh</button>}
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !desk ? <Spinner /> : null}
      {desk ? (
        <>
          <Subscription desk={desk} />
          {desk.items.length === 0 ? (
            <div data-testid="commitments-empty">
              <EmptyState title="No request has been put to your company yet">
                When {nation}&apos;s SOSA cell routes a request for priority support to {desk.company.name}, it appears here with the date your answer is due, and
                you are notified. The cell chooses companies by their catalogue: keep your capabilities current in{' '}
                <a href={href('/code-of-conduct')}>your Code of Conduct entry</a>.
              </EmptyState>
            </div>
          ) : null}
          {pending.length ? <Pending items={pending} /> : null}
          {by('committed').length ? <Committed items={by('committed')} /> : null}
          {by('declined').length ? <Declined items={by('declined')} /> : null}
          {by('closed').length ? <Closed items={by('closed')} /> : null}
        </>
      ) : null}
    </div>
  );
}
