// The supplier's order desk: production lines, CSV import of the order book, the order book with
// projected completion (15 CFR 700.14), a timeline per line and equal-priority conflicts.
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ApiError, normaliseField } from '../api/client.js';
import type { BookOrder, OrderPriority } from '../api/types.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { FlowDownTree, ReceivedSubOrdersPanel, SubOrderDialog, type FlowDownParent } from '../components/FlowDown.js';
import { flowDownApi, type PlacedSubOrder } from '../api/flow-down.js';
import { OrderTimeline } from '../components/OrderTimeline.js';
import { DeskOrderBook } from '../components/order-desk/DeskOrderBook.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { datesInWords, formatDate, formatDateTime } from '../format.js';
import { toApiError, useLoad } from '../use-load.js';

const CSV_HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';
const CSV_OPTIONAL = 'signed_by, certified, destination';

/** "rows/3/rating" → "Row 3, rating"; "rows/3" → "Row 3"; anything else as it is. */
export function rowErrorLabel(field: string): string {
  const parts = normaliseField(field).split('/');
  if (parts[0] === 'rows' && parts[1]) return `Row ${parts[1]}${parts[2] ? `, ${parts.slice(2).join('/')}` : ''}`;
  if (parts[0] === 'rows') return 'File';
  return field;
}

function RatingBadge({ order }: { order: Pick<BookOrder, 'rating' | 'priority'> }) {
  return (
    <span className={`badge rating-badge rating-${order.priority}`} data-testid="rating-badge">
      {order.rating ?? 'Unrated'}
    </span>
  );
}

function ResourcesPanel({ reloadAll, nonce }: { reloadAll(): void; nonce: number }) {
  const resources = useLoad(() => api.listResources(), [nonce]);
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'Enter a name for the line.';
    const cap = Number(capacity);
    if (!/^\d+$/.test(capacity.trim()) || !Number.isSafeInteger(cap) || cap <= 0) local.capacityPerDay = 'Enter a whole number of units per working day, more than zero.';
    setErrors(local);
    setError(undefined);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await api.createResource({ name: name.trim(), capacityPerDay: cap });
      setName('');
      setCapacity('');
      reloadAll();
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.fieldErrors);
      if (!Object.keys(apiErr.fieldErrors).length) setError(apiErr);
    } finally {
      setBusy(false);
    }
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
        <div className="form-foot">
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>{busy ? 'Adding…' : 'Add line'}</button>
        </div>
      </form>
    </section>
  );
}

