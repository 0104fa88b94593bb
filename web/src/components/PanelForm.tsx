// A panel that is one form sending a record or a file: its title, what the server refused (each
// failing field named as the user knows it, ImportErrors), the fields, and the submit button.
import type { FormEvent, ReactNode } from 'react';
import type { ApiError } from '../api/client.js';
import { ImportErrors } from './ImportErrors.js';
import { SubmitFoot } from './SubmitFoot.js';

export function PanelForm({ testId, title, formLabel, onSubmit, error, fieldLabel, submit, children }: {
  /** data-testid of the panel; its heading's id is `${testId}-h`, its error list `${testId}-errors`. */
  testId: string;
  title: string;
  /** The form's accessible name (tests and screen readers find the form by it). */
  formLabel: string;
  onSubmit(e: FormEvent): void;
  error: ApiError | undefined;
  fieldLabel(field: string): string;
  submit: { busy: boolean; label: string; busyLabel: string };
  children: ReactNode;
}) {
  const headingId = `${testId}-h`;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="panel-title">{title}</h2>
      <form className="form form-section" onSubmit={onSubmit} noValidate aria-label={formLabel}>
        <ImportErrors error={error} fieldLabel={fieldLabel} testId={`${testId}-errors`} />
        {children}
        <SubmitFoot {...submit} />
      </form>
    </section>
  );
}
