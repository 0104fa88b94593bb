import type { Urgency } from '../api/types.js';
import { URGENCY_LABEL } from '../format.js';

function stateTone(state: string): string {
  if (state === 'closed' || state === 'delivered') return 'done';
  if (state === 'denied' || state === 'withdrawn') return 'muted';
  if (/rejected|returned|no_commitment/.test(state)) return 'warn';
  if (state === 'in_performance') return 'active';
  if (state === 'submitted') return 'new';
  return 'progress';
}

export function StateBadge({ state, label }: { state: string; label: string }) {
  return (
    <span className={`badge badge-state tone-${stateTone(state)}`} data-state={state} data-testid="state-badge">
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function UrgencyBadge({ urgency }: { urgency: string }) {
  return (
    <span className={`badge badge-urgency urgency-${urgency}`} data-testid="urgency-badge">
      {URGENCY_LABEL[urgency as Urgency] ?? urgency}
    </span>
  );
}

export function NationPair({ from, to }: { from: string; to: string }) {
  return (
    <span className="nation-pair" aria-label={`from ${from} to ${to}`}>
      <span className="nation-code">{from}</span>
      <span aria-hidden="true">→</span>
      <span className="nation-code">{to}</span>
    </span>
  );
}

export function InternalTag({ text = 'internal — not visible to the other nation' }: { text?: string }) {
  return <span className="tag-internal">{text}</span>;
}
