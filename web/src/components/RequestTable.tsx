import type { RequestSummary } from '../api/types.js';
import { dueText, formatDate, formatDateTime, relative } from '../format.js';
import { href, navigate } from '../router.js';
import { nationInSentence, useSession } from '../session.js';
import { NationPair, StateBadge, UrgencyBadge } from './Badges.js';
import { deskOf } from '../partner-delivery-words.js';
import { DeliveryMark } from './PartnerDeliveryLine.js';

export function RequestTable({ items, caption, markActions = true }: { items: RequestSummary[]; caption: string; markActions?: boolean }) {
  const { user, reference } = useSession();
  // "Your action" only when the request waits on the user; waiting on the other nation is said as such.
  const mark = (r: RequestSummary) => {
    if (r.waitingOnYou ?? r.actions.length > 0) return <span className="chip chip-action" title="The next step is yours">Your action</span>;
    if (r.waitingOn && r.waitingOn !== user.nation) return <span className="chip chip-waiting">Waiting on {nationInSentence(reference, r.waitingOn)}</span>;
    return null;
  };
  // Issue #13: a partner instance lacks the request's latest change (the detail says why and since when).
  const undelivered = (r: RequestSummary) => {
    if (!r.partnerPending?.length) return null;
    const text = `Not yet delivered to ${r.partnerPending.map((p) => deskOf(nationInSentence(reference, p))).join(', ')}`;
    return (
      <span className="partner-pending" title={text} data-testid="partner-pending">
        <DeliveryMark tone="pending" />
        <span className="sr-only">{text}</span>
      </span>
    );
  };
  return (
    <div className="table-wrap">
      <table className="table table-requests">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            <th scope="col">State</th>
            <th scope="col">Urgency</th>
            <th scope="col">Next deadline</th>
            <th scope="col">Required by</th>
            <th scope="col" className="col-updated">Updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className="row-link" onClick={(e) => {
              if ((e.target as HTMLElement).closest('a')) return;
              navigate(`/requests/${r.id}`);
            }}>
              <td className="nowrap cell-ref">
                <a className="mono" href={href(`/requests/${r.id}`)}>{r.reference}</a>
                <div className="small">
                  <NationPair from={r.fromNation} to={r.toNation} />
                </div>
              </td>
              <td className="cell-title">
                <div className="title-wrap">
                  <span className="truncate" title={r.title}>{r.title}</span>
                  {markActions ? mark(r) : null}
                  {undelivered(r)}
                </div>
              </td>
              <td>
                <StateBadge state={r.state} label={r.stateLabel} />
              </td>
              <td>
                <UrgencyBadge urgency={r.urgency} />
              </td>
              <td className="nowrap cell-deadline">
                {r.nextDeadline ? (
                  <span className={r.nextDeadline.overdue ? 'deadline-cell overdue' : 'deadline-cell'} title={formatDateTime(r.nextDeadline.dueAt)}>
                    <span className="deadline-label">{r.nextDeadline.label}</span>
                    <span className="deadline-when">{dueText(r.nextDeadline.dueAt, r.nextDeadline.overdue)}</span>
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="nowrap">{formatDate(r.requiredBy)}</td>
              <td className="nowrap muted col-updated" title={formatDateTime(r.updatedAt)}>{relative(r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
