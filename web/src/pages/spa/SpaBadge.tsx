import { SPA_STATUS_LABEL, type SpaStatus } from '../../api/spa.js';

/** Status badge with the tone of an SPA's outcome (the request badges do not know these states). */
export function SpaBadge({ status }: { status: SpaStatus }) {
  const tone = status === 'resolved' ? 'done' : status === 'denied' ? 'warn' : status === 'withdrawn' || status === 'draft' ? 'muted' : status === 'submitted' ? 'new' : 'progress';
  return (
    <span className={`badge badge-state spa-status-badge tone-${tone}`} data-state={status} data-testid="state-badge">
      <span className="dot" aria-hidden="true" />
      {SPA_STATUS_LABEL[status]}
    </span>
  );
}
