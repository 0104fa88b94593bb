import type { ActionSpec } from '../api/types.js';

export function ActionsPanel({ actions, waitingOn, onChoose }: { actions: ActionSpec[]; waitingOn: string | null; onChoose(a: ActionSpec): void }) {
  return (
    <section className="panel panel-actions" aria-labelledby="actions-h" data-testid="actions-panel">
      <h2 id="actions-h" className="panel-title">Your next step</h2>
      {actions.length === 0 ? (
        <p className="muted small pad">
          Nothing for you to do now{waitingOn ? ` — waiting on ${waitingOn}` : ''}.
        </p>
      ) : (
        <div className="action-buttons">
          {actions.map((a) => (
            <button
              key={a.action}
              type="button"
              className={`btn btn-${a.tone === 'primary' ? 'primary' : a.tone === 'danger' ? 'danger-outline' : 'default'} btn-block`}
              data-action={a.action}
              onClick={() => onChoose(a)}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
