// The review steps open to the reader of an SPA request (forward, resolve, deny, withdraw, …).
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { SPA_ACTION_LABEL, SPA_NOTE_REQUIRED, spaApi, type SpaAction, type SpaDetail } from '../../api/spa.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

export function SpaActions({ spa }: { spa: SpaDetail }) {
  const [note, setNote] = useState('');
  const [missingNote, setMissingNote] = useState<ApiError>();
  const step = useApiMutation((action: SpaAction) => spaApi.transition(spa.id, { action, version: spa.version, ...(note.trim() ? { note: note.trim() } : {}) }), {
    invalidates: [keys.spaRequests.all],
    stores: (next) => keys.spaRequests.detail(next.id),
    onSaved: () => setNote(''),
  });
  if (spa.actions.length === 0) return null;
  const act = (action: SpaAction) => {
    setMissingNote(undefined);
    step.reset();
    if (SPA_NOTE_REQUIRED.includes(action) && !note.trim()) {
      setMissingNote(new ApiError(0, { title: 'A note is needed', detail: `${SPA_ACTION_LABEL[action]} needs a note giving the reasons.` }));
      return;
    }
    void step.run(action);
  };
  const needsNote = spa.actions.some((a) => SPA_NOTE_REQUIRED.includes(a));
  return (
    <section className="panel" data-testid="spa-actions">
      <h2 className="panel-title">Your next step</h2>
      <div className="form form-section">
        <ErrorBanner error={missingNote ?? step.error} />
        {needsNote ? (
          <div className="field">
            <label htmlFor="spa-note" className="field-label">Note (reasons; required to forward, resolve or deny)</label>
            <textarea id="spa-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        ) : null}
        <div className="form-foot spa-action-buttons">
          {spa.actions.map((a) => (
            <button key={a} type="button" className={a === 'deny' || a === 'withdraw' ? 'btn btn-small' : 'btn btn-primary btn-small'} disabled={step.busy} onClick={() => act(a)} data-testid={`spa-action-${a}`}>
              {step.busy && step.pending === a ? 'Working…' : SPA_ACTION_LABEL[a]}
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}
