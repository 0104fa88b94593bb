import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { orderDeskApi, type DeskOrderDetail } from '../../api/order-desk.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { FieldError, useCheckedWrite } from './use-checked-write.js';

/** Plan the order on one of the company's lines (700.14), or take it off its line. */
export function PlanForm({ order: o, onCancel, onDone }: { order: DeskOrderDetail; onCancel(): void; onDone(u: DeskOrderDetail): void }) {
  const { errors, error, busy, run } = useCheckedWrite();
  const lines = useApiQuery(keys.orderDesk.part('resources'), () => api.listResources());
  const [line, setLine] = useState<string>(o.resource?.id ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!line && !o.resource) local.resourceId = 'Choose the line that will make the order.';
    else if (line === (o.resource?.id ?? '')) local.resourceId = o.resource ? `It is already planned on ${o.resource.name}.` : 'Choose a line.';
    void run(local, async () => onDone(await orderDeskApi.plan(o.id, line || null)));
  };
  const items = lines.data?.items ?? [];
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Plan on a line" data-testid="plan-form">
      <p className="small muted">
        The preferential schedule (15 CFR 700.14) plans the order on the line you choose, among the line&apos;s other orders by rating and required date. Your decision on the order stands.
      </p>
      <ErrorBanner error={lines.error} onRetry={lines.reload} />
      {error && !Object.keys(errors).length ? <ErrorBanner error={error} /> : null}
      {lines.data && items.length === 0 ? <p className="banner banner-warn">You have no production lines yet: add one on the order desk first.</p> : null}
      <div className={errors.resourceId ? 'field has-error' : 'field'}>
        <label htmlFor="plan-resourceId" className="field-label">Production line</label>
        <select id="plan-resourceId" value={line} onChange={(e) => setLine(e.target.value)} aria-invalid={errors.resourceId ? true : undefined} aria-describedby={errors.resourceId ? 'plan-resourceId-error' : undefined}>
          <option value="">{o.resource ? '— Take it off its line —' : '— Choose a line —'}</option>
          {items.map((r) => (
            <option key={r.id} value={r.id}>{r.name} ({r.capacityPerDay.toLocaleString('en-GB')} unit{r.capacityPerDay === 1 ? '' : 's'} a working day)</option>
          ))}
        </select>
        <FieldError id="plan-resourceId" message={errors.resourceId} />
      </div>
      <div className="form-foot">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button type="submit" className="btn btn-primary" disabled={busy || !lines.data}>{busy ? 'Planning…' : line || !o.resource ? 'Plan on this line' : 'Take it off its line'}</button>
      </div>
    </form>
  );
}
