// The file an import form reads: picking another clears what the last attempt said, and sending
// with none chosen is answered on the spot (`noFile`, shown where the import's own refusal shows),
// before anything is sent.
import { useState, type ChangeEvent } from 'react';
import type { ApiError } from '../api/client.js';
import type { ApiMutation } from '../queries/use-api-mutation.js';

export interface ChosenFile {
  name: string;
  text: string;
}

export function useChosenFile(importer: Pick<ApiMutation<never, unknown>, 'reset' | 'error'>, noFile: ApiError) {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [missing, setMissing] = useState(false);
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setMissing(false);
    importer.reset();
    setFile(f ? { name: f.name, text: await f.text() } : null);
  };
  /** On submit: the chosen file, or null (and `error` set to `noFile`) when there is none. */
  const take = (): ChosenFile | null => {
    setMissing(!file);
    return file;
  };
  /** What the form shows: no file chosen, or what the server refused in the last one sent. */
  const error = missing ? noFile : importer.error;
  return { error, pick, take };
}
