// The order dialog's forms check what they can before asking the server (a missing date, a
// quantity that is no number); the server's problem document answers the rest. Either way the
// errors land at the fields, and the write runs through TanStack Query (busy, error).
import { useState } from 'react';
import { useApiMutation } from '../../queries/use-api-mutation.js';

export function useCheckedWrite() {
  const [local, setLocal] = useState<Record<string, string>>({});
  const write = useApiMutation((call: () => Promise<void>) => call());
  /** `local`: the errors found before sending; the write is sent only when there is none. */
  const run = async (checks: Record<string, string>, call: () => Promise<void>) => {
    setLocal(checks);
    write.reset();
    if (Object.keys(checks).length) return;
    await write.run(call);
  };
  const errors = Object.keys(local).length ? local : write.fieldErrors;
  return { errors, error: write.error, busy: write.busy, run };
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <div id={`${id}-error`} className="field-error" role="alert">{message}</div> : null;
}
