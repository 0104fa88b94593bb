// Closing an event (issue #15): a note says how it ended; the event leaves the open list.
import { useState } from 'react';
import { eventsApi, type EventDetail } from '../../api/events.js';
import type { ApiError } from '../../api/client.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { formatDateTime } from '../../format.js';
import { toApiError } from '../../use-load.js';

export function EventClosePanel({ event, canClose, onChanged }: { event: EventDetail; canClose: boolean; onChanged(): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  if (event.closing) {
    return (
      <p className="panel small" data-testid="event-closed">
        Closed {formatDateTime(event.closing.closedAt)} by {event.closing.closedBy ?? 'unknown'}: {event.closing.note}
      </p>
    );
  }
  if (!canClose) return null;
  return (
    <details className="panel">
      <summary>Close the event</summary>
      <ErrorBanner error={error} />
      <label htmlFor="event-close-note">Closing note</label>
      <textarea id="event-close-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      <button
        type="button"
        className="btn"
        disabled={busy || note.trim() === ''}
        onClick={async () => {
          setBusy(true);
          try {
            await eventsApi.close(event.id, note);
            onChanged();
          } catch (e) {
            setError(toApiError(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        Close event
      </button>
    </details>
  );
}