function ImportPanel({ reloadAll }: { reloadAll(): void }) {
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<{ imported: number; orders: Array<{ id: string; orderNumber: string }> }>();
  const [busy, setBusy] = useState(false);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setDone(undefined);
    setError(undefined);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (!csv.trim()) {
      setError(new ApiError(0, { title: 'Nothing to import', detail: 'Paste the CSV order book or choose a file first.' }));
      return;
    }
    setBusy(true);
    try {
      const res = await api.importOrderBook(csv);
      setDone(res);
      setCsv('');
      reloadAll();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="import-h" data-testid="import-panel">
      <h2 id="import-h" className="panel-title">Import order book (CSV)</h2>
      <form className="form form-section" onSubmit={(e) => void submit(e)} noValidate aria-label="Import order book">
        {done !== undefined ? (
          <div className="banner banner-success" role="status" data-testid="import-success">
            Imported {done.imported} order{done.imported === 1 ? '' : 's'}{done.orders.length ? ` (${done.orders.slice(0, 5).map((o) => o.orderNumber).join(', ')}${done.orders.length > 5 ? ` and ${done.orders.length - 5} more` : ''})` : ''}. The schedule below is updated.
          </div>
        ) : null}
        {error && error.errors.length > 0 ? (
          <div className="import-errors" role="alert" data-testid="import-errors">
            <p className="strong">{error.detail ?? error.title}</p>
            <ul className="error-list">
              {error.errors.map((e, i) => (
                <li key={i}>
                  <span className="strong">{rowErrorLabel(e.field)}:</span> {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <ErrorBanner error={error} />
        )}
        <div className="field">
          <label htmlFor="import-csv" className="field-label">CSV order book</label>
          <textarea id="import-csv" className="mono csv-input" rows={6} spellCheck={false} placeholder={`${CSV_HEADER}\nD-1001,US Navy,DO-A1,Blade line,5,2026-12-01,2026-11-24,true`} value={csv} onChange={(e) => setCsv(e.target.value)} />
          <div className="field-help">
            Columns: <span className="mono csv-columns">{CSV_HEADER}</span>. Optional: <span className="mono csv-columns">{CSV_OPTIONAL}</span> — a rated order without its signer and certification is "not yet rated" (700.12). Leave the rating blank for an unrated order. All rows are imported, or none.
          </div>
        </div>
        <div className="form-foot import-foot">
          <input id="import-file" type="file" accept=".csv,text/csv,text/plain" aria-label="Or upload a file" onChange={(e) => void pick(e)} />
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>{busy ? 'Importing…' : 'Import'}</button>
        </div>
      </form>
    </section>
  );
}

function SchedulePanels({ nonce }: { nonce: number }) {
  const schedule = useLoad(() => api.mySchedule(), [nonce]);
  const byLine = useMemo(() => {
    const m = new Map<string, BookOrder[]>();
    for (const o of schedule.data?.orders ?? []) m.set(o.resource.name, [...(m.get(o.resource.name) ?? []), o]);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [schedule.data]);
  const conflicts = schedule.data?.conflicts ?? [];

  return (
    <>
      <section className="panel" aria-labelledby="timeline-h" data-testid="timeline-panel">
        <div className="panel-head">
          <h2 id="timeline-h" className="panel-title">Timeline per line</h2>
          {schedule.data ? (
            <span className="small muted">
              Planned from {formatDate(schedule.data.today)} (today) on the {schedule.data.calendar.nation} working calendar ({schedule.data.calendar.timeZone}); each bar runs from the first day the line works on the order to its completion
            </span>
          ) : null}
        </div>
        <ErrorBanner error={schedule.error} onRetry={schedule.reload} />
        {schedule.loading && !schedule.data ? <Spinner label="Computing the schedule…" /> : null}
        {schedule.data && byLine.length === 0 ? <EmptyState title="Nothing scheduled">The timeline appears once orders are planned on a line.</EmptyState> : null}
        {schedule.data && schedule.data.unscheduled.length > 0 ? (
          <div className="unscheduled" data-testid="unscheduled">
            <p className="small strong">
              {schedule.data.unscheduled.length} open order{schedule.data.unscheduled.length === 1 ? ' is' : 's are'} not on the plan:
            </p>
            <ul className="small">
              {schedule.data.unscheduled.map((u) => (
                <li key={u.id}>
                  <span className="mono">{u.orderNumber}</span> ({u.rating ?? 'unrated'}, required {formatDate(u.requiredDeliveryDate)}): {datesInWords(u.message)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {schedule.data && byLine.length > 0 ? (
          <div className="timelines">
            <p className="timeline-legend small muted" aria-hidden="true">
              <span className="legend-swatch legend-ontime" /> on time
              <span className="legend-swatch legend-late" /> late
              <span className="legend-tick" /> required date
              <span className="legend-today" /> today
            </p>
            {byLine.map(([line, orders]) => (
              <OrderTimeline key={line} resource={line} orders={orders} today={schedule.data!.today} />
            ))}
          </div>
        ) : null}
      </section>
      {schedule.data && conflicts.length > 0 ? (
        <section className="panel" aria-labelledby="conflicts-h" data-testid="conflicts-panel">
          <h2 id="conflicts-h" className="panel-title">Conflicts between equally rated orders</h2>
          <ul className="conflict-list">
            {conflicts.map((c, i) => (
              <li key={i} className="conflict">
                <div>
                  <span className={`badge rating-badge rating-${c.priority}`}>{c.priority}</span> on <span className="strong">{c.resource}</span>: {c.delayed.join(', ')} cannot all be met
                  {c.precedence.length ? <span className="muted"> (order of precedence: {c.precedence.join(' → ')})</span> : null}
                </div>
                <p className="conflict-suggestion">{datesInWords(c.suggestion)}</p>
                {c.rules.length ? <div className="small muted">{c.rules.join(' · ')}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function OrderDeskPage() {
  const [nonce, setNonce] = useState(0);
  const reloadAll = () => setNonce((n) => n + 1);
  const subOrders = useLoad(() => flowDownApi.subOrders(), [nonce]);
  const [placing, setPlacing] = useState<FlowDownParent | null>(null);
  const [placed, setPlaced] = useState<(PlacedSubOrder & { parent: string }) | null>(null);
  return (
    <div className="page">
      <PageHeader title="Order desk" subtitle="Your company's production lines, rated order book and preferential schedule (15 CFR 700.13–700.14)" />
      <div className="order-desk">
        <div className="order-desk-top">
          <ResourcesPanel reloadAll={reloadAll} nonce={nonce} />
          <ImportPanel reloadAll={reloadAll} />
        </div>
        {placed ? (
          <div className="banner banner-success" role="status" data-testid="sub-order-placed">
            <span>
              Sub-order {placed.orderNumber} placed for {placed.parent}, rated <span className="mono strong">{placed.rating}</span>. {placed.ratingBasis}
              {placed.acceptanceDueAt ? ` The supplier must accept or reject it by ${formatDateTime(placed.acceptanceDueAt, placed.acceptanceTimeZone ?? undefined)}.` : ''}
              {placed.warnings.map((w) => ` ${w}`).join('')}
            </span>
          </div>
        ) : null}
        <ErrorBanner error={subOrders.error} onRetry={subOrders.reload} />
        <DeskOrderBook nonce={nonce} reloadAll={reloadAll} onPlace={(p) => { setPlaced(null); setPlacing(p); }} />
        <ReceivedSubOrdersPanel lists={subOrders.data} nonce={nonce} onPlace={(p) => { setPlaced(null); setPlacing(p); }} />
        <SchedulePanels nonce={nonce} />
        {placing ? (
          <SubOrderDialog
            parent={placing}
            suppliers={subOrders.data?.suppliers ?? []}
            onClose={() => setPlacing(null)}
            onPlaced={(r) => {
              setPlaced({ ...r, parent: placing.orderNumber });
              setPlacing(null);
              reloadAll();
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
