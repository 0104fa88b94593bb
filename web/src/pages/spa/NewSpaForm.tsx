// The supplier's filing form of an SPA request (Form BIS-999), about its own rated orders; a
// schedule conflict that precedence cannot resolve can prefill it (700.14(c)(2)).
import { useState } from 'react';
import { api } from '../../api/client.js';
import { flowDownApi } from '../../api/flow-down.js';
import { spaApi, type NewSpaRequest } from '../../api/spa.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { PageHeader } from '../../components/PageHeader.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { spaAria, SpaError, SpaField, spaFieldId } from './SpaField.js';
import { emptyLine, SpaOrderLines, type OrderLine, type RatedChoice } from './SpaOrderLines.js';

export function NewSpaForm() {
  const { user } = useSession();
  const book = useApiQuery(keys.ratedOrders.list({}), () => api.listRatedOrders({}));
  const schedule = useApiQuery(keys.ratedOrders.part('my-schedule'), () => api.mySchedule());
  const subs = useApiQuery(keys.flowDown.part('sub-orders'), () => flowDownApi.subOrders());
  const [requester, setRequester] = useState({ name: user.displayName, title: '', email: '', phone: '' });
  const [customer, setCustomer] = useState('');
  const [supplier, setSupplier] = useState({ organisationId: '', name: '', contact: '' });
  const [lines, setLines] = useState<OrderLine[]>([emptyLine()]);
  const [program, setProgram] = useState('');
  const [problem, setProblem] = useState('');
  const [attempts, setAttempts] = useState('');
  const [action, setAction] = useState('');
  // The form's own copy of the field errors: one goes when its field is edited.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const file = useApiMutation((body: NewSpaRequest) => spaApi.create(body), {
    invalidates: [keys.spaRequests.all],
    onSaved: (created) => navigate(`/spa/${created.id}`),
    onFailed: (e) => setErrors(e.fieldErrors),
  });
  const error = file.error;

  // Orders of the own book and sub-orders received, rated only: each may fill a line.
  const rated: RatedChoice[] = [
    ...(book.data?.items ?? []).filter((o) => o.rating).map((o) => ({ id: o.id, orderNumber: o.orderNumber, rating: o.rating!, quantity: o.quantity, due: o.requiredDeliveryDate, promised: o.daysLate > 0 ? (o.projectedCompletionDate ?? '') : '' })),
    ...(subs.data?.received ?? []).filter((o) => o.rating).map((o) => ({ id: o.id, orderNumber: o.orderNumber, rating: o.rating!, quantity: o.quantity, due: o.requiredDeliveryDate, promised: '' })),
  ];
  const conflicts = schedule.data?.conflicts ?? [];
  const dropLineErrors = (i: number) => setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith(`orders/${i}/`))));

  // 700.14(c)(2): a conflict among equally rated orders that precedence cannot resolve → SPA.
  const prefillFromConflict = () => {
    const c = conflicts[0]!;
    const delayed = (schedule.data?.orders ?? []).filter((o) => c.delayed.includes(o.orderNumber));
    setLines(delayed.map((o) => ({ orderId: o.id, orderNumber: o.orderNumber, rating: o.rating ?? '', items: '', quantity: String(o.quantity), requiredDeliveryDate: o.requiredDeliveryDate, promisedDeliveryDate: o.projectedCompletionDate })));
    setProblem(`Conflict among ${c.priority} orders on ${c.resource}: ${c.delayed.join(', ')} cannot all be met (precedence ${c.precedence.join(' → ')}). ${c.suggestion}`);
    setAttempts('Sequenced the orders by required delivery date and receipt (15 CFR 700.14(c)(1)); the conflict remains.');
  };

  const submit = (submitIt: boolean) => {
    const body: NewSpaRequest = {
      requester: { name: requester.name.trim(), email: requester.email.trim(), ...(requester.title.trim() ? { title: requester.title.trim() } : {}), ...(requester.phone.trim() ? { phone: requester.phone.trim() } : {}) },
      ...(customer.trim() ? { customer: customer.trim() } : {}),
      supplier: { name: supplier.name.trim(), ...(supplier.organisationId ? { organisationId: supplier.organisationId } : {}), ...(supplier.contact.trim() ? { contact: supplier.contact.trim() } : {}) },
      orders: lines.map((l) => ({
        ...(l.orderId ? { orderId: l.orderId } : {}),
        orderNumber: l.orderNumber.trim(),
        rating: l.rating.trim(),
        items: l.items.trim(),
        // Empty is sent as missing (not 0), so the message asks for a quantity.
        quantity: l.quantity.trim() === '' ? Number.NaN : Number(l.quantity),
        requiredDeliveryDate: l.requiredDeliveryDate,
        promisedDeliveryDate: l.promisedDeliveryDate || null,
      })),
      program: program.trim(),
      problem: problem.trim(),
      attemptsMade: attempts.trim(),
      actionRequested: action.trim(),
      submit: submitIt,
    };
    void file.run(body);
  };

  return (
    <div className="page">
      <PageHeader title="New SPA request" subtitle="Form BIS-999, Request for Special Priorities Assistance (15 CFR 700.50): about your own rated orders" />
      <form
        className="panel form form-section spa-form"
        onSubmit={(e) => (e.preventDefault(), submit(true))}
        // A field's error goes once the field is edited.
        onInput={(e) => {
          const id = (e.target as HTMLElement).id;
          setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => spaFieldId(k) !== id)));
        }}
        noValidate
        data-testid="spa-form"
      >
        <ErrorBanner error={error && Object.keys(errors).length ? error : error?.errors.length ? undefined : error} />
        {conflicts.length > 0 ? (
          <div className="banner banner-info" data-testid="spa-conflict-hint">
            Your schedule has a conflict among equally rated orders that precedence does not resolve ({conflicts[0]!.delayed.join(', ')}).{' '}
            <button type="button" className="btn btn-small" onClick={prefillFromConflict} data-testid="spa-prefill">Prefill from the conflict</button>
          </div>
        ) : null}
        <h3 className="subhead">Requester and contact</h3>
        <div className="grid-2">
          <SpaField field="requester/name" label="Name" errors={errors} value={requester.name} onChange={(e) => setRequester({ ...requester, name: e.target.value })} />
          <SpaField field="requester/title" label="Title" errors={errors} value={requester.title} onChange={(e) => setRequester({ ...requester, title: e.target.value })} />
          <SpaField field="requester/email" label="E-mail" errors={errors} type="email" value={requester.email} onChange={(e) => setRequester({ ...requester, email: e.target.value })} />
          <SpaField field="requester/phone" label="Phone" errors={errors} value={requester.phone} onChange={(e) => setRequester({ ...requester, phone: e.target.value })} />
          <SpaField field="customer" label="Your customer (block 1b)" errors={errors} value={customer} onChange={(e) => setCustomer(e.target.value)} />
        </div>
        <h3 className="subhead">Supplier concerned</h3>
        <div className="grid-2">
          <SpaField field="supplier/name" label="Supplier name" errors={errors} value={supplier.name} onChange={(e) => setSupplier({ ...supplier, name: e.target.value })} />
          <SpaField field="supplier/organisationId" label="In SOSA Desk (optional)" errors={errors}>
            <select {...spaAria('supplier/organisationId', errors)} value={supplier.organisationId} onChange={(e) => { const o = subs.data?.suppliers.find((s) => s.id === e.target.value); setSupplier({ ...supplier, organisationId: e.target.value, name: o ? o.name : supplier.name }); }}>
              <option value="">— not in the system —</option>
              {(subs.data?.suppliers ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </SpaField>
          <SpaField field="supplier/contact" label="Supplier contact" errors={errors} value={supplier.contact} onChange={(e) => setSupplier({ ...supplier, contact: e.target.value })} />
        </div>
        <h3 className="subhead">Orders concerned</h3>
        <SpaError field="orders" errors={errors} />
        <SpaOrderLines lines={lines} setLines={setLines} rated={rated} errors={errors} onFromBook={dropLineErrors} />
        <h3 className="subhead">The problem</h3>
        <SpaField field="program" label="Program supported" errors={errors} value={program} onChange={(e) => setProgram(e.target.value)} />
        <SpaField field="problem" label="What the problem is" errors={errors}><textarea {...spaAria('problem', errors)} rows={3} value={problem} onChange={(e) => setProblem(e.target.value)} /></SpaField>
        <SpaField field="attemptsMade" label="What you already tried" errors={errors}><textarea {...spaAria('attemptsMade', errors)} rows={2} value={attempts} onChange={(e) => setAttempts(e.target.value)} /></SpaField>
        <SpaField field="actionRequested" label="Action requested" errors={errors}><textarea {...spaAria('actionRequested', errors)} rows={2} value={action} onChange={(e) => setAction(e.target.value)} /></SpaField>
        <div className="form-foot">
          <a className="btn btn-ghost btn-small" href={href('/spa')}>Cancel</a>
          <button type="button" className="btn btn-small" disabled={file.busy} onClick={() => submit(false)}>Save draft</button>
          <button type="submit" className="btn btn-primary btn-small" disabled={file.busy}>{file.busy ? 'Filing…' : 'Submit request'}</button>
        </div>
      </form>
    </div>
  );
}
