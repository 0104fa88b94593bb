// Settlements the receiving nation claims: the supplying nation's officers confirm or dispute them.
import { useState } from 'react';
import { METHOD_LABEL, partnershipApi, type Claim, type SettlementMethod } from '../../api/partnership.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { FormDialog } from '../../components/FormDialog.js';
import { fieldProps, FormField } from '../../components/FormField.js';
import { formatDate } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { money } from './money.js';

function DisputeDialog({ claim, onClose }: { claim: Claim; onClose(): void }) {
  const [note, setNote] = useState('');
  const dispute = useApiMutation(() => partnershipApi.decideClaim(claim.orderId, claim.id, { decision: 'dispute', note: note.trim() }), { invalidates: [keys.logistics.all], onSaved: onClose });
  return (
    <FormDialog
      title={`Dispute the settlement on ${claim.reference}`}
      onClose={onClose}
      save={dispute}
      busyLabel="Recording…"
      submitLabel="Dispute settlement"
      danger
      testId="dispute-dialog"
      intro={<p className="dialog-context small">{claim.recordedBy} says it settled {money(claim.amount, claim.currency)} on {formatDate(claim.settledOn)} ({METHOD_LABEL[claim.method as SettlementMethod].toLowerCase()}). Disputing releases the claim: the amount stays open and {claim.recordedBy} may record the settlement again.</p>}
    >
      <FormField id="dp-note" label="Why it is disputed" error={dispute.fieldErrors.note}>
        <textarea {...fieldProps('dp-note', dispute.fieldErrors.note)} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </FormField>
    </FormDialog>
  );
}

export function ClaimsPanel({ claims }: { claims: Claim[] }) {
  const [disputing, setDisputing] = useState<Claim | null>(null);
  const confirm = useApiMutation((c: Claim) => partnershipApi.decideClaim(c.orderId, c.id, { decision: 'confirm' }), { invalidates: [keys.logistics.all] });
  return (
    <section className="panel" aria-labelledby="cl-h" data-testid="claims-panel">
      <div className="panel-head"><h2 id="cl-h" className="panel-title">Settlements awaiting confirmation</h2><span className="small muted">A settlement the receiving nation records counts once the supplying nation confirms it</span></div>
      <ErrorBanner error={confirm.error} />
      <ul className="ledger-overdue">
        {claims.map((c) => (
          <li key={c.id} data-testid="claim">
            <span className="mono">{c.reference}</span> — {c.recordedBy} says it settled <span className="mono strong">{money(c.amount, c.currency)}</span> on {formatDate(c.settledOn)} ({METHOD_LABEL[c.method as SettlementMethod].toLowerCase()}){c.note ? <>, “{c.note}”</> : null}.{' '}
            {c.canDecide ? (
              <span>
                <button type="button" className="btn btn-small btn-primary" disabled={confirm.pending?.id === c.id} onClick={() => void confirm.run(c)}>Confirm receipt</button>{' '}
                <button type="button" className="btn btn-small" onClick={() => setDisputing(c)}>Dispute</button>
              </span>
            ) : (
              <span className="small muted">Awaiting {c.supplyingNation}’s confirmation.</span>
            )}
          </li>
        ))}
      </ul>
      {disputing ? <DisputeDialog claim={disputing} onClose={() => setDisputing(null)} /> : null}
    </section>
  );
}
