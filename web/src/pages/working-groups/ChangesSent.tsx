// A copy of a working group a partner's instance holds (issue #13): who holds it, and the changes
// made here that were sent there and are not applied yet (the holder's answer replaces the copy).
import type { WorkingGroupDetail } from '../../api/partnership.js';
import { formatDateTime } from '../../format.js';
import { possessive } from '../../partner-delivery-words.js';
import { nationInSentence, useSession } from '../../session.js';

function deliveryWords(c: WorkingGroupDetail['changesSent'][number], holder: string): string {
  if (c.delivery === 'refused') return `refused by ${possessive(holder)} instance (${c.refusalReason ?? 'no reason given'}): nothing of it was applied`;
  return c.delivery === 'pending' ? `not yet received by ${possessive(holder)} instance` : `received by ${possessive(holder)} instance, not yet applied`;
}

export function ChangesSent({ group: g }: { group: WorkingGroupDetail }) {
  const { reference } = useSession();
  if (!g.heldBy) return null;
  const holder = nationInSentence(reference, g.heldBy);
  return (
    <div data-testid="wg-held-by">
      <div className="banner banner-info" role="status">
        This working group is held by {possessive(holder)} instance.{g.canEdit ? ` The changes you make here are sent there, and show here once ${holder} has applied them.` : ''}
      </div>
      {g.changesSent.length ? (
        <ul className="wg-changes-sent" aria-label="Changes sent, not yet applied" data-testid="wg-changes-sent">
          {g.changesSent.map((c) => (
            <li key={c.messageId} className={c.delivery === 'refused' ? 'banner banner-warn' : 'small'}>
              <span className="strong">{c.summary}</span> — sent {formatDateTime(c.sentAt)}{c.sentBy ? ` by ${c.sentBy}` : ''}: {deliveryWords(c, holder)}.
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
