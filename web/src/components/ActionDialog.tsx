import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client.js';
import type { ActionSpec, Company, RequestDetail, TransitionResult } from '../api/types.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { Dialog } from './Dialog.js';
import { ErrorBanner } from './ErrorBanner.js';
import { FieldInput, initialValue, isEmpty, isRequired, type FieldValue } from './FieldInput.js';
import { fromDrafts, type ItemDraft } from './LineItemsEditor.js';
import { useRankedCompanies } from './use-ranked-companies.js';
import { formatDateTime } from '../format.js';
import { nationInSentence, useSession } from '../session.js';

interface Props {
  request: RequestDetail;
  action: ActionSpec;
  companies: Company[];
  onClose(): void;
  onDone(updated: TransitionResult): void;
  /** The request changed under the user (409) or the step is no longer theirs (403, 404). */
  onStale(error: ApiError): void;
}

const NO_ERRORS: Record<string, string> = {};

/** The request changed under the user (409) or the step is no longer theirs (403, 404). */
const isStale = (e: ApiError) => e.status === 409 || e.status === 403 || e.status === 404;

/** Errors keyed by field; "companies/0" counts for the field "companies". */
function errorFor(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${name}/`));
  return nested ? errors[nested] : undefined;
}

/** The latest question this step answers, as the history shows it to the reader. */
function questionAnswered(request: RequestDetail, action: ActionSpec) {
  if (!action.answers) return null;
  const { action: asked, field } = action.answers;
  const event = [...request.history].reverse().find((e) => e.action === asked && typeof e.fields?.[field] === 'string');
  return event ? { text: String(event.fields[field]), by: event.actor, at: event.at } : null;
}

export function ActionDialog({ request, action, companies, onClose, onDone, onStale }: Props) {
  const { reference } = useSession();
  const [values, setValues] = useState<Record<string, FieldValue>>(() => Object.fromEntries(action.fields.map((f) => [f.name, initialValue(f)])));
  const step = useApiMutation((payload: Record<string, unknown>) => api.transition(request.id, action.action, payload), {
    onSaved: onDone,
    // A stale step is the page's to handle (it reloads the request and says why); the dialog shows nothing of it.
    onFailed: (apiErr) => {
      if (isStale(apiErr)) onStale(apiErr);
    },
  });
  const error = step.error && !isStale(step.error) ? step.error : undefined;
  const fieldErrors = error ? step.fieldErrors : NO_ERRORS;
  const busy = step.busy;
  const routing = useRankedCompanies(request.id, action, companies);
  const question = questionAnswered(request, action);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const payload: Record<string, unknown> = {};
    for (const f of action.fields) {
      const v = values[f.name];
      if (f.type === 'boolean') {
        if (v === true || isRequired(f, values)) payload[f.name] = v === true;
        continue;
      }
      if (isEmpty(v)) continue;
      if (f.type === 'line_items') payload[f.name] = fromDrafts(v as ItemDraft[]);
      else if (f.type === 'integer' && typeof v === 'string') payload[f.name] = Number(v);
      else if (typeof v === 'string') payload[f.name] = v.trim();
      else payload[f.name] = v;
    }
    void step.run(payload);
  };

  const known = new Set(action.fields.map((f) => f.name));
  const unplaced = Object.entries(fieldErrors).filter(([k]) => !known.has(k.split('/')[0] ?? k));

  return (
    <Dialog title={action.label} onClose={onClose} wide={action.fields.some((f) => f.type === 'line_items')}>
      <form className="dialog-body form" onSubmit={submit} noValidate data-testid={`action-form-${action.action}`}>
        <p className="dialog-context">
          <span className="mono">{request.reference}</span> · {request.title}
        </p>
        {action.rule ? (
          <p className="citation">
            <span className="citation-label">Rule</span> {action.rule}
          </p>
        ) : null}
        {action.visibility === 'internal' ? (
          <p className="citation" data-testid="internal-step-note">
            <span className="citation-label">Internal</span> This step stays within your nation: the other nation will not see it in the history.
          </p>
        ) : null}
        {question ? (
          <blockquote className="question-asked" data-testid="question-asked">
            <div className="small muted">
              The question from {nationInSentence(reference, question.by.nation)} ({question.by.displayName}, {formatDateTime(question.at)}):
            </div>
            <p className="prose">{question.text}</p>
          </blockquote>
        ) : null}
        <ErrorBanner error={error} />
        {unplaced.length ? (
          <ul className="error-list">
            {unplaced.map(([k, m]) => (
              <li key={k}>
                <span className="mono">{k}</span>: {m}
              </li>
            ))}
          </ul>
        ) : null}
        {action.fields.length === 0 ? <p className="muted">No details are needed for this step.</p> : null}
        {action.fields.map((f) => (
          <FieldInput
            key={f.name}
            spec={f}
            value={values[f.name] ?? initialValue(f)}
            required={isRequired(f, values)}
            // Line items name their errors in each cell.
            error={f.type === 'line_items' ? undefined : errorFor(fieldErrors, f.name)}
            errors={fieldErrors}
            loadingCompanies={routing.loading}
            companies={routing.companies}
            unavailable={routing.unavailable}
            onChange={(v) => setValues((prev) => ({ ...prev, [f.name]: v }))}
          />
        ))}
        <div className="dialog-foot">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={`btn btn-${action.tone === 'danger' ? 'danger' : 'primary'}`} disabled={busy} data-testid="action-submit">
            {busy ? 'Saving…' : action.label}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
