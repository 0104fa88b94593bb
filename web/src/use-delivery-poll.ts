// Issue #13: while a partner's instance lacks the request's latest change, the request page asks
// every `everyMs` only whether it arrived (GET /requests/{id}/delivery), and reads the whole
// request again only when that answer differs from the one shown: the partner took the change, or
// the link failed or recovered. A failed ask reads the whole request, which shows the error.
import { useCallback, useRef } from 'react';
import { api } from './api/client.js';
import type { PartnerDelivery } from './partner-delivery-words.js';
import { usePollWhile } from './use-poll-while.js';

export function useDeliveryPoll(requestId: string, shown: readonly PartnerDelivery[] | undefined, reload: () => void, everyMs: number): void {
  const current = useRef(shown);
  current.current = shown;
  const ask = useCallback(() => {
    api.getRequestDelivery(requestId).then(
      (answer) => {
        if (JSON.stringify(answer.partnerDelivery) !== JSON.stringify(current.current)) reload();
      },
      () => reload(),
    );
  }, [requestId, reload]);
  usePollWhile(shown?.some((d) => d.state === 'pending') ?? false, ask, everyMs);
}
