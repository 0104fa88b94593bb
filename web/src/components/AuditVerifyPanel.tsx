// "Verify the chain": the server checks every link of the audit log while it runs, and hands back
// a checkpoint for the auditor to keep outside the system (it catches a truncated or re-hashed log
// that the chain alone cannot).
import { useState, type FormEvent } from 'react';
import { auditApi, type AuditVerification } from '../api/audit.js';
import { formatDateTime } from '../format.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { ErrorBanner } from './ErrorBanner.js';

const sentence = (text: string | null) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : '');

export function AuditVerifyPanel() {
  const [kept, setKept] = useState('');
  const [result, setResult] = useState<AuditVerification>();
  const [copied, setCopied] = useState(false);
  const check = useApiMutation((expect: string | undefined) => auditApi.verify(expect), { onSaved: setResult, onFailed: () => setResult(undefined) });
  const { error, busy } = check;

  const verify = (e: FormEvent) => {
    e.preventDefault();
    setCopied(false);
    void check.run(kept.trim() || undefined);
  };

  const copy = async () => {
    if (!result?.checkpoint) return;
    try {
      await navigator.clipboard.writeText(result.checkpoint);
      setCopied(true);
    } catch {
      // Without clipboard access the checkpoint stays selectable on screen.
      setCopied(false);
    }
  };

  const keptError = error?.fieldErrors.expect;
  return (
    <section className="panel" aria-labelledby="verify-h" data-testid="audit-verify">
      <div className="panel-head">
        <h2 id="verify-h" className="panel-title">Integrity of the log</h2>
      </div>
      <form className="audit-verify" onSubmit={(e) => void verify(e)} noValidate>
        <p className="small muted">
          Every event is chained to the one before it by a hash. Verifying recomputes every link now, while the service keeps running.
        </p>
        <div className={keptError ? 'field has-error' : 'field'}>
          <label htmlFor="kept-checkpoint" className="field-label">Checkpoint you kept from an earlier verification (optional)</label>
          <input id="kept-checkpoint" className="mono" value={kept} onChange={(e) => setKept(e.target.value)} placeholder="e.g. 1520:9f86d081884c7d65…" aria-invalid={keptError ? true : undefined} aria-describedby={keptError ? 'kept-checkpoint-error' : undefined} />
          {keptError ? <div id="kept-checkpoint-error" className="field-error" role="alert">The checkpoint {keptError}.</div> : null}
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Verifying…' : 'Verify the chain'}</button>
        </div>
      </form>
      {!keptError ? <ErrorBanner error={error} /> : null}
      {result?.ok ? (
        <div className="banner banner-success" role="status" data-testid="verify-result">
          <div>
            <strong>The audit log is intact.</strong>
            <span className="banner-detail">
              {result.count.toLocaleString('en-GB')} {result.count === 1 ? 'event' : 'events'} verified on {formatDateTime(result.verifiedAt)}
              {result.checkpointMatched ? `; your checkpoint at event ${result.expected?.split(':')[0]} still holds` : ''}.
            </span>
          </div>
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="banner banner-error" role="alert" data-testid="verify-result">
          <div>
            <strong>{result.checkpointMatched === false ? 'Your checkpoint does not hold.' : `The audit log is broken at event ${result.firstBadSeq}.`}</strong>
            <span className="banner-detail">{sentence(result.problem)}. Keep your earlier checkpoint and report this to the system owner and your security office.</span>
          </div>
        </div>
      ) : null}
      {result?.ok && result.checkpoint ? (
        <div className="audit-checkpoint" data-testid="checkpoint">
          <div className="field-label">Checkpoint to keep</div>
          <div className="checkpoint-row">
            <code className="mono checkpoint-value" data-testid="checkpoint-value">{result.checkpoint}</code>
            <button type="button" className="btn btn-small" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</button>
          </div>
          <p className="small muted">
            Keep it outside this database — in your own records, or sent to the partner nation’s auditors. Paste it above at the next
            verification: it proves that no event up to it was removed or rewritten, which the chain alone cannot show.
          </p>
        </div>
      ) : null}
    </section>
  );
}
