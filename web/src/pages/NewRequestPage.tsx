import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { NewRequest, Urgency } from '../api/types.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { blankItem, fromDrafts, LineItemsEditor, type ItemDraft } from '../components/LineItemsEditor.js';
import { PageHeader } from '../components/PageHeader.js';
import { addDaysIso, URGENCY_LABEL } from '../format.js';
import { navigate } from '../router.js';
import { hasRole, nationName, useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { useApiMutation } from '../queries/use-api-mutation.js';

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
  const [classification, setClassification] = useState<NewRequest['classification']>(reference.classifications[0] ?? 'UNCLASSIFIED');
  const [requiredBy, setRequiredBy] = useState(defaultDate);
  const [justification, setJustification] = useState('');
  const [items, setItems] = useState<ItemDraft[]>(() => [blankItem(defaultDate)]);
  const create = useApiMutation((body: NewRequest) => api.createRequest(body), {
    invalidates: [keys.requests.all, keys.partnerCopies.all],
    // On a sovereign instance a request to a peer's nation is held by that nation's instance
    // (202, issue #13): here it is a partner copy, shown at once and replaced by the holder's.
    onSaved: (created) => navigate('heldBy' in created ? `/partner-copies/${created.id}` : `/requests/${created.id}`),
    // The banner and the field errors are at the top of a long form.
    onFailed: () => window.scrollTo({ top: 0 }),
  });
  const { busy, error, fieldErrors: errors } = create;

  // The server lists only the programs this nation is party to: its own, and those it partners in.
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: NewRequest = {
      toNation,
      title: title.trim(),
      programId,
      justification: justification.trim(),
      urgency,
      classification,
      requiredBy,
      items: fromDrafts(items),
    };
    void create.run(body);
  };

  const fieldProps = (name: string) => ({
    id: `nr-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `nr-${name}-error` : undefined,
  });

  return (
    <div className="page page-narrow">
      <PageHeader title="New priority support request" subtitle={`From ${nationName(reference, user.nation)} — ${user.organisation.name}`} />
      <ErrorBanner error={error} />
      <form className="form form-grid" onSubmit={submit} noValidate data-testid="new-request-form">
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
              <select {...fieldProps('classification')} value={classification} onChange={(e) => setClassification(e.target.value as NewRequest['classification'])}>
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
          <LineItemsEditor items={items} onChange={setItems} errors={errors} newLineDate={requiredBy || defaultDate} />
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
