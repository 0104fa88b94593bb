import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, type ApiError } from '../api/client.js';
import type { NewLineItem, NewRequest, Urgency } from '../api/types.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { addDaysIso, URGENCY_LABEL } from '../format.js';
import { navigate } from '../router.js';
import { hasRole, nationName, useSession } from '../session.js';
import { toApiError } from '../use-load.js';

interface ItemDraft {
  key: number;
  partNumber: string;
  nsn: string;
  description: string;
  quantity: string;
  unit: string;
  requiredDeliveryDate: string;
}

let nextKey = 1;
const blankItem = (date: string): ItemDraft => ({ key: nextKey++, partNumber: '', nsn: '', description: '', quantity: '', unit: 'EA', requiredDeliveryDate: date });

function Err({ id, message }: { id: string; message: string | undefined }) {
  return message ? <div id={id} className="field-error" role="alert">{message}</div> : null;
}

export function NewRequestPage() {
  const { user, reference } = useSession();
  const targets = useMemo(() => {
    const set = new Set<string>();
    for (const a of reference.arrangements) for (const d of a.directions) if (d.fromNation === user.nation) set.add(d.toNation);
    return [...set].sort();
  }, [reference, user.nation]);

  const defaultDate = addDaysIso(60);
  const [toNation, setToNation] = useState(targets.length === 1 ? targets[0]! : '');
  const [title, setTitle] = useState('');
  const [programId, setProgramId] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const [classification, setClassification] = useState(reference.classifications[0] ?? '');
  const [requiredBy, setRequiredBy] = useState(defaultDate);
  const [justification, setJustification] = useState('');
  const [items, setItems] = useState<ItemDraft[]>(() => [blankItem(defaultDate)]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const programs = reference.programs.filter((p) => p.nation === user.nation || (toNation && p.nation === toNation));
  const ownPrograms = programs.filter((p) => p.nation === user.nation);
  const partnerPrograms = programs.filter((p) => p.nation !== user.nation);

  if (!hasRole(user, 'sosa_officer')) {
    return (
      <div className="page">
        <PageHeader title="New request" />
        <EmptyState title="Only a SOSA officer submits requests">Ask your nation's SOSA point of contact.</EmptyState>
      </div>
    );
  }
  if (targets.length === 0) {
    return (
      <div className="page">
        <PageHeader title="New request" />
        <EmptyState title="No arrangement lets your nation submit requests">No Security of Supply Arrangement has a direction from {user.nation}.</EmptyState>
      </div>
    );
  }

  const updateItem = (key: number, change: Partial<ItemDraft>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: NewRequest = {
      toNation,
      title: title.trim(),
      programId,
      justification: justification.trim(),
      urgency,
      classification,
      requiredBy,
      items: items.map((i): NewLineItem => {
        const item: NewLineItem = {
          partNumber: i.partNumber.trim(),
          description: i.description.trim(),
          quantity: i.quantity.trim() === '' ? Number.NaN : Number(i.quantity),
          unit: i.unit.trim(),
          requiredDeliveryDate: i.requiredDeliveryDate,
        };
        if (i.nsn.trim()) item.nsn = i.nsn.trim();
        return item;
      }),
    };
    setBusy(true);
    setError(undefined);
    setErrors({});
    try {
      const created = await api.createRequest(body);
      navigate(`/requests/${created.id}`);
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      setErrors(apiErr.fieldErrors);
      setBusy(false);
      window.scrollTo({ top: 0 });
    }
  };

  const fieldProps = (name: string) => ({
    id: `nr-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `nr-${name}-error` : undefined,
  });
  const itemProps = (index: number, name: string) => {
    const path = `items/${index}/${name}`;
    return {
      id: `item-${index}-${name}`,
      'aria-invalid': errors[path] ? true : undefined,
      'aria-describedby': errors[path] ? `item-${index}-${name}-error` : undefined,
    };
  };
  const itemsError = errors.items;

  return (
    <div className="page page-narrow">
      <PageHeader title="New priority support request" subtitle={`From ${nationName(reference, user.nation)} — ${user.organisation.name}`} />
      <ErrorBanner error={error} />
      <form className="form form-grid" onSubmit={(e) => void submit(e)} noValidate data-testid="new-request-form">
        <section className="panel form-section">
          <h2 className="panel-title">Request</h2>
          <div className="grid-2">
            <div className={errors.toNation ? 'field has-error' : 'field'}>
              <label htmlFor="nr-toNation" className="field-label">To nation <span className="req" aria-hidden="true">*</span></label>
              <select {...fieldProps('toNation')} required value={toNation} onChange={(e) => setToNation(e.target.value)}>
                <option value="">Choose…</option>
                {targets.map((n) => (
                  <option key={n} value={n}>{nationName(reference, n)} ({n})</option>
                ))}
              </select>
              <Err id="nr-toNation-error" message={errors.toNation} />
            </div>
            <div className={errors.programId ? 'field has-error' : 'field'}>
              <label htmlFor="nr-programId" className="field-label">Defence program <span className="req" aria-hidden="true">*</span></label>
              <select {...fieldProps('programId')} required value={programId} onChange={(e) => setProgramId(e.target.value)}>
                <option value="">Choose…</option>
                {ownPrograms.length ? (
                  <optgroup label={`${nationName(reference, user.nation)} programs`}>
                    {ownPrograms.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                  </optgroup>
                ) : null}
                {partnerPrograms.length ? (
                  <optgroup label={`${nationName(reference, toNation)} programs`}>
                    {partnerPrograms.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                  </optgroup>
                ) : null}
              </select>
              <Err id="nr-programId-error" message={errors.programId} />
            </div>
          </div>
          <div className={errors.title ? 'field has-error' : 'field'}>
            <label htmlFor="nr-title" className="field-label">Title <span className="req" aria-hidden="true">*</span></label>
            <input {...fieldProps('title')} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. F414 engine turbine blades for LCA Mk2 production lot 3" />
            <Err id="nr-title-error" message={errors.title} />
          </div>
          <div className="grid-3">
            <div className={errors.urgency ? 'field has-error' : 'field'}>
              <label htmlFor="nr-urgency" className="field-label">Urgency</label>
              <select {...fieldProps('urgency')} value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)}>
                {reference.urgencies.map((u) => <option key={u} value={u}>{URGENCY_LABEL[u] ?? u}</option>)}
              </select>
              <Err id="nr-urgency-error" message={errors.urgency} />
            </div>
            <div className={errors.classification ? 'field has-error' : 'field'}>
              <label htmlFor="nr-classification" className="field-label">Classification</label>
              <select {...fieldProps('classification')} value={classification} onChange={(e) => setClassification(e.target.value)}>
                {reference.classifications.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
              <Err id="nr-classification-error" message={errors.classification} />
            </div>
            <div className={errors.requiredBy ? 'field has-error' : 'field'}>
              <label htmlFor="nr-requiredBy" className="field-label">Required by <span className="req" aria-hidden="true">*</span></label>
              <input {...fieldProps('requiredBy')} type="date" required value={requiredBy} onChange={(e) => setRequiredBy(e.target.value)} />
              <Err id="nr-requiredBy-error" message={errors.requiredBy} />
            </div>
          </div>
          <div className={errors.justification ? 'field has-error' : 'field'}>
            <label htmlFor="nr-justification" className="field-label">Justification <span className="req" aria-hidden="true">*</span></label>
            <textarea {...fieldProps('justification')} required rows={4} maxLength={8000} value={justification} onChange={(e) => setJustification(e.target.value)} placeholder="Why priority support is needed, the program impact, and what happens if the date is missed." />
            <Err id="nr-justification-error" message={errors.justification} />
          </div>
        </section>

        <section className="panel form-section">
          <h2 className="panel-title">Line items</h2>
          {itemsError ? <div className="field-error pad" role="alert">{itemsError}</div> : null}
          <div className="table-wrap">
            <table className="table items-editor">
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">Part number *</th>
                  <th scope="col">NSN</th>
                  <th scope="col">Description *</th>
                  <th scope="col">Quantity *</th>
                  <th scope="col">Unit *</th>
                  <th scope="col">Delivery by *</th>
                  <th scope="col"><span className="sr-only">Remove</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((item, index) => {
                  const err = (name: string) => errors[`items/${index}/${name}`];
                  const cell = (name: keyof ItemDraft, input: ReactNode) => (
                    <td className={err(name) ? 'has-error' : undefined}>
                      {input}
                      <Err id={`item-${index}-${name}-error`} message={err(name)} />
                    </td>
                  );
                  return (
                    <tr key={item.key} data-testid={`item-row-${index}`}>
                      <td className="num muted">{index + 1}</td>
                      {cell('partNumber', <input {...itemProps(index, 'partNumber')} aria-label={`Line ${index + 1} part number`} value={item.partNumber} onChange={(e) => updateItem(item.key, { partNumber: e.target.value })} />)}
                      {cell('nsn', <input {...itemProps(index, 'nsn')} aria-label={`Line ${index + 1} NSN`} placeholder="2840-01-234-5678" value={item.nsn} onChange={(e) => updateItem(item.key, { nsn: e.target.value })} />)}
                      {cell('description', <input {...itemProps(index, 'description')} aria-label={`Line ${index + 1} description`} value={item.description} onChange={(e) => updateItem(item.key, { description: e.target.value })} />)}
                      {cell('quantity', <input {...itemProps(index, 'quantity')} aria-label={`Line ${index + 1} quantity`} type="number" inputMode="decimal" className="input-num" value={item.quantity} onChange={(e) => updateItem(item.key, { quantity: e.target.value })} />)}
                      {cell('unit', <input {...itemProps(index, 'unit')} aria-label={`Line ${index + 1} unit`} className="input-unit" value={item.unit} onChange={(e) => updateItem(item.key, { unit: e.target.value })} />)}
                      {cell('requiredDeliveryDate', <input {...itemProps(index, 'requiredDeliveryDate')} aria-label={`Line ${index + 1} delivery date`} type="date" value={item.requiredDeliveryDate} onChange={(e) => updateItem(item.key, { requiredDeliveryDate: e.target.value })} />)}
                      <td>
                        <button type="button" className="icon-btn" aria-label={`Remove line ${index + 1}`} disabled={items.length === 1} onClick={() => setItems((list) => list.filter((i) => i.key !== item.key))}>
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="pad">
            <button type="button" className="btn btn-small" onClick={() => setItems((list) => [...list, blankItem(requiredBy || defaultDate)])}>
              + Add line item
            </button>
          </div>
        </section>

        <div className="form-foot">
          <button type="button" className="btn" onClick={() => navigate('/requests')} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Submitting…' : 'Submit request'}
          </button>
        </div>
      </form>
    </div>
  );
}
