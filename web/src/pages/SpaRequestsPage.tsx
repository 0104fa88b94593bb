// Special Priorities Assistance (15 CFR 700.50–700.55, Form BIS-999): the list, the filing form
// for suppliers and the detail with the review steps of the SOSA office / DoD and Commerce.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { flowDownApi } from '../api/flow-down.js';
import { SPA_ACTION_LABEL, SPA_NOTE_REQUIRED, SPA_STATUS_LABEL, SPA_STATUSES, spaApi, type NewSpaRequest, type SpaAction, type SpaDetail, type SpaStatus } from '../api/spa.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, formatDateTime, humanise } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

/** Status badge with the tone of an SPA's outcome (the request badges do not know these states). */
function SpaBadge({ status }: { status: SpaStatus }) {
  const tone = status === 'resolved' ? 'done' : status === 'denied' ? 'warn' : status === 'withdrawn' || status === 'draft' ? 'muted' : status === 'submitted' ? 'new' : 'progress';
  return (
    <span className={`badge badge-state spa-status-badge tone-${tone}`} data-state={status} data-testid="state-badge">
      <span className="dot" aria-hidden="true" />
      {SPA_STATUS_LABEL[status]}
    </span>
  );
}

export function SpaRequestsPage({ id, query }: { id?: string; query: URLSearchParams }) {
  if (id === 'new') return <NewSpaForm />;
  if (id) return <SpaDetailView id={id} />;
  return <SpaList query={query} />;
}

