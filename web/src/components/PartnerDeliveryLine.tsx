import { deliveryLine, type DeliveryTone, type PartnerDelivery } from '../partner-delivery-words.js';
import { nationInSentence, useSession } from '../session.js';

const GLYPH: Record<Exclude<DeliveryTone, 'pending'>, string> = { delivered: '✓', unreachable: '!', refused: '×' };

/** The small round mark of a delivery state; a clock while the change waits (also the request list's mark). */
export function DeliveryMark({ tone }: { tone: DeliveryTone }) {
  return (
    <span className="delivery-mark" aria-hidden="true">
      {tone === 'pending' ? (
        <svg viewBox="0 0 16 16" width="11" height="11" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
          <circle cx="8" cy="8" r="6.2" />
          <path d="M8 4.6V8l2.4 1.6" />
        </svg>
      ) : (
        GLYPH[tone]
      )}
    </span>
  );
}

/**
 * Whether each partner's instance has received the object's latest change (issue #13). The API
 * answers [] on a shared deployment (no peer) and to anyone but the instance's own officials, so
 * nothing is drawn then.
 */
export function PartnerDeliveryLine({ deliveries }: { deliveries: readonly PartnerDelivery[] }) {
  const { reference } = useSession();
  if (deliveries.length === 0) return null;
  return (
    <ul className="partner-delivery" aria-label="Delivery to the partner">
      {deliveries.map((d) => {
        const line = deliveryLine(d, nationInSentence(reference, d.peer));
        return (
          <li key={d.peer} className={`partner-delivery-line delivery-${line.tone}`} data-testid="partner-delivery" data-state={line.tone}>
            <DeliveryMark tone={line.tone} />
            {line.text}
          </li>
        );
      })}
    </ul>
  );
}
