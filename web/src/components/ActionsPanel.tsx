import type { ActionSpec } from '../api/types.js';

function ActionButton({ a, onChoose }: { a: ActionSpec; onChoose(a: ActionSpec): void }) {
  return (
    <button
      type="button"
      className={`btn btn-${a.tone === 'primary' ? 'primary' : a.tone === 'danger' ? 'danger-outline' : 'default'} btn-block`}
      data-action={a.action}
      onClick={() => onChoose(a)}
    >
      {a.label}
    </button>
  );
}

/**
 * The steps the user may take now. The ones the request waits on come first; the others (withdraw,
 * deny, return for information) are offered apart, and while the request waits on someone else the
 * panel says on whom.
 */
export function ActionsPanel({ actions, waitingOn, waitingOnYou, onChoose }: { actions: ActionSpec[]; waitingOn: string | null; waitingOnYou: boolean; onChoose(a: ActionSpec): void }) {
  // Older servers do not mark steps: every step then counts as pending.
  const pending = actions.filter((a) => a.pending !== false);
  const other = actions.filter((a) => a.pending === false);
  return (
    <section className="panel panel-actions" aria-labelledby="actions-h" data-testid="actions-panel">
      <h2 id="actions-h" className="panel-title">Your next step</h2>
      {pending.length === 0 ? (
        <p className="muted small pad" data-testid="waiting-on">
          {!waitingOnYou && waitingOn ? `Waiting on ${waitingOn} — nothing for you to do now.` : 'Nothing for you to do now.'}
        </p>
      ) : (
        <div className="action-buttons">
          {pending.map((a) => (
            <ActionButton key={a.action} a={a} onChoose={onChoose} />
          ))}
        </div>
      )}
      {other.length ? (
        <div className="action-buttons action-buttons-other">
          <div className="small muted">{pending.length ? 'Other steps' : 'You may still'}</div>
          {other.map((a) => (
            <ActionButton key={a.action} a={a} onChoose={onChoose} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
