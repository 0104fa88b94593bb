// The file an import form reads: picking another clears what the last attempt said, and sending
// with none chosen is answered on the spot (`missing`), before anything is sent.
import { useState, type ChangeEvent } from 'react';

export interface ChosenFile {
  name: string;
  text: string;
}

export function useChosenFile(clearResult: () => void) {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [missing, setMissing] = useState(false);
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setMissing(false);
    clearResult();
    setFile(f ? { name: f.name, text: await f.text() } : null);
  };
  /** On submit: the chosen file, or null (and `missing` set) when there is none. */
  const take = (): ChosenFile | null => {
    setMissing(!file);
    return file;
  };
  return { missing, pick, take };
}
