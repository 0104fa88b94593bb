// A Code of Conduct company's desk (issue #11 item 12): the requests its nation's SOSA cell put to
// it with the date its answer is due, what it committed to, what it declined and why, and its
// subscription. The company commits or declines on the request's page.
import type { ReactNode } from 'react';
import { commitmentsApi, type CommitmentItem, type CompanyCommitments } from '../api/commitments.js';
import { UrgencyBadge, StateBadge } from '../components/Badges.js';
import { EmptyState } from '../components/EmptyState.js';
import { DataTable, type Column } from '../components/list/DataTable.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { dueText, formatDate, formatDateTime } from '../format.js';
import { href } from '../router.js';
import { nationName, useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
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

const requestColumn: Column<CommitmentItem> = { head: 'Request', cell: (i) => <RequestLink item={i} /> };
const requiredBy: Column<CommitmentItem> = { head: 'Required by', cellClass: 'nowrap', cell: (i) => formatDate(i.requiredBy) };

const PENDING_COLUMNS: Array<Column<CommitmentItem>> = [
  requestColumn,
  { head: 'Urgency', cell: (i) => (i.urgency ? <UrgencyBadge urgency={i.urgency} /> : null) },
  requiredBy,
  {
    head: 'Answer by',
    cellClass: 'nowrap',
    cell: (i) =>
      i.answerBy ? (
        <span className={i.answerBy.overdue ? 'deadline-cell overdue' : 'deadline-cell'}>
          <span className="deadline-label">{formatDateTime(i.answerBy.dueAt)}</span>
          <span className="deadline-when">{dueText(i.answerBy.dueAt, i.answerBy.overdue)}</span>
        </span>
      ) : (
        <span className="muted">No deadline</span>
      ),
  },
];

const COMMITTED_COLUMNS: Array<Column<CommitmentItem>> = [
  requestColumn,
  { head: 'State', cell: (i) => (i.state ? <StateBadge state={i.state.id} label={i.state.label} /> : null) },
  requiredBy,
  { head: 'You promised', cellClass: 'nowrap', cell: (i) => formatDate(i.promisedDeliveryDate) },
  { head: 'Committed on', cellClass: 'nowrap', cell: (i) => formatDate(i.decidedAt) },
];

const DECLINED_COLUMNS: Array<Column<CommitmentItem>> = [
  { head: 'Request', cellClass: 'nowrap mono', cell: (i) => i.reference },
  { head: 'Declined on', cellClass: 'nowrap', cell: (i) => formatDate(i.decidedAt) },
  { head: 'Your reason', cell: (i) => i.reason },
];

/** One section of the desk: its title, and the items of one status as a table. */
function ItemsTable({ title, id, testId, caption, columns, items, children }: { title: string; id: string; testId: string; caption: string; columns: Array<Column<CommitmentItem>>; items: CommitmentItem[]; children?: ReactNode }) {
  return (
    <Section title={title} id={id} testId={testId}>
      <div className="table-wrap">
        <DataTable rows={items} columns={columns} rowKey={(i) => i.reference} caption={caption} />
      </div>
      {children}
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
  const load = useApiQuery(keys.commitments.list(), () => commitmentsApi.get());
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
          {pending.length ? (
            <ItemsTable title="Waiting on your answer" id="commitments-pending-h" testId="commitments-pending" caption="Requests put to your company that wait on your commitment or decline" columns={PENDING_COLUMNS} items={pending}>
              <p className="pad small muted">Open a request to commit to priority support with a promised delivery date, or to decline with a reason.</p>
            </ItemsTable>
          ) : null}
          {by('committed').length ? <ItemsTable title="Your commitments" id="commitments-committed-h" testId="commitments-committed" caption="Requests your company committed to" columns={COMMITTED_COLUMNS} items={by('committed')} /> : null}
          {by('declined').length ? <ItemsTable title="Declined, with your reasons" id="commitments-declined-h" testId="commitments-declined" caption="Requests your company declined, with the reason it gave" columns={DECLINED_COLUMNS} items={by('declined')} /> : null}
          {by('closed').length ? <Closed items={by('closed')} /> : null}
        </>
      ) : null}
    </div>
  );
}