function SpaList({ query }: { query: URLSearchParams }) {
  const { user } = useSession();
  const status = (query.get('status') ?? '') as SpaStatus | '';
  const list = useLoad(() => spaApi.list(status), [status]);
  const items = list.data?.items ?? [];
  return (
    <div className="page">
      <PageHeader
        title="Special Priorities Assistance"
        subtitle="Requests for help with rated orders that are not being met (15 CFR 700.50–700.55, Form BIS-999)"
        actions={hasRole(user, 'supplier') ? <a className="btn btn-primary" href={href('/spa/new')} data-testid="new-spa">New SPA request</a> : null}
      />
      <section className="panel" data-testid="spa-list">
        <div className="panel-head">
          <h2 className="panel-title">Requests</h2>
          <div className="inline-filters" role="search" aria-label="Filter SPA requests">
            <label htmlFor="spa-status" className="small muted">Status</label>
            <select id="spa-status" value={status} onChange={(e) => navigate(e.target.value ? `/spa?status=${e.target.value}` : '/spa', { replace: true })}>
              <option value="">All</option>
              {SPA_STATUSES.map((s) => (
                <option key={s} value={s}>{SPA_STATUS_LABEL[s]}</option>
              ))}
            </select>
          </div>
        </div>
        <ErrorBanner error={list.error} onRetry={list.reload} />
        {list.loading && !list.data ? <Spinner label="Loading requests…" /> : null}
        {list.data && items.length === 0 ? <EmptyState title={status ? 'No request in this status' : 'No SPA requests'}>{hasRole(user, 'supplier') ? 'File one when a rated order cannot be met and you could not resolve it yourself.' : 'Requests filed by suppliers appear here once submitted.'}</EmptyState> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">SPA requests</caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Status</th>
                  <th scope="col">Company</th>
                  <th scope="col">Orders</th>
                  <th scope="col">Program</th>
                  <th scope="col">Submitted</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id} data-testid="spa-row" data-reference={i.reference}>
                    <td className="nowrap"><a href={href(`/spa/${i.id}`)} className="mono">{i.reference}</a>{i.view === 'partner' ? <span className="chip chip-muted">partner view</span> : null}</td>
                    <td><SpaBadge status={i.status} /></td>
                    <td>{i.company}</td>
                    <td className="small">{i.orders.join(', ')}</td>
                    <td className="small">{i.program}</td>
                    <td className="nowrap small">{i.submittedAt ? formatDateTime(i.submittedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

interface OrderLine {
  orderId?: string;
  orderNumber: string;
  rating: string;
  items: string;
  quantity: string;
  requiredDeliveryDate: string;
  promisedDeliveryDate: string;
}
const emptyLine = (): OrderLine => ({ orderNumber: '', rating: '', items: '', quantity: '', requiredDeliveryDate: '', promisedDeliveryDate: '' });

function NewSpaForm() {
  const { user } = useSession();
  const book = useLoad(() => api.listRatedOrders({}), []);
  const schedule = useLoad(() => api.mySchedule(), []);
  const subs = useLoad(() => flowDownApi.subOrders(), []);
  const [requester, setRequester] = useState({ name: user.displayName, title: '', email: '', phone: '' });
  const [customer, setCustomer] = useState('');
  const [supplier, setSupplier] = useState({ organisationId: '', name: '', contact: '' });
  const [lines, setLines] = useState<OrderLine[]>([emptyLine()]);
  const [program, setProgram] = useState('');
  const [problem, setProblem] = useState('');
  const [attempts, setAttempts] = useState('');
  const [action, setAction] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  // Orders of the own book and sub-orders received, rated only: each may fill a line.
  const rated = [
    ...(book.data?.items ?? []).filter((o) => o.rating).map((o) => ({ id: o.id, orderNumber: o.orderNumber, rating: o.rating!, quantity: o.quantity, due: o.requiredDeliveryDate, promised: o.daysLate > 0 ? o.projectedCompletionDate : '' })),
    ...(subs.data?.received ?? []).filter((o) => o.rating).map((o) => ({ id: o.id, orderNumber: o.orderNumber, rating: o.rating!, quantity: o.quantity, due: o.requiredDeliveryDate, promised: '' })),
  ];
  const conflicts = schedule.data?.conflicts ?? [];

  const setLine = (i: number, patch: Partial<OrderLine>) => setLines(lines.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const fromBook = (i: number, id: string) => {
    const o = rated.find((r) => r.id === id);
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith(`orders/${i}/`))));
    if (!o) return setLine(i, { orderId: undefined });
    setLine(i, { orderId: o.id, orderNumber: o.orderNumber, rating: o.rating, quantity: String(o.quantity), requiredDeliveryDate: o.due, promisedDeliveryDate: o.promised });
  };
  // 700.14(c)(2): a conflict among equally rated orders that precedence cannot resolve → SPA.
  const prefillFromConflict = () => {
    const c = conflicts[0]!;
    const delayed = (schedule.data?.orders ?? []).filter((o) => c.delayed.includes(o.orderNumber));
    setLines(delayed.map((o) => ({ orderId: o.id, orderNumber: o.orderNumber, rating: o.rating ?? '', items: '', quantity: String(o.quantity), requiredDeliveryDate: o.requiredDeliveryDate, promisedDeliveryDate: o.projectedCompletionDate })));
    setProblem(`Conflict among ${c.priority} orders on ${c.resource}: ${c.delayed.join(', ')} cannot all be met (precedence ${c.precedence.join(' → ')}). ${c.suggestion}`);
    setAttempts('Sequenced the orders by required delivery date and receipt (15 CFR 700.14(c)(1)); the conflict remains.');
  };

  const submit = async (e: FormEvent, file: boolean) => {
    e.preventDefault();
    setError(undefined);
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
      submit: file,
    };
    setBusy(true);
    try {
      const created = await spaApi.create(body);
      navigate(`/spa/${created.id}`);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };
  const err = (f: string) => (errors[f] ? <div id={`spa-${f.replace(/\//g, '-')}-error`} className="field-error" role="alert">{errors[f]}</div> : null);
  const cls = (f: string) => (errors[f] ? 'field has-error' : 'field');
  const aria = (f: string) => ({ id: `spa-${f.replace(/\//g, '-')}`, 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `spa-${f.replace(/\//g, '-')}-error` : undefined });

  return (
    <div className="page">
      <PageHeader title="New SPA request" subtitle="Form BIS-999, Request for Special Priorities Assistance (15 CFR 700.50): about your own rated orders" />
      <form
        className="panel form form-section spa-form"
        onSubmit={(e) => void submit(e, true)}
        // A field's error goes once the field is edited.
        onInput={(e) => {
          const id = (e.target as HTMLElement).id;
          setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => `spa-${k.replace(/\//g, '-')}` !== id)));
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
          <div className={cls('requester/name')}><label htmlFor="spa-requester-name" className="field-label">Name</label><input {...aria('requester/name')} value={requester.name} onChange={(e) => setRequester({ ...requester, name: e.target.value })} />{err('requester/name')}</div>
          <div className="field"><label htmlFor="spa-requester-title" className="field-label">Title</label><input id="spa-requester-title" value={requester.title} onChange={(e) => setRequester({ ...requester, title: e.target.value })} /></div>
          <div className={cls('requester/email')}><label htmlFor="spa-requester-email" className="field-label">E-mail</label><input {...aria('requester/email')} type="email" value={requester.email} onChange={(e) => setRequester({ ...requester, email: e.target.value })} />{err('requester/email')}</div>
          <div className="field"><label htmlFor="spa-requester-phone" className="field-label">Phone</label><input id="spa-requester-phone" value={requester.phone} onChange={(e) => setRequester({ ...requester, phone: e.target.value })} /></div>
          <div className="field"><label htmlFor="spa-customer" className="field-label">Your customer (block 1b)</label><input id="spa-customer" value={customer} onChange={(e) => setCustomer(e.target.value)} /></div>
        </div>
        <h3 className="subhead">Supplier concerned</h3>
        <div className="grid-2">
          <div className={cls('supplier/name')}><label htmlFor="spa-supplier-name" className="field-label">Supplier name</label><input {...aria('supplier/name')} value={supplier.name} onChange={(e) => setSupplier({ ...supplier, name: e.target.value })} />{err('supplier/name')}</div>
          <div className={cls('supplier/organisationId')}>
            <label htmlFor="spa-supplier-organisationId" className="field-label">In SOSA Desk (optional)</label>
            <select {...aria('supplier/organisationId')} value={supplier.organisationId} onChange={(e) => { const o = subs.data?.suppliers.find((s) => s.id === e.target.value); setSupplier({ ...supplier, organisationId: e.target.value, name: o ? o.name : supplier.name }); }}>
              <option value="">— not in the system —</option>
              {(subs.data?.suppliers ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
            {err('supplier/organisationId')}
          </div>
          <div className="field"><label htmlFor="spa-supplier-contact" className="field-label">Supplier contact</label><input id="spa-supplier-contact" value={supplier.contact} onChange={(e) => setSupplier({ ...supplier, contact: e.target.value })} /></div>
        </div>
        <h3 className="subhead">Orders concerned</h3>
        {err('orders')}
        <div className="spa-lines">
          {lines.map((l, i) => (
            <fieldset key={i} className="spa-line" data-testid="spa-order-line">
              <legend className="small muted">Order {i + 1}</legend>
              <div className="grid-3">
                <div className="field">
                  <label htmlFor={`spa-book-${i}`} className="field-label">From my book</label>
                  <select id={`spa-book-${i}`} value={l.orderId ?? ''} onChange={(e) => fromBook(i, e.target.value)}>
                    <option value="">— type it in —</option>
                    {rated.map((o) => <option key={o.id} value={o.id}>{o.orderNumber} ({o.rating})</option>)}
                  </select>
                  {err(`orders/${i}/orderId`)}
                </div>
                <div className={cls(`orders/${i}/orderNumber`)}><label htmlFor={`spa-orders-${i}-orderNumber`} className="field-label">Order number</label><input {...aria(`orders/${i}/orderNumber`)} value={l.orderNumber} onChange={(e) => setLine(i, { orderNumber: e.target.value })} />{err(`orders/${i}/orderNumber`)}</div>
                <div className={cls(`orders/${i}/rating`)}><label htmlFor={`spa-orders-${i}-rating`} className="field-label">Rating</label><input {...aria(`orders/${i}/rating`)} className="mono" placeholder="DO-A1" value={l.rating} onChange={(e) => setLine(i, { rating: e.target.value })} />{err(`orders/${i}/rating`)}</div>
                <div className={cls(`orders/${i}/items`)}><label htmlFor={`spa-orders-${i}-items`} className="field-label">Items</label><input {...aria(`orders/${i}/items`)} value={l.items} onChange={(e) => setLine(i, { items: e.target.value })} />{err(`orders/${i}/items`)}</div>
                <div className={cls(`orders/${i}/quantity`)}><label htmlFor={`spa-orders-${i}-quantity`} className="field-label">Quantity</label><input {...aria(`orders/${i}/quantity`)} inputMode="numeric" value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} />{err(`orders/${i}/quantity`)}</div>
                <div className={cls(`orders/${i}/requiredDeliveryDate`)}><label htmlFor={`spa-orders-${i}-requiredDeliveryDate`} className="field-label">Required delivery</label><input {...aria(`orders/${i}/requiredDeliveryDate`)} type="date" value={l.requiredDeliveryDate} onChange={(e) => setLine(i, { requiredDeliveryDate: e.target.value })} />{err(`orders/${i}/requiredDeliveryDate`)}</div>
                <div className={cls(`orders/${i}/promisedDeliveryDate`)}><label htmlFor={`spa-orders-${i}-promisedDeliveryDate`} className="field-label">Promised delivery</label><input {...aria(`orders/${i}/promisedDeliveryDate`)} type="date" value={l.promisedDeliveryDate} onChange={(e) => setLine(i, { promisedDeliveryDate: e.target.value })} />{err(`orders/${i}/promisedDeliveryDate`)}</div>
              </div>
              {lines.length > 1 ? <button type="button" className="btn btn-small btn-ghost" onClick={() => setLines(lines.filter((_, k) => k !== i))}>Remove order</button> : null}
            </fieldset>
          ))}
        </div>
        <button type="button" className="btn btn-small" onClick={() => setLines([...lines, emptyLine()])}>Add an order</button>
        <h3 className="subhead">The problem</h3>
        <div className={cls('program')}><label htmlFor="spa-program" className="field-label">Program supported</label><input {...aria('program')} value={program} onChange={(e) => setProgram(e.target.value)} />{err('program')}</div>
        <div className={cls('problem')}><label htmlFor="spa-problem" className="field-label">What the problem is</label><textarea {...aria('problem')} rows={3} value={problem} onChange={(e) => setProblem(e.target.value)} />{err('problem')}</div>
        <div className={cls('attemptsMade')}><label htmlFor="spa-attemptsMade" className="field-label">What you already tried</label><textarea {...aria('attemptsMade')} rows={2} value={attempts} onChange={(e) => setAttempts(e.target.value)} />{err('attemptsMade')}</div>
        <div className={cls('actionRequested')}><label htmlFor="spa-actionRequested" className="field-label">Action requested</label><textarea {...aria('actionRequested')} rows={2} value={action} onChange={(e) => setAction(e.target.value)} />{err('actionRequested')}</div>
        <div className="form-foot">
          <a className="btn btn-ghost btn-small" href={href('/spa')}>Cancel</a>
          <button type="button" className="btn btn-small" disabled={busy} onClick={(e) => void submit(e, false)}>Save draft</button>
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>{busy ? 'Filing…' : 'Submit request'}</button>
        </div>
      </form>
    </div>
  );
}

function SpaDetailView({ id }: { id: string }) {
  const spa = useLoad(() => spaApi.get(id), [id]);
  const d = spa.data;
  return (
    <div className="page">
      <PageHeader title={d ? `SPA ${d.reference}` : 'SPA request'} subtitle={d ? `${d.company.name} · ${d.program}` : undefined} actions={<a className="btn btn-ghost btn-small" href={href('/spa')}>All SPA requests</a>} />
      <ErrorBanner error={spa.error} onRetry={spa.reload} />
      {spa.loading && !d ? <Spinner label="Loading the request…" /> : null}
      {d ? (
        <div className="spa-detail" data-testid="spa-detail">
          <section className="panel">
            <div className="panel-head">
              <h2 className="panel-title">Status</h2>
              <span data-testid="spa-status"><SpaBadge status={d.status} /></span>
            </div>
            {d.view === 'partner' ? <p className="banner banner-info">Partner view: this request concerns your nation’s SOSA request. The company’s contact, problem statement and attempts are business-confidential (DPA 705(d)) and not shown.</p> : null}
            <dl className="facts">
              {d.requester ? (<><dt>Requester</dt><dd>{d.requester.name}{d.requester.title ? `, ${d.requester.title}` : ''} · {d.requester.email}{d.requester.phone ? ` · ${d.requester.phone}` : ''}</dd></>) : null}
              {d.customer ? (<><dt>Customer</dt><dd>{d.customer}</dd></>) : null}
              {d.supplier ? (<><dt>Supplier</dt><dd>{d.supplier.name}{d.supplier.contact ? ` (${d.supplier.contact})` : ''}</dd></>) : null}
              <dt>Program</dt><dd>{d.program}</dd>
              <dt>Submitted</dt><dd>{d.submittedAt ? formatDateTime(d.submittedAt) : 'Not yet (draft)'}</dd>
              {d.forwardedAt ? (<><dt>Forwarded to Commerce</dt><dd>{formatDateTime(d.forwardedAt)}</dd></>) : null}
              {d.outcomeNote ? (<><dt>Outcome</dt><dd data-testid="spa-outcome">{d.outcomeNote}</dd></>) : null}
            </dl>
          </section>
          <SpaActions spa={d} onDone={(next) => spa.setData(next)} />
          <section className="panel">
            <h2 className="panel-title">Orders concerned</h2>
            <div className="table-wrap">
              <table className="table">
                <thead><tr><th scope="col">Order</th><th scope="col">Rating</th><th scope="col">Items</th><th scope="col" className="num">Quantity</th><th scope="col">Required</th><th scope="col">Promised</th></tr></thead>
                <tbody>
                  {d.orders.map((o) => (
                    <tr key={o.lineNo}><td className="mono">{o.orderNumber}</td><td><span className="badge rating-badge">{o.rating}</span></td><td>{o.items}</td><td className="num">{o.quantity}</td><td className="nowrap">{formatDate(o.requiredDeliveryDate)}</td><td className={o.promisedDeliveryDate && o.promisedDeliveryDate > o.requiredDeliveryDate ? 'nowrap late-text' : 'nowrap'}>{o.promisedDeliveryDate ? formatDate(o.promisedDeliveryDate) : '—'}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
            {d.problem !== null ? (<><h3 className="subhead">Problem</h3><p className="prose">{d.problem}</p></>) : null}
            {d.attemptsMade !== null ? (<><h3 className="subhead">Already tried</h3><p className="prose">{d.attemptsMade}</p></>) : null}
            <h3 className="subhead">Action requested</h3>
            <p className="prose">{d.actionRequested}</p>
          </section>
          {d.events ? (
            <section className="panel">
              <h2 className="panel-title">History</h2>
              <ol className="spa-history" data-testid="spa-history">
                {d.events.map((e, i) => (
                  <li key={i}>
                    <span className="small muted nowrap">{formatDateTime(e.at)}</span> <span className="strong">{e.actor}</span> ({e.nation}) — {humanise(e.action)} → {SPA_STATUS_LABEL[e.toStatus as SpaStatus] ?? e.toStatus}
                    {e.note ? <div className="small">“{e.note}”</div> : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function SpaActions({ spa, onDone }: { spa: SpaDetail; onDone(next: SpaDetail): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<SpaAction | null>(null);
  if (spa.actions.length === 0) return null;
  const act = async (action: SpaAction) => {
    setError(undefined);
    if (SPA_NOTE_REQUIRED.includes(action) && !note.trim()) {
      setError(new ApiError(0, { title: 'A note is needed', detail: `${SPA_ACTION_LABEL[action]} needs a note giving the reasons.` }));
      return;
    }
    setBusy(action);
    try {
      onDone(await spaApi.transition(spa.id, { action, version: spa.version, ...(note.trim() ? { note: note.trim() } : {}) }));
      setNote('');
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };
  const needsNote = spa.actions.some((a) => SPA_NOTE_REQUIRED.includes(a));
  return (
    <section className="panel" data-testid="spa-actions">
      <h2 className="panel-title">Your next step</h2>
      <div className="form form-section">
        <ErrorBanner error={error} />
        {needsNote ? (
          <div className="field">
            <label htmlFor="spa-note" className="field-label">Note (reasons; required to forward, resolve or deny)</label>
            <textarea id="spa-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        ) : null}
        <div className="form-foot spa-action-buttons">
          {spa.actions.map((a) => (
            <button key={a} type="button" className={a === 'deny' || a === 'withdraw' ? 'btn btn-small' : 'btn btn-primary btn-small'} disabled={busy !== null} onClick={() => void act(a)} data-testid={`spa-action-${a}`}>
              {busy === a ? 'Working…' : SPA_ACTION_LABEL[a]}
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}
