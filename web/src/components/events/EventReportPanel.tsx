// The after report of a closed event (issue #15, "After"): how long from the start to the record,
// to the first request, to every hit site restored; per program, the lost output with no action
// against what happened (bar chart); the report as Markdown or PDF to download.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { eventReportHref, eventsApi, type EventAfterReport } from '../../api/events.js';
import { formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { ErrorBanner } from '../ErrorBanner.js';
import { Spinner } from '../Spinner.js';

const POLL_MS = 1500;
const num = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const money = (x: number, currency: string) => x.toLocaleString('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });

type Milestone = EventAfterReport['milestones']['started'];

function MilestoneRow({ label, m }: { label: string; m: Milestone }) {
  return (
    <tr data-testid="report-milestone">
      <th scope="row">{label}</th>
      <td>{m.at ? formatDateTime(m.at) : '—'}</td>
      <td className={m.sinceStart.hours === null ? 'muted' : undefined}>{m.sinceStart.text || '—'}</td>
    </tr>
  );
}

/** The legend reads in the bars' order (recharts sorts it by name otherwise). */
const SERIES = ['No action', 'With the answers', 'With action'];

function Comparison({ r }: { r: EventAfterReport }) {
  const c = r.comparison;
  if (c.status === 'computing') return <Spinner label="Computing the no-action and with-action analyses…" />;
  if (c.status === 'failed') return <p>An analysis failed; the error is in the server log.</p>;
  if (c.programs.length === 0) return <p className="muted">No program lost output in any analysis.</p>;
  const data = c.programs.map((p) => ({ program: p.program, 'No action': p.noAction.lostUnits, 'With the answers': p.withAnswers.lostUnits, 'With action': p.withAction.lostUnits }));
  return (
    <>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="program" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} label={{ value: 'lost units', angle: -90, position: 'insideLeft', fontSize: 12 }} />
            <Tooltip itemStyle={{ color: '#1c2430' }} />
            <Legend itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
            <Bar dataKey="No action" fill="#b00020" />
            <Bar dataKey="With the answers" fill="#d9a441" />
            <Bar dataKey="With action" fill="#2e7d32" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="report-programs">
          <caption className="sr-only">Lost output per program: no action against what happened</caption>
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col" className="num">No action</th>
              <th scope="col" className="num">With the answers</th>
              <th scope="col" className="num">With action</th>
              <th scope="col" className="num">Avoided</th>
              <th scope="col" className="num">By the partner&apos;s supply</th>
            </tr>
          </thead>
          <tbody>
            {c.programs.map((p) => (
              <tr key={`${p.networkId}/${p.program}`} data-testid="report-program-row">
                <th scope="row">
                  {p.program}
                  <div className="muted small">{p.networkName}</div>
                </th>
                <td className="num">{num(p.noAction.lostUnits)} u · {money(p.noAction.lostValue, p.currency)}</td>
                <td className="num">{num(p.withAnswers.lostUnits)} u · {money(p.withAnswers.lostValue, p.currency)}</td>
                <td className="num">{num(p.withAction.lostUnits)} u · {money(p.withAction.lostValue, p.currency)}</td>
                <td className="num"><strong>{num(p.avoided.lostUnits)} u · {money(p.avoided.lostValue, p.currency)}</strong></td>
                <td className="num">{num(p.avoidedBySupply.lostUnits)} u · {money(p.avoidedBySupply.lostValue, p.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function EventReportPanel({ eventId }: { eventId: string }) {
  // Asked again while the no-action and with-action analyses run.
  const load = useApiQuery(keys.events.part('report', eventId), () => eventsApi.report(eventId), { pollEvery: (d) => (d?.comparison.status === 'computing' ? POLL_MS : false) });
  const r = load.data;
  return (
    <section className="panel" aria-labelledby="event-report-h" data-testid="event-report">
      <div className="panel-head">
        <h2 id="event-report-h" className="panel-title">Report</h2>
        <span className="small">
          <a href={eventReportHref(eventId, 'markdown')} download>Download Markdown</a> · <a href={eventReportHref(eventId, 'pdf')} download>Download PDF</a>
        </span>
      </div>
      {load.error ? <ErrorBanner error={load.error} onRetry={load.reload} /> : null}
      {!r && !load.error ? <Spinner label="Loading the report…" /> : null}
      {r ? (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="report-milestones">
              <caption className="sr-only">Milestones of the event</caption>
              <thead>
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">When</th>
                  <th scope="col">Since the start</th>
                </tr>
              </thead>
              <tbody>
                <MilestoneRow label="Started" m={{ ...r.milestones.started, sinceStart: { hours: 0, text: '—' } }} />
                <MilestoneRow label="Recorded" m={r.milestones.recorded} />
                <MilestoneRow label="First request submitted" m={r.milestones.firstRequest} />
                <MilestoneRow label={`All sites hit restored (${r.milestones.restored.sitesRestored} of ${r.milestones.restored.sitesHit})`} m={r.milestones.restored} />
                <MilestoneRow label="Closed" m={r.milestones.closed} />
              </tbody>
            </table>
          </div>
          <h3 className="small">Lost output: no action versus what happened</h3>
          <Comparison r={r} />
          <p className="muted small">{r.method}</p>
        </>
      ) : null}
    </section>
  );
}
