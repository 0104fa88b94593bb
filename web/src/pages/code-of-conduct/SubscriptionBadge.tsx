import type { SubscriptionStatus } from '../../api/registers.js';

const STATUS_TONE: Record<SubscriptionStatus, string> = { active: 'active', lapsed: 'warn', withdrawn: 'muted' };

export function SubscriptionBadge({ status }: { status: SubscriptionStatus }) {
  return (
    <span className={`badge tone-${STATUS_TONE[status]}`} data-testid="subscription-status">
      {status[0]!.toUpperCase() + status.slice(1)}
    </span>
  );
}

/** A rate as a whole percentage, "—" where there is nothing to rate yet. */
export const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)} %`);
