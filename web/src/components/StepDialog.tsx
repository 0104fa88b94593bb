// The dialog of one workflow step (an entry of a request's or a partner copy's `actions`): its
// fields, the rule it cites, the question it answers, and the server's problem with each field's
// message at its field. Where the step is sent, and what follows, is the caller's: the request's
// page sends it to POST /requests/{id}/transitions, a partner copy's to /partner-copies/{id}/steps.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.js';
import type { ActionSpec } from '../api/types.js';
import { formatDateTime } from '../format.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { nationInSentence, useSession } from '../session.js';
import { Dialog } from './Dialog.js';
import { ErrorBanner } from './ErrorBanner.js';
import { FieldInput, initialValue, isEmpty, isRequired, type FieldValue } from './FieldInput.js';
import { fromDrafts, type ItemDraft } from './LineItemsEditor.js';
import type { RoutingChoices } from './use-ranked-companies.js';

/** The question the step answers, as the reader's history shows it (who asked is named when the reader may know). */
export interface QuestionAsked {
  text: string;
  nation: string;
  displayName?: string;
  at: string;
}

interface Props<R> {
  action: ActionSpec;
  /** The record the step is taken on, as the dialog names it. */
  subject: { reference: string; title: string };
  question: QuestionAsked | null;
  send(payload: Record<string, unknown>): Promise<R>;
  onClose(): void;
  onDone(result: R): void;
  /**
   * Problems the page handles itself (the request changed under the user): the dialog leaves
   * them to `onHandOver` and shows nothing of them. Without it every problem shows here.
   */
  handsOver?: (error: ApiError) => boolean;
  onHandOver?: (error: ApiError) => void;
  /** The companies a "companies" field chooses from (a routing step). */
  routing?: RoutingChoices;
}

const NO_ERRORS: Record<string, string> = {};
const NO_ROUTING: RoutingChoices = { companies: [], unavailable: [], loading: false };
const NOTHING_HANDED_OVER = () => false;

/** Errors keyed by field; "companies/0" counts for the field "companies". */
function errorFor(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${name}/`));
  return nested ? errors[nested] : undefined;
}

/** The step's values as the API takes them: empty fields left out, numbers as numbers, line items from their drafts. */
function payloadOf(action: ActionSpec, values: Record<string, FieldValue>): Record<string, unknown> {
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
  return payload;
}

export function StepDialog<R>({ action, subject, question, send, onClose, onDone, handsOver = NOTHING_HANDED_OVER, onHandOver, routing = NO_ROUTING }: Props<R>) {
  const { reference } = useSession();
  const [values, setValues] = useState<Record<string, FieldValue>>(() => Object.fromEntries(action.fields.map((f) => [f.name, initialValue(f)])));
  const step = useApiMutation(send, {
    onSaved: onDone,
    onFailed: (apiErr) => {
      if (handsOver(apiErr)) onHandOver?.(apiErr);
    },
  });
  const error = step.error && !handsOver(step.error) ? step.error : undefined;
  const fieldErrors = error ? step.fieldErrors : NO_ERRORS;
  const busy = step.busy;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void step.run(payloadOf(action, values));
  };

  const known = new Set(action.fields.map((f) => f.name));
  const unplaced = Object.entries(fieldErrors).filter(([k]) => !known.has(k.split('/')[0] ?? k));

  return (
    <Dialog title={action.label} onClose={onClose} wide={action.fields.some((f) => f.type === 'line_items')}>
      <form className="dialog-body form" onSubmit={submit} noValidate data-testid={`action-form-${action.action}`}>
        <p className="dialog-context">
          {/* A request sent to its holder and not yet received there has no reference yet. */}
          {subject.reference ? <><span className="mono">{subject.reference}</span> · </> : null}
          {subject.title}
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
              The question from {nationInSentence(reference, question.nation)} ({question.displayName ? `${question.displayName}, ` : ''}{formatDateTime(question.at)}):
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

/** The latest question `action` answers, in a history of steps with their fields. */
export function latestQuestion<E extends { action: string; at: string; fields?: Record<string, unknown> }>(history: readonly E[], action: ActionSpec, askedBy: (event: E) => { nation: string; displayName?: string }): QuestionAsked | null {
  if (!action.answers) return null;
  const { action: asked, field } = action.answers;
  const event = [...history].reverse().find((e) => e.action === asked && typeof e.fields?.[field] === 'string');
  return event ? { text: String(event.fields![field]), at: event.at, ...askedBy(event) } : null;
}
