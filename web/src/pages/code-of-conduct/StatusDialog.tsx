// Recording a subscriber's change of status (lapsed, withdrawn, renewed); the history keeps every change.
import { useState } from 'react';
import { partnershipApi, type Subscription, type SubscriptionStatus } from '../../api/registers.js';
import { FormDialog } from '../../components/FormDialog.js';
import { fieldProps, FormField, InputField } from '../../components/FormField.js';
import { formatDate, todayIso } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

const NEXT: Record<SubscriptionStatus, SubscriptionStatus[]> = { active: ['lapsed', 'withdrawn'], lapsed: ['active', 'withdrawn'], withdrawn: ['active'] };

export function StatusDialog({ s, onClose, onSaved }: { s: Subscription; onClose(): void; onSaved(s: Subscription): void }) {
  const [status, setStatus] = useState<SubscriptionStatus>(NEXT[s.status][0]!);
  const [effectiveOn, setEffectiveOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const save = useApiMutation(() => partnershipApi.changeSubscriberStatus(s.id, { version: s.version, status, effectiveOn, reason }), {
    invalidates: [keys.subscriptions.all],
    stores: (v) => keys.subscriptions.detail(v.id),
    onSaved,
  });
  const errors = save.fieldErrors;
  return (
    <FormDialog
      title={`Change the status of ${s.organisation.name}`}
      onClose={onClose}
      save={save}
      submitLabel="Record change"
      context={<>Now {s.status} since {formatDate(s.statusSince)}. The change is added to the history; nothing is overwritten. Only active subscribers can be routed requests.</>}
    >
      <FormField id="st-status" label="New status" required error={errors.status}>
        <select {...fieldProps('st-status', errors.status)} value={status} onChange={(e) => setStatus(e.target.value as SubscriptionStatus)}>
          {NEXT[s.status].map((x) => (
            <option key={x} value={x}>{x === 'active' ? 'Active (renewed)' : x[0]!.toUpperCase() + x.slice(1)}</option>
          ))}
        </select>
      </FormField>
      <InputField id="st-effectiveOn" label="Effective on" type="date" required error={errors.effectiveOn} value={effectiveOn} onChange={setEffectiveOn} />
      <FormField id="st-reason" label="Reason" required={status !== 'active'} error={errors.reason}>
        <textarea {...fieldProps('st-reason', errors.reason)} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </FormField>
    </FormDialog>
  );
}
