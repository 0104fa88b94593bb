// The LEMOA / ACSA reciprocal logistics support ledger: orders from a supplying to a receiving
// nation, settlements (cash, replacement in kind, equal value exchange), balances and overdue items.
import { useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError } from '../api/client.js';
import { METHOD_LABEL, partnershipApi, SETTLEMENT_METHODS, SUPPORT_CLASSES, type Balances, type Claim, type LogisticsOrder, type NewLogisticsOrder, type SettlementMethod, type SupportClass } from '../api/partnership.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, humanise, todayIso } from '../format.js';
import { hasRole, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

/** "1860000.00" → "1,860,000.00" for reading; the API's decimal string is never turned into a float. */
function grouped(amount: string): string {
  const [whole = '', fraction] = amount.replace(/^-/, '').split('.');
  return `${amount.startsWith('-') ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
}
const money = (amount: string, currency: string) => `${currency} ${grouped(amount)}`;

function OrderStatus({ o }: { o: LogisticsOrder }) {
  if (o.status === 'settled') return <span className="chip chip-ok">Settled</span>;
  return (
    <>
      <span className={o.status === 'partly_settled' ? 'chip chip-warn' : 'chip'}>{o.status === 'partly_settled' ? 'Partly settled' : 'Open'}</span>
      {o.overdue ? <span className="badge wg-overdue" data-testid="overdue-badge">Overdue</span> : null}
    </>
  );
}

function SettleDialog({ order, onClose, onDone }: { order: LogisticsOrder; onClose(): void; onDone(): void }) {
  const { user } = useSession();
  const debtor = user.nation === order.receivingNation;
  const [amount, setAmount] = useState(order.unclaimed);
  const [settledOn, setSettledOn] = useState(todayIso());
  const [method, setMethod] = useState<SettlementMethod>(order.settlementMethod);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await partnershipApi.settle(order.id, { amount: amount.trim(), settledOn, method, ...(note ? { note } : {}) });
      onDone();
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  const fe = error?.fieldErrors ?? {};
  return (
    <Dialog title={`Settle ${order.reference}`} onClose={onClose}>
      <form className="dialog-body form" onSubmit={(e) => void submit(e)} noValidate data-testid="settle-dialog">
        <p className="dialog-context small">
          {order.receivingNation} owes {order.supplyingNation} <span className="strong">{money(order.open, order.currency)}</span> of {money(order.amount, order.currency)} · settle by {formatDate(order.settleBy)}
          {order.claimedMinor > 0 ? <> · {money(order.claimed, order.currency)} of it claimed as paid, awaiting {order.supplyingNation}’s confirmation</> : null}
        </p>
        <p className="small" data-testid="settle-effect">
          {debtor
            ? `${order.supplyingNation} supplied this support: your settlement is recorded as claimed until ${order.supplyingNation} confirms it received it.`
            : `You record what ${order.supplyingNation} received: the settlement is confirmed at once.`}
        </p>
        <ErrorBanner error={error} />
        <div className="grid-2">
          <div className={fe.amount ? 'field has-error' : 'field'}><label htmlFor="st-amount" className="field-label">Amount ({order.currency})</label>
            <input id="st-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={fe.amount ? true : undefined} />
            {fe.amount ? <div className="field-error" role="alert">{fe.amount}</div> : <div className="field-help">Partial settlements are allowed.</div>}</div>
          <div className={fe.settledOn ? 'field has-error' : 'field'}><label htmlFor="st-date" className="field-label">Settled on</label><input id="st-date" type="date" value={settledOn} onChange={(e) => setSettledOn(e.target.value)} />{fe.settledOn ? <div className="field-error" role="alert">{fe.settledOn}</div> : null}</div>
        </div>
        <div className="field"><label htmlFor="st-method" className="field-label">Method</label>
          <select id="st-method" value={method} onChange={(e) => setMethod(e.target.value as SettlementMethod)}>{SETTLEMENT_METHODS.map((m) => <option key={m} value={m}>{METHOD_LABEL[m]}</option>)}</select></div>
        <div className="field"><label htmlFor="st-note" className="field-label">Note</label><input id="st-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Voucher, invoice or exchange reference" /></div>
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Recording…' : debtor ? 'Record settlement claim' : 'Record settlement'}</button>
        </div>
      </form>
    </Dialog>
  );
}

function NewOrderDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { user, reference } = useSession();
  const partners = [...new Set(reference.arrangements.flatMap((a) => [a.nationA, a.nationB]).filter((n) => n !== user.nation))].sort();
  const [form, setForm] = useState<NewLogisticsOrder>({ supplyingNation: user.nation, receivingNation: partners.includes('IN') && user.nation !== 'IN' ? 'IN' : partners.includes('US') ? 'US' : (partners[0] ?? ''), supportClass: 'fuel', description: '', occasion: '', deliveredOn: todayIso(), currency: 'USD', amount: '', settlementMethod: 'cash' });
  const [error, setError] = useState<ApiError>();
  const set = (k: keyof NewLogisticsOrder) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const partner = form.supplyingNation === user.nation ? form.receivingNation : form.supplyingNation;
  const direction = form.supplyingNation === user.nation ? 'supply' : 'receive';
  const setDirection = (d: string) => setForm({ ...form, supplyingNation: d === 'supply' ? user.nation : partner, receivingNation: d === 'supply' ? partner : user.nation });
  const setPartner = (p: string) => setForm({ ...form, supplyingNation: direction === 'supply' ? user.nation : p, receivingNation: direction === 'supply' ? p : user.nation });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await partnershipApi.createOrder({ ...form, currency: form.currency.toUpperCase() });
      onDone();
    } catch (err) {
      setError(toApiError(err));
    }
  };
  const fe = error?.fieldErrors ?? {};
  const f = (k: keyof NewLogisticsOrder, label: string, props: Record<string, unknown> = {}) => (
    <div className={fe[k] ? 'field has-error' : 'field'}><label htmlFor={`lo-${k}`} className="field-label">{label}</label><input id={`lo-${k}`} value={String(form[k] ?? '')} onChange={set(k)} {...props} />{fe[k] ? <div className="field-error" role="alert">{fe[k]}</div> : null}</div>
  );
  return (
    <Dialog title="Record a logistics support order" onClose={onClose} wide>
      <form className="dialog-body form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner error={error} />
        <div className="grid-3">
          <div className="field"><label htmlFor="lo-dir" className="field-label">Your nation ({user.nation})</label><select id="lo-dir" value={direction} onChange={(e) => setDirection(e.target.value)}><option value="supply">supplied the support</option><option value="receive">received the support</option></select></div>
          <div className="field"><label htmlFor="lo-partner" className="field-label">Partner nation</label><select id="lo-partner" value={partner} onChange={(e) => setPartner(e.target.value)}>{partners.map((p) => <option key={p} value={p}>{p}</option>)}</select></div>
          <div className="field"><label htmlFor="lo-class" className="field-label">Class</label><select id="lo-class" value={form.supportClass} onChange={(e) => setForm({ ...form, supportClass: e.target.value as SupportClass })}>{SUPPORT_CLASSES.map((c) => <option key={c} value={c}>{humanise(c)}</option>)}</select></div>
        </div>
        {f('description', 'Description')}
        {f('occasion', 'Occasion (port call, exercise, HADR)')}
        <div className="grid-3">
          {f('deliveredOn', 'Delivered on', { type: 'date' })}
          {f('currency', 'Currency', { maxLength: 3 })}
          {f('amount', 'Amount', { inputMode: 'decimal', placeholder: '212400.00' })}
        </div>
        <div className="field"><label htmlFor="lo-method" className="field-label">Settlement</label><select id="lo-method" value={form.settlementMethod} onChange={(e) => setForm({ ...form, settlementMethod: e.target.value as SettlementMethod })}>{SETTLEMENT_METHODS.map((m) => <option key={m} value={m}>{METHOD_LABEL[m]}</option>)}</select></div>
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary">Record order</button>
        </div>
      </form>
    </Dialog>
  );
}

function BalancesPanel({ balances }: { balances: Balances }) {
  const currencies = [...new Set(balances.gross.map((g) => g.currency))].sort();
  return (
    <section className="panel" aria-labelledby="bal-h" data-testid="balances-panel">
      <div className="panel-head"><h2 id="bal-h" className="panel-title">Open balances</h2><span className="small muted">Settle within {balances.settlementMonths} months of delivery (10 USC 2345; a setting)</span></div>
      {balances.net.length === 0 ? <p className="pad muted">Nothing is owed either way.</p> : (
        <ul className="ledger-net">
          {balances.net.map((n) => (
            <li key={`${n.owedBy}${n.owedTo}${n.currency}`} data-testid="net-balance"><span className="strong">{n.owedBy}</span> owes <span className="strong">{n.owedTo}</span> <span className="mono">{money(n.amount, n.currency)}</span> <span className="small muted">net, on confirmed settlements</span></li>
          ))}
        </ul>
      )}
      {balances.gross.some((g) => g.claimedMinor > 0) ? (
        <ul className="ledger-net" data-testid="claimed-balances">
          {balances.gross.filter((g) => g.claimedMinor > 0).map((g) => (
            <li key={`${g.owedBy}${g.owedTo}${g.currency}`}>
              Of the <span className="mono">{money(g.amount, g.currency)}</span> {g.owedBy} owes {g.owedTo}, <span className="mono strong">{money(g.claimed, g.currency)}</span> is claimed as paid and awaits {g.owedTo}’s confirmation
            </li>
          ))}
        </ul>
      ) : null}
      <div className="ledger-charts">
        {currencies.map((c) => {
          // Decimal strings to numbers for drawing only; every figure shown in text stays exact.
          const data = balances.gross.filter((g) => g.currency === c).map((g) => ({ name: `${g.owedBy} owes ${g.owedTo}`, open: Number(g.amount) - Number(g.claimed), claimed: Number(g.claimed) }));
          return (
            <figure key={c} className="ledger-chart" data-testid="balance-chart">
              <figcaption className="small strong">Open in {c}</figcaption>
              <ResponsiveContainer width="100%" height={170}>
                <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 12 }} />
                  <YAxis tick={{ fontSize: 11 }} width={70} tickFormatter={(v: number) => new Intl.NumberFormat('en', { notation: 'compact' }).format(v)} />
                  <Tooltip formatter={(v, name) => [money(Number(v).toFixed(2), c), name]} itemStyle={{ color: '#1c2430' }} />
                  <Legend />
                  <Bar dataKey="open" stackId="owed" name={`Open, not claimed (${c})`} fill="#2f6f9f" maxBarSize={90} isAnimationActive={false} />
                  <Bar dataKey="claimed" stackId="owed" name={`Claimed, awaiting confirmation (${c})`} fill="#c9a227" maxBarSize={90} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          );
        })}
      </div>
    </section>
  );
}

function DisputeDialog({ claim, onClose, onDone }: { claim: Claim; onClose(): void; onDone(): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await partnershipApi.decideClaim(claim.orderId, claim.id, { decision: 'dispute', note: note.trim() });
      onDone();
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  const fe = error?.fieldErrors ?? {};
  return (
    <Dialog title={`Dispute the settlement on ${claim.reference}`} onClose={onClose}>
      <form className="dialog-body form" onSubmit={(e) => void submit(e)} noValidate data-testid="dispute-dialog">
        <p className="dialog-context small">{claim.recordedBy} says it settled {money(claim.amount, claim.currency)} on {formatDate(claim.settledOn)} ({METHOD_LABEL[claim.method].toLowerCase()}). Disputing releases the claim: the amount stays open and {claim.recordedBy} may record the settlement again.</p>
        <ErrorBanner error={error} />
        <div className={fe.note ? 'field has-error' : 'field'}>
          <label htmlFor="dp-note" className="field-label">Why it is disputed</label>
          <textarea id="dp-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={fe.note ? true : undefined} />
          {fe.note ? <div className="field-error" role="alert">{fe.note}</div> : null}
        </div>
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-danger" disabled={busy}>{busy ? 'Recording…' : 'Dispute settlement'}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Settlements the receiving nation claims: the supplying nation's officers confirm or dispute them. */
function ClaimsPanel({ claims, onChanged }: { claims: Claim[]; onChanged(): void }) {
  const [disputing, setDisputing] = useState<Claim | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  const confirm = async (c: Claim) => {
    setBusy(c.id);
    setError(undefined);
    try {
      await partnershipApi.decideClaim(c.orderId, c.id, { decision: 'confirm' });
      onChanged();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="panel" aria-labelledby="cl-h" data-testid="claims-panel">
      <div className="panel-head"><h2 id="cl-h" className="panel-title">Settlements awaiting confirmation</h2><span className="small muted">A settlement the receiving nation records counts once the supplying nation confirms it</span></div>
      <ErrorBanner error={error} />
      <ul className="ledger-overdue">
        {claims.map((c) => (
          <li key={c.id} data-testid="claim">
            <span className="mono">{c.reference}</span> — {c.recordedBy} says it settled <span className="mono strong">{money(c.amount, c.currency)}</span> on {formatDate(c.settledOn)} ({METHOD_LABEL[c.method].toLowerCase()}){c.note ? <>, “{c.note}”</> : null}.{' '}
            {c.canDecide ? (
              <span>
                <button type="button" className="btn btn-small btn-primary" disabled={busy === c.id} onClick={() => void confirm(c)}>Confirm receipt</button>{' '}
                <button type="button" className="btn btn-small" onClick={() => setDisputing(c)}>Dispute</button>
              </span>
            ) : (
              <span className="small muted">Awaiting {c.supplyingNation}’s confirmation.</span>
            )}
          </li>
        ))}
      </ul>
      {disputing ? <DisputeDialog claim={disputing} onClose={() => setDisputing(null)} onDone={() => { setDisputing(null); onChanged(); }} /> : null}
    </section>
  );
}

export function LogisticsLedgerPage() {
  const { user } = useSession();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [supportClass, setSupportClass] = useState('');
  const [nonce, setNonce] = useState(0);
  const [settling, setSettling] = useState<LogisticsOrder | null>(null);
  const [creating, setCreating] = useState(false);
  const orders = useLoad(() => partnershipApi.listOrders({ q, status, supportClass }), [q, status, supportClass, nonce]);
  const balances = useLoad(() => partnershipApi.balances(), [nonce]);
  const officer = hasRole(user, 'sosa_officer');
  const items = orders.data?.items ?? [];
  const filtered = Boolean(q || status || supportClass);
  const refresh = () => setNonce((n) => n + 1);
  return (
    <div className="page partnership-page">
      <PageHeader title="Logistics ledger" subtitle="Reciprocal logistics support (LEMOA / ACSA): what each nation supplied, and how it is settled — cash, replacement in kind or equal value exchange." actions={officer ? <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>Record order</button> : undefined} />
      <ErrorBanner error={balances.error} onRetry={balances.reload} />
      {balances.data ? <BalancesPanel balances={balances.data} /> : balances.loading ? <Spinner label="Loading balances…" /> : null}
      {balances.data && balances.data.claims.length > 0 ? <ClaimsPanel claims={balances.data.claims} onChanged={refresh} /> : null}
      {balances.data && balances.data.overdue.length > 0 ? (
        <section className="panel" aria-labelledby="od-h" data-testid="overdue-panel">
          <h2 id="od-h" className="panel-title">Overdue settlements</h2>
          <ul className="ledger-overdue">
            {balances.data.overdue.map((o) => <li key={o.id}><span className="mono">{o.reference}</span> — {o.receivingNation} owes {o.supplyingNation} {money(o.open, o.currency)} for {humanise(o.supportClass).toLowerCase()} ({o.description}); was due {formatDate(o.settleBy)}</li>)}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="lo-h">
        <div className="panel-head">
          <h2 id="lo-h" className="panel-title">Orders</h2>
          <div className="inline-filters" role="search" aria-label="Filter orders">
            <input type="search" aria-label="Search orders" placeholder="Reference, description, occasion" value={q} onChange={(e) => setQ(e.target.value)} />
            <label htmlFor="lo-f-status" className="small muted">Status</label>
            <select id="lo-f-status" value={status} onChange={(e) => setStatus(e.target.value)}><option value="">All</option><option value="open">Open</option><option value="overdue">Overdue</option><option value="settled">Settled</option></select>
            <label htmlFor="lo-f-class" className="small muted">Class</label>
            <select id="lo-f-class" value={supportClass} onChange={(e) => setSupportClass(e.target.value)}><option value="">All</option>{SUPPORT_CLASSES.map((c) => <option key={c} value={c}>{humanise(c)}</option>)}</select>
          </div>
        </div>
        <ErrorBanner error={orders.error} onRetry={orders.reload} />
        {orders.loading && !orders.data ? <Spinner label="Loading orders…" /> : null}
        {orders.data && items.length === 0 ? <EmptyState title={filtered ? 'No order matches these filters' : 'No logistics orders yet'}>{filtered ? 'Try removing a filter.' : null}</EmptyState> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="ledger-table">
              <caption className="sr-only">Logistics support orders</caption>
              <thead><tr><th scope="col">Order</th><th scope="col">Supplied</th><th scope="col">Class</th><th scope="col">Delivered</th><th scope="col" className="num">Amount</th><th scope="col" className="num">Open</th><th scope="col">Settle by</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {items.map((o) => (
                  <tr key={o.id} data-testid="ledger-row" data-reference={o.reference} className={o.overdue ? 'is-late' : undefined}>
                    <td><span className="mono small">{o.reference}</span><div>{o.description}</div>{o.occasion ? <div className="small muted">{o.occasion}</div> : null}</td>
                    <td className="nowrap">{o.supplyingNation} → {o.receivingNation}</td>
                    <td className="nowrap">{humanise(o.supportClass)}<div className="small muted">{METHOD_LABEL[o.settlementMethod]}</div></td>
                    <td className="nowrap">{formatDate(o.deliveredOn)}</td>
                    <td className="num nowrap mono">{money(o.amount, o.currency)}</td>
                    <td className="num nowrap mono" data-testid="open-amount">{money(o.open, o.currency)}{o.claimedMinor > 0 ? <div className="small muted" data-testid="claimed-amount">{money(o.claimed, o.currency)} claimed</div> : null}</td>
                    <td className="nowrap">{formatDate(o.settleBy)}</td>
                    <td className="nowrap"><OrderStatus o={o} /></td>
                    <td className="right">{officer && o.unclaimedMinor > 0 ? <button type="button" className="btn btn-small" onClick={() => setSettling(o)}>Settle</button> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {settling ? <SettleDialog order={settling} onClose={() => setSettling(null)} onDone={() => { setSettling(null); refresh(); }} /> : null}
      {creating ? <NewOrderDialog onClose={() => setCreating(false)} onDone={() => { setCreating(false); refresh(); }} /> : null}
    </div>
  );
}
