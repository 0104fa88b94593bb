// The partnership dashboard: a nation's officials see, at a glance, how many records each register
// holds for them (only what they could list), what is overdue, and two charts. Loaded lazily
// (React.lazy in App.tsx) because it draws with recharts.
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dashboardApi, type Dashboard, type DashboardOverdue } from '../api/dashboard.js';
import { DashboardOpenEvents } from '../components/DashboardOpenEvents.js';
import { DashboardWork } from '../components/DashboardWork.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, formatDateTime, humanise } from '../format.js';
import { useLoad } from '../use-load.js';

interface Figure {
  label: string;
  value: number | string;
  tone?: 'alert' | 'warn';
}

function Card({ title, href, figures, testId, children }: { title: string; href: string; figures: Figure[]; testId: string; children?: ReactNode }) {
  const [main, ...rest] = figures;
  return (
    <a className="dash-card" href={href} data-testid={testId}>
      <span className="dash-card-title">{title}</span>
      {main ? (
        <span className="dash-card-main">
          <span className="dash-count" data-testid="card-count">{main.value}</span>
          <span className="dash-count-label">{main.label}</span>
        </span>
      ) : null}
      {rest.length ? (
        <span className="dash-card-rest">
          {rest.map((f) => (
            <span key={f.label} className={f.tone === 'alert' && Number(f.value) > 0 ? 'dash-sub dash-alert' : f.tone === 'warn' && Number(f.value) > 0 ? 'dash-sub dash-warn' : 'dash-sub'}>
              <span className="strong">{f.value}</span> {f.label}
            </span>
          ))}
        </span>
      ) : null}
      {children}
    </a>
  );
}

// Tooltip rows in the text colour: the bars' own colours are too light for text (WCAG 1.4.3).
const TOOLTIP_ITEM = { color: '#1c2430' };

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function Cards({ d }: { d: Dashboard }) {
  return (
    <div className="dash-cards" aria-label="Registers">
      <Card
        title="Requests"
        href="#/requests"
        testId="card-requests"
        figures={[
          { label: 'open', value: d.requests.open.total },
          { label: 'incoming', value: d.requests.open.incoming },
          { label: 'outgoing', value: d.requests.open.outgoing },
          { label: 'overdue', value: d.requests.overdue, tone: 'alert' },
        ]}
      />
      <Card
        title="Action items"
        href="#/working-groups"
        testId="card-action-items"
        figures={[
          { label: 'open', value: d.actionItems.open },
          { label: 'overdue', value: d.actionItems.overdue, tone: 'alert' },
          { label: 'escalated', value: d.actionItems.escalated, tone: 'warn' },
        ]}
      />
      {d.logistics ? (
        <Card
          title="Logistics ledger"
          href="#/logistics"
          testId="card-logistics"
          figures={[
            { label: 'open orders', value: d.logistics.openOrders },
            { label: 'overdue settlements', value: d.logistics.overdue, tone: 'alert' },
            ...d.logistics.balances.map((b) => ({ label: `${b.owedBy} owes ${b.owedTo}`, value: `${b.currency} ${Number(b.amount).toLocaleString('en', { maximumFractionDigits: 0 })}` })),
          ]}
        />
      ) : null}
      {d.liaison ? (
        <Card
          title="Liaison officers"
          href="#/liaison-officers"
          testId="card-liaison"
          figures={[
            { label: 'postings active', value: d.liaison.active },
            { label: `ending within ${d.liaison.endingWithinDays} days`, value: d.liaison.ending, tone: 'warn' },
          ]}
        />
      ) : null}
      {d.codeOfConduct ? (
        <Card
          title="Code of Conduct"
          href="#/code-of-conduct"
          testId="card-code-of-conduct"
          figures={totalByStatus('subscribers', d.codeOfConduct)}
        />
      ) : null}
      {d.programs ? (
        <Card
          title="Programs"
          href="#/programs"
          testId="card-programs"
          figures={totalByStatus('programs', d.programs)}
        />
      ) : null}
      {d.spa ? (
        <Card title="Priority assistance (SPA)" href="#/spa" testId="card-spa" figures={totalByStatus('SPA requests', d.spa)} />
      ) : null}
      <Card title="Notifications" href="#/notifications" testId="card-notifications" figures={[{ label: 'unread', value: d.notifications.unread }]} />
    </div>
  );
}

/** A register's total, then one figure per status. */
function totalByStatus(label: string, counts: { total: number; byStatus: Record<string, number> }) {
  return [{ label, value: counts.total }, ...Object.entries(counts.byStatus).map(([status, n]) => ({ label: humanise(status).toLowerCase(), value: n }))];
}

const KIND_LABEL: Record<DashboardOverdue['kind'], string> = { deadline: 'Request deadline', action_item: 'Action item', settlement: 'Settlement' };

