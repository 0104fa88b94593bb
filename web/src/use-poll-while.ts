// Asks again every `everyMs` while `waiting` holds and the tab is in view: a page that shows
// something another machine will change (a partner's instance receiving a change) keeps it
// current without the reader pressing Refresh. A hidden tab asks nothing; it asks at once when
// shown again.
import { useEffect } from 'react';

export function usePollWhile(waiting: boolean, reload: () => void, everyMs: number): void {
  useEffect(() => {
    if (!waiting) return;
    const tick = () => {
      if (document.visibilityState === 'visible') reload();
    };
    const timer = setInterval(tick, everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [waiting, reload, everyMs]);
}
