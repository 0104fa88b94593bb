// Closing an event (issue #15): a note says how it ended; the event leaves the open list.
import { useState } from 'react';
import { eventsApi, type EventDetail } from '../../api/events.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

export function EventClosePanel({ event, canClose }: { event: EventDetail; canClose: boolean }) {
  const [note, setNote] = useState('');
  // The closed event reloads (its page shows the closing and the report), and so do the lists.
  const close = useApiMutation((closingNote: string) => eventsApi.close(event.id, closingNote), { invalidates: [keys.events.all] });
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
      <ErrorBanner error={close.error} />
      <label htmlFor="event-close-note">Closing note</label>
      <textarea id="event-close-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      <button
        type="button"
        className="btn"
        disabled={close.busy || note.trim() === ''}
        onClick={() => void close.run(note)}
      >
        Close event
      </button>
    </details>
  );
}
