// A panel that imports one file, all of it or nothing: the file picker (labelled "File", with what
// the file may be under it), any options laid out with it, and every problem the server found,
// each failing field named as the user knows it (PanelForm). Sending with no file chosen is
// answered on the spot, where the import's own refusal shows, before anything is sent; picking
// another file clears what the last attempt said.
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import type { ApiMutation } from '../queries/use-api-mutation.js';
import { PanelForm } from './PanelForm.js';

export interface ChosenFile {
  name: string;
  text: string;
}

export interface ImportFile {
  /** The picker's id (tests set the file on it). */
  id: string;
  accept: string;
  help: string;
  /** What to choose, said when the form is sent with no file. */
  missing: string;
  /** A place in the file the server names ("rows/51/columns/15") as the user knows it ("Row 51, column 15"). */
  placeLabel(field: string): string;
}

export function FileImportPanel<R>({ testId, title, formLabel, file, importer, children }: {
  testId: string;
  title: string;
  formLabel: string;
  file: ImportFile;
  /** Sends the chosen file (with whatever options the panel holds). */
  importer: ApiMutation<ChosenFile, R>;
  /** Lays the file field out with the import's options; without it the field stands alone. */
  children?: (fileField: ReactNode) => ReactNode;
}) {
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [missing, setMissing] = useState(false);
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setMissing(false);
    importer.reset();
    setChosen(f ? { name: f.name, text: await f.text() } : null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!chosen);
    if (chosen) void importer.run(chosen);
  };
  const error = missing ? new ApiError(0, { title: 'No file chosen', detail: file.missing }) : importer.error;
  const fileField = (
    <div className="field">
      <label htmlFor={file.id} className="field-label">File</label>
      <input id={file.id} type="file" accept={file.accept} onChange={(e) => void pick(e)} />
      <div className="field-help">{file.help}</div>
    </div>
  );
  return (
    <PanelForm testId={testId} title={title} formLabel={formLabel} onSubmit={submit} error={error} fieldLabel={file.placeLabel} submit={{ busy: importer.busy, label: 'Import', busyLabel: 'Importing…' }}>
      {children ? children(fileField) : fileField}
    </PanelForm>
  );
}
