import { useState } from 'react';
import { api } from '../api/client.js';
import { forgetCalendar } from '../calendars.js';
import { formatDate } from '../format.js';
import { href, navigate } from '../router.js';
import { nationName, useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { EmptyState } from './EmptyState.js';
import { DataTable, type Column } from './list/DataTable.js';
import { ErrorBanner } from './ErrorBanner.js';
import { Spinner } from './Spinner.js';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Holiday = Awaited<ReturnType<typeof api.calendar>>['holidays'][number];

const SOURCE_LABEL: Record<Holiday['source'], string> = { library: 'Official list', added: 'Added by admin', removed: 'Removed by admin' };

function weekday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return WEEKDAYS[((d.getUTCDay() + 6) % 7) + 1] ?? '';
}

/** A hand-kept list (India's gazetted holidays) that is not loaded for a year deadlines run into. */
function MissingYears({ nation, years, provisional }: { nation: string; years: number[]; provisional: number }) {
  const links = years.map((y, i) => (
    <span key={y}>
      {i > 0 ? (i === years.length - 1 ? ' and ' : ', ') : null}
      <a href={href(`/admin?tab=calendar&year=${y}`)}>{y}</a>
    </span>
  ));
  return (
    <div className="banner banner-warn" role="status" data-testid="missing-holiday-years">
      <span>
        <strong>
          {nation}'s holiday list is not loaded for {links}.
        </strong>{' '}
        {provisional === 0
          ? 'No running deadline reaches into it yet; deadlines that do will be marked provisional.'
          : `${provisional} running deadline${provisional === 1 ? ' is' : 's are'} provisional until the missing list is loaded; adding that year's holidays recounts ${provisional === 1 ? 'it' : 'them'}.`}
      </span>
    </div>
  );
}

export function AdminCalendar({ year }: { year: number }) {
  const { user, reference } = useSession();
  const cal = useApiQuery(keys.calendars.detail(`${user.nation}-${year}`), () => api.calendar(user.nation, year));
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  // The working-day calendar is cached for deadline words (calendars.ts): forget it on a change.
  const changed = { invalidates: [keys.calendars.all], onSaved: () => forgetCalendar(user.nation) };
  const add = useApiMutation(() => api.addHoliday(user.nation, date, name.trim()), { ...changed, onSaved: () => (setDate(''), setName(''), forgetCalendar(user.nation)) });
  const removal = useApiMutation((d: string) => api.removeHoliday(user.nation, d), changed);
  const remove = (d: string, n: string) => {
    if (!window.confirm(`Remove ${n} (${formatDate(d)}) from the ${user.nation} calendar? Deadlines computed from now on count it as a working day.`)) return;
    add.reset();
    void removal.run(d);
  };
  const error = removal.error ?? add.error;
  const errors = add.fieldErrors;
  const busy = add.busy;
  const columns: Array<Column<Holiday>> = [
    { head: 'Date', cellClass: 'nowrap mono', cell: (h) => h.date },
    { head: 'Day', cellClass: 'muted', cell: (h) => weekday(h.date) },
    { head: 'Name', cell: (h) => (h.source === 'removed' ? <s>{h.name}</s> : h.name) },
    { head: 'Source', cell: (h) => <span className={`chip source-${h.source}`}>{SOURCE_LABEL[h.source]}</span> },
    {
      head: <span className="sr-only">Actions</span>,
      cellClass: 'right',
      cell: (h) =>
        h.source !== 'removed' ? (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => void remove(h.date, h.name)} aria-label={`Remove ${h.name} on ${h.date}`}>
            Remove
          </button>
        ) : null,
    },
  ];

  const c = cal.data;
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="cal-h">
        <div className="panel-head">
          <h2 id="cal-h" className="panel-title">Holidays of {user.nation} in {year}</h2>
          <div className="year-switch">
            <button type="button" className="btn btn-small" aria-label="Previous year" onClick={() => navigate(`/admin?tab=calendar&year=${year - 1}`, { replace: true })}>‹</button>
            <label htmlFor="cal-year" className="sr-only">Year</label>
            <input id="cal-year" type="number" className="input-year" value={year} min={1990} max={2100} onChange={(e) => e.target.value.length === 4 && navigate(`/admin?tab=calendar&year=${e.target.value}`, { replace: true })} />
            <button type="button" className="btn btn-small" aria-label="Next year" onClick={() => navigate(`/admin?tab=calendar&year=${year + 1}`, { replace: true })}>›</button>
          </div>
        </div>
        {c ? (
          <p className="pad small muted">
            Time zone <strong>{c.timeZone}</strong> · weekend {c.weekend.map((d) => WEEKDAYS[d]).join(' and ')} · close of business {c.closeOfBusiness ?? 'not set (the whole day counts)'}
          </p>
        ) : null}
        {c && c.missingYears.length ? <MissingYears nation={nationName(reference, user.nation)} years={c.missingYears} provisional={c.provisionalDeadlines} /> : null}
        <ErrorBanner error={cal.error ?? error} onRetry={cal.error ? cal.reload : undefined} />
        {cal.loading && !c ? <Spinner /> : null}
        {c && c.holidays.length === 0 ? <EmptyState title={`No holidays in ${year}`} /> : null}
        {c && c.holidays.length > 0 ? (
          <div className="table-wrap">
            <DataTable
              rows={c.holidays}
              columns={columns}
              rowKey={(h) => `${h.date}-${h.source}`}
              rowProps={(h) => ({ className: h.source === 'removed' ? 'row-inactive' : undefined })}
              testId="holidays-table"
            />
          </div>
        ) : null}
      </section>
      <form className="panel form form-section" onSubmit={(e) => (e.preventDefault(), removal.reset(), void add.run(undefined))} noValidate aria-labelledby="add-h">
        <h2 id="add-h" className="panel-title">Add a holiday</h2>
        <div className="grid-2">
          <div className={errors.date ? 'field has-error' : 'field'}>
            <label htmlFor="hol-date" className="field-label">Date</label>
            <input id="hol-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={errors.date ? true : undefined} />
            {errors.date ? <div className="field-error" role="alert">{errors.date}</div> : null}
          </div>
          <div className={errors.name ? 'field has-error' : 'field'}>
            <label htmlFor="hol-name" className="field-label">Name</label>
            <input id="hol-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="e.g. Ad-hoc closure" aria-invalid={errors.name ? true : undefined} />
            {errors.name ? <div className="field-error" role="alert">{errors.name}</div> : null}
          </div>
        </div>
        <div className="form-foot">
          <button type="submit" className="btn btn-primary" disabled={busy || !date || !name.trim()}>{busy ? 'Adding…' : 'Add holiday'}</button>
        </div>
      </form>
    </div>
  );
}