function OverdueList({ items }: { items: DashboardOverdue[] }) {
  return (
    <section className="panel" aria-labelledby="dash-overdue-h" data-testid="overdue-panel">
      <div className="panel-head">
        <h2 id="dash-overdue-h" className="panel-title">Overdue</h2>
        <span className="small muted">deadlines, action items and settlements past due, oldest first</span>
      </div>
      {items.length === 0 ? (
        <p className="pad muted">Nothing is overdue.</p>
      ) : (
        <ul className="dash-overdue">
          {items.map((o) => (
            <li key={`${o.kind}-${o.link}-${o.reference}-${o.title}`} data-testid="overdue-item">
              <span className={`chip dash-kind-${o.kind}`}>{KIND_LABEL[o.kind]}</span>
              <a href={o.link} className="strong">{o.reference ? `${o.reference} — ` : ''}{o.title}</a>
              <span className="small muted">{o.detail}</span>
              <span className="small dash-alert">due {o.kind === 'settlement' ? formatDate(o.dueAt) : formatDateTime(o.dueAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestsChart({ d }: { d: Dashboard }) {
  const data = d.requests.open.byState.map((s) => ({ name: s.label, incoming: s.incoming, outgoing: s.outgoing }));
  return (
    <figure className="dash-chart" data-testid="chart-requests">
      <figcaption className="small strong">Open requests by state</figcaption>
      {data.length === 0 ? (
        <p className="muted small">No open requests.</p>
      ) : (
        // Bars across, state names down the side: with a month of requests the states are many and
        // their names long, which under vertical bars ran into one another.
        <ResponsiveContainer width="100%" height={Math.max(160, data.length * 26 + 70)}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} interval={0} width={190} />
            <Tooltip itemStyle={TOOLTIP_ITEM} />
            <Legend />
            <Bar dataKey="incoming" name="Incoming" stackId="r" fill="#2f6f9f" maxBarSize={22} isAnimationActive={false} />
            <Bar dataKey="outgoing" name="Outgoing" stackId="r" fill="#c77d2b" maxBarSize={22} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function ActionItemsChart({ d }: { d: Dashboard }) {
  const a = d.actionItems;
  const data = [
    { name: 'Open, on time', count: a.open - a.overdue },
    { name: 'Overdue', count: a.overdue },
    { name: 'Done', count: a.byStatus.done ?? 0 },
    { name: 'Cancelled', count: a.byStatus.cancelled ?? 0 },
  ];
  return (
    <figure className="dash-chart" data-testid="chart-action-items">
      <figcaption className="small strong">Action items by status</figcaption>
      {sum(a.byStatus) === 0 ? (
        <p className="muted small">No action items.</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
            <Tooltip itemStyle={TOOLTIP_ITEM} />
            <Bar dataKey="count" name="Action items" fill="#4b7f52" maxBarSize={60} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function Upcoming({ d }: { d: Dashboard }) {
  const milestones = d.programs?.nextMilestones ?? [];
  const ending = d.liaison?.endingSoon ?? [];
  if (milestones.length === 0 && ending.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="dash-next-h">
      <div className="panel-head"><h2 id="dash-next-h" className="panel-title">Coming up</h2></div>
      <div className="dash-next">
        {milestones.length ? (
          <div>
            <h3 className="small strong">Next program milestones</h3>
            <ul className="dash-list">
              {milestones.map((m) => (
                <li key={m.programId}>
                  <a href={`#/programs/${encodeURIComponent(m.programId)}`}>{m.program}</a>: {m.title} <span className="small muted">— {formatDate(m.dueOn)}, {humanise(m.status).toLowerCase()}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {ending.length ? (
          <div>
            <h3 className="small strong">Liaison postings ending soon</h3>
            <ul className="dash-list">
              {ending.map((p) => (
                <li key={p.id}>
                  <a href="#/liaison-officers">{p.officer}</a>, {p.hostCommand} <span className="small muted">— ends {formatDate(p.endDate)}{p.daysToEnd !== null ? ` (${p.daysToEnd} days)` : ''}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}

export function DashboardPage() {
  const { data, error, loading, reload } = useLoad(() => dashboardApi.get(), []);
  return (
    <div className="page dash-page">
      <PageHeader title="Dashboard" subtitle="Your work, and the partnership at a glance: what your nation's registers hold for you, and what is overdue." actions={<button type="button" className="btn" onClick={reload}>Refresh</button>} />
      {/* Open disruption events first (issue #15), read from the events API: the dashboard's own figures come after. */}
      <DashboardOpenEvents />
      <DashboardWork />
      <ErrorBanner error={error} onRetry={reload} />
      {loading && !data ? <Spinner label="Loading the dashboard…" /> : null}
      {data ? (
        <>
          <Cards d={data} />
          <OverdueList items={data.overdue} />
          <section className="panel" aria-labelledby="dash-charts-h">
            <div className="panel-head"><h2 id="dash-charts-h" className="panel-title">Charts</h2></div>
            <div className="dash-charts">
              <RequestsChart d={data} />
              <ActionItemsChart d={data} />
            </div>
          </section>
          <Upcoming d={data} />
        </>
      ) : !loading && !error ? (
        <EmptyState title="No dashboard" />
      ) : null}
    </div>
  );
}
