// Changing an arrangement's posture (issue #15): the dialog says what changes before it is set —
// new requests' clocks (src/domain/workflows/posture.ts clockUrgency) — since the change binds
// both nations and is audited for both.
import { useState } from 'react';
import { POSTURE_LABELS, POSTURE_ORDER, posturesApi, type ArrangementPosture, type Posture } from '../api/postures.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { fieldProps, FormField } from './FormField.js';
import { FormDialog } from './FormDialog.js';

const RANK: Record<Posture, number> = { peacetime: 0, emergency: 1, armed_conflict: 2 };

/** What the change does, in words: the clocks of new requests, and what it leaves alone. */
export function postureChangeWords(arrangement: string, from: Posture, to: Posture): string {
  const kept = 'Requests already submitted keep their deadlines.';
  if (RANK[to] > RANK[from]) {
    const clocks = to === 'armed_conflict' ? 'armed-conflict clocks, the shortest the workflows define' : 'emergency clocks, shorter than routine';
    return `From ${POSTURE_LABELS[from].toLowerCase()} to ${POSTURE_LABELS[to].toLowerCase()}: every request submitted under ${arrangement} from now on, by either nation, runs on the ${clocks} — its working-day deadlines are shorter (a request marked more urgent keeps its own clock). ${kept}`;
  }
  const back = to === 'peacetime' ? 'the clocks of their own urgency again (routine unless marked otherwise)' : 'emergency clocks at most (a request marked armed conflict keeps its own)';
  return `From ${POSTURE_LABELS[from].toLowerCase()} to ${POSTURE_LABELS[to].toLowerCase()}: requests submitted under ${arrangement} from now on run on ${back}, with longer deadlines than now. ${kept}`;
}

export function PostureChangeDialog({ arrangement, onClose, onChanged }: { arrangement: ArrangementPosture; onClose(): void; onChanged(): void }) {
  const choices = POSTURE_ORDER.filter((p) => p !== arrangement.posture);
  const [posture, setPosture] = useState<Posture>(choices[0]!);
  const [note, setNote] = useState('');
  const save = useApiMutation(() => posturesApi.set(arrangement.arrangementId, posture, note), {
    onSaved: () => {
      onChanged();
      onClose();
    },
  });
  const fieldErrors = save.fieldErrors;
  return (
    <FormDialog
      title={`Change the posture of ${arrangement.name}`}
      onClose={onClose}
      save={save}
      submitLabel={`Set ${POSTURE_LABELS[posture].toLowerCase()}`}
      danger={RANK[posture] > RANK[arrangement.posture]}
      testId="posture-dialog"
      shown={(f) => f === 'posture' || f === 'note'}
      context={`Now ${POSTURE_LABELS[arrangement.posture].toLowerCase()}. The SOSA officers of ${arrangement.nations.join(' and ')} see the change; it is audited for both nations.`}
    >
      <fieldset className={fieldErrors.posture ? 'field has-error' : 'field'}>
        <legend className="field-label">New posture</legend>
        {choices.map((p) => (
          <label key={p} className="check">
            <input type="radio" name="posture" value={p} checked={posture === p} onChange={() => setPosture(p)} /> {POSTURE_LABELS[p]}
          </label>
        ))}
        {fieldErrors.posture ? <div className="field-error" role="alert">{fieldErrors.posture}</div> : null}
      </fieldset>
      <p className="posture-consequence" data-testid="posture-consequence" aria-live="polite">{postureChangeWords(arrangement.name, arrangement.posture, posture)}</p>
      <FormField id="posture-note" label="Why (optional; both nations read it)" error={fieldErrors.note}>
        <textarea {...fieldProps('posture-note', fieldErrors.note)} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </FormField>
    </FormDialog>
  );
}
