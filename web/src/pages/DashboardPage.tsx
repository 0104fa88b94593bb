// The partnership dashboard: a nation's officials see, at a glance, how many records each register
// holds for them (only what they could list), what is overdue, and two charts. Loaded lazily
// (React.lazy in App.tsx) because it draws with recharts.
import { dashboardApi } from '../api/dashboard.js';
import { DashboardOpenEvents } from '../components/DashboardOpenEvents.js';
import { DashboardWork } from '../components/DashboardWork.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { ActionItemsChart } from './dashboard/ActionItemsChart.js';
import { ComingUp } from './dashboard/ComingUp.js';
import { OpenRequestsChart } from './dashboard/OpenRequestsChart.js';
import { OverdueList } from './dashboard/OverdueList.js';
import { RegisterCards } from './dashboard/RegisterCards.js';

export function DashboardPage() {
  const { data, error, loading, reload } = useApiQuery(keys.dashboard.detail('mine'), () => dashboardApi.get());
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
          <RegisterCards d={data} />
          <OverdueList items={data.overdue} />
          <section className="panel" aria-labelledby="dash-charts-h">
            <div className="panel-head"><h2 id="dash-charts-h" className="panel-title">Charts</h2></div>
            <div className="dash-charts">
              <OpenRequestsChart d={data} />
              <ActionItemsChart d={data} />
            </div>
          </section>
          <ComingUp d={data} />
        </>
      ) : !loading && !error ? (
        <EmptyState title="No dashboard" />
      ) : null}
    </div>
  );
}
