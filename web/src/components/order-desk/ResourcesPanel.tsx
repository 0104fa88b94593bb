// The company's production lines on the order desk: the lines its orders are scheduled on.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { Spinner } from '../Spinner.js';
import { SubmitFoot } from '../SubmitFoot.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useLoad } from '../../use-load.js';


export function ResourcesPanel({ reloadAll, nonce }: { reloadAll(): void; nonce: number }) {
  const resources = useLoad(() => api.listResources(), [nonce]);
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useApiMutation((body: { name: string; capacityPerDay: number }) => api.createResource(body), {
    onSaved: () => {
      setName('');
      setCapacity('');
      reloadAll();
    },
    onFailed: (apiErr) => setErrors(apiErr.fieldErrors),
  });
  // A failure that names fields is shown at the fields only.
  const error = add.error && !Object.keys(add.error.fieldErrors).length ? add.error : undefined;
  const busy = add.busy;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'Enter a name for the line.';
    const cap = Number(capacity);
    if (!/^\d+$/.test(capacity.trim()) || !Number.isSafeInteger(cap) || cap <= 0) local.capacityPerDay = 'Enter a whole number of units per working day, more than zero.';
    setErrors(local);
    add.reset();
    if (Object.keys(local).length) return;
    void add.run({ name: name.trim(), capacityPerDay: cap });
  };
  const err = (f: string) => (errors[f] ? <div id={`res-${f}-error`} className="field-error" role="alert">{errors[f]}</div> : null);
  const aria = (f: string) => ({ id: `res-${f}`, 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `res-${f}-error` : undefined });
  const items = resources.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="lines-h" data-testid="lines-panel">
      <h2 id="lines-h" className="panel-title">Production lines</h2>
      <ErrorBanner error={resources.error} onRetry={resources.reload} />
      {resources.loading && !resources.data ? <Spinner label="Loading lines…" /> : null}
      {resources.data && items.length === 0 ? <p className="pad muted">No production lines yet. Add one to import orders against it.</p> : null}
      {items.length > 0 ? (
        <ul className="line-list">
          {items.map((r) => (
            <li key={r.id}>
              <span className="strong">{r.name}</span>
              <span className="muted small">{r.capacityPerDay} unit{r.capacityPerDay === 1 ? '' : 's'} / working day</span>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="form form-section line-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a production line">
        <h3 className="subhead">Add a line</h3>
        <ErrorBanner error={error} />
        <div className="grid-2">
          <div className={errors.name ? 'field has-error' : 'field'}>
            <label htmlFor="res-name" className="field-label">Line name</label>
            <input {...aria('name')} autoComplete="off" placeholder="Blade line" value={name} onChange={(e) => setName(e.target.value)} />
            {err('name')}
          </div>
          <div className={errors.capacityPerDay ? 'field has-error' : 'field'}>
            <label htmlFor="res-capacityPerDay" className="field-label">Capacity per working day</label>
            <input {...aria('capacityPerDay')} inputMode="numeric" placeholder="units" value={capacity} onChange={(e) => setCapacity(e.target.value)} />
            {err('capacityPerDay')}
          </div>
        </div>
        <SubmitFoot busy={busy} label="Add line" busyLabel="Adding…" />
      </form>
    </section>
  );
}
