// The file field of an import form: the picker, labelled "File", with what the file may be below it.
// The chosen file is read by useChosenFile, whose `pick` the field calls.
import type { ChangeEvent } from 'react';

export function ChosenFileField({ id, accept, help, onPick }: { id: string; accept: string; help: string; onPick(e: ChangeEvent<HTMLInputElement>): Promise<void> }) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">File</label>
      <input id={id} type="file" accept={accept} onChange={(e) => void onPick(e)} />
      <div className="field-help">{help}</div>
    </div>
  );
}
