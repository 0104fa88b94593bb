// The form-in-a-dialog pattern of the registers: the server's problem document above the fields
// (its field errors are shown at each field by the caller, the rest listed at the foot), the
// submit button that runs the dialog's write and is busy while it runs, Cancel, and focus back on
// the opener when it closes (Dialog does that).
import type { ReactNode } from 'react';
import type { ApiMutation } from '../queries/use-api-mutation.js';
import { Dialog } from './Dialog.js';
import { ErrorBanner } from './ErrorBanner.js';
import { OtherErrors } from './FormField.js';

export function FormDialog({
  title,
  onClose,
  save,
  submitLabel,
  busyLabel = 'Saving…',
  context,
  intro,
  danger,
  testId,
  shown,
  wide,
  readOnly,
  children,
}: {
  title: string;
  onClose(): void;
  /** The write the submit button runs (it reads what the fields hold); its error shows above the fields. */
  save: Pick<ApiMutation<undefined, unknown>, 'run' | 'busy' | 'error'>;
  submitLabel: string;
  /** What the submit button reads while the write runs. */
  busyLabel?: string;
  /** A sentence above the error banner that says what the form does. */
  context?: ReactNode;
  /** Paragraphs of their own above the error banner, where one sentence of context is not enough. */
  intro?: ReactNode;
  /** A submit button that destroys or disputes reads in the danger colour. */
  danger?: boolean;
  testId?: string;
  /** Which field errors the fields show; the others are listed before the buttons. */
  shown?: (field: string) => boolean;
  wide?: boolean;
  /** Shown to a reader who may not change it: "Close" and no submit button. */
  readOnly?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      <form
        className="form dialog-body"
        noValidate
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(undefined);
        }}
      >
        {context ? <p className="dialog-context">{context}</p> : null}
        {intro}
        <ErrorBanner error={save.error} />
        {children}
        {shown ? <OtherErrors errors={save.error?.fieldErrors ?? {}} shown={shown} /> : null}
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>{readOnly ? 'Close' : 'Cancel'}</button>
          {!readOnly ? <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={save.busy}>{save.busy ? busyLabel : submitLabel}</button> : null}
        </div>
      </form>
    </Dialog>
  );
}
