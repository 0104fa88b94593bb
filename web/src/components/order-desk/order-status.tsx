// An order's status and its 700.13 decision countdown, as the book and the order dialog show them.
import type { DeskOrder } from '../../api/order-desk.js';
import { formatDate, formatDateTime } from '../../format.js';

export const STATUS_LABEL: Record<DeskOrder['status'], string> = {
  awaiting_decision: 'Awaiting decision',
  not_yet_rated: 'Not yet rated',
  accepted: 'Accepted',
  delay_reported: 'Delay reported',
  delivered: 'Delivered',
  closed: 'Closed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  unrated: 'Unrated',
};

/** The status as words: "Delivered on 23 Nov 2026" once delivered; "(late)" for a decision after the deadline. */
export function statusText(order: Pick<DeskOrder, 'status' | 'deliveredOn'> & { decision: { late: boolean } | null }): string {
  if (order.status === 'delivered' && order.deliveredOn) return `Delivered on ${formatDate(order.deliveredOn)}`;
  return `${STATUS_LABEL[order.status]}${order.decision?.late && (order.status === 'accepted' || order.status === 'rejected') ? ' (late)' : ''}`;
}

export function StatusChip({ order }: { order: Pick<DeskOrder, 'status' | 'decision' | 'deliveredOn'> }) {
  return (
    <span className={`chip desk-status desk-status-${order.status}`} data-testid="desk-status">
      {statusText(order)}
    </span>
  );
}

/** "3 WD left" (working days), red under 2 working days or overdue (700.13(d) deadline). */
export function CountdownBadge({ order, withDate = true }: { order: Pick<DeskOrder, 'acceptance' | 'status'>; withDate?: boolean }) {
  const a = order.acceptance;
  if (!a || a.workingDaysLeft === null) return withDate ? <span className="muted small">—</span> : null;
  const text = a.overdue ? 'Overdue' : a.hours !== null ? `${a.hoursLeft} h left` : a.workingDaysLeft === 0 ? 'Due today' : null;
  return (
    <span className="countdown-cell">
      <span className={a.urgent ? 'countdown countdown-urgent' : 'countdown'} data-testid="countdown" title={`${a.rule}. Due ${formatDateTime(a.dueAt, a.calendar.timeZone)}`}>
        {text ?? (
          <>
            {a.workingDaysLeft} <abbr title="working days">WD</abbr> left
          </>
        )}
      </span>
      {withDate ? <span className="countdown-due small">by {formatDate(a.dueDate)}</span> : null}
    </span>
  );
}
