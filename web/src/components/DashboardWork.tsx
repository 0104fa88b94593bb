// The top of an official's dashboard, its start page (issue #11 item 12): the user's own work,
// by role. Requests waiting on a SOSA officer, DoD or Commerce; an analyst's supply networks; an
// admin's users and holiday calendar. Each panel reads the list route of what it shows and, when
// there is nothing yet, says what comes next.
import type { ReactNode } from 'react';
import { api } from '../api/client.js';
import { networksApi } from '../api/networks.js';
import type { User } from '../api/types.js';
import { formatDate, humanise } from '../format.js';
import { byUrgencyThenDeadline } from '../pages/QueuePage.js';
import { href } from '../router.js';
import { hasRole, nationName, useSession } from '../session.js';
import { useLoad } from '../use-load.js';
import { EmptyState } from './EmptyState.js';
import { ErrorBanner } from './ErrorBanner.js';
import { RequestTable } from './RequestTable.js';
import { Spinner } from './Spinner.js';

const SHOWN = 5;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function WorkPanel({ title, id, testId, aside, children }: { title: string; id: string; testId: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel dash-work-panel" aria-labelledby={id} data-testid={testId}>
      <div className="panel-head">
        <h2 id={id} className="panel-title">{title}</h2>
        {aside ? <span className="small">{aside}</span> : null}
      </div>
      {children}
    </section>
  );
}

/** What comes next when nothing waits on the user, by the step its role takes. */
function nothingWaits(user: User, partner: string): { title: string; body: ReactNode } {
  if (hasRole(user, 'program_determination')) {
    return {
      title: 'No request waits on your program determination',
      body: <>The SOSA office forwards a partner nation&apos;s request to you after its review; it appears here with its deadline, and you are notified. <a href={href('/requests')}>See all requests</a>.</>,
    };
  }
  if (hasRole(user, 'rating_authority')) {
    return {
      title: 'No request waits on your rating authorization',
      body: <>A request reaches you once the program determination finds that it supports an approved defence program; it appears here with its deadline. <a href={href('/requests')}>See all requests</a>.</>,
    };
  }
  return {
    title: 'Nothing waits on you',
    body: <>Requests appear here when you can take the next step. Next: a <a href={href('/requests/new')}>New request</a> to ask {partner} for priority support, or follow your nation&apos;s <a href={href('/requests')}>requests</a>.</>,
  };
}

function MyWork({ user }: { user: User }) {
  const { reference } = useSession();
  const load = useLoad(() => api.listRequests({ queue: 'mine', limit: 200 }), []);
  const items = (load.data?.items ?? []).filter((r) => r.actions.length > 0).sort(byUrgencyThenDeadline);
  const overdue = items.filter((r) => r.nextDeadline?.overdue).length;
  const partners = [...new Set(reference.arrangements.filter((a) => a.nationA === user.nation || a.nationB === user.nation).map((a) => (a.nationA === user.nation ? a.nationB : a.nationA)))];
  const partner = partners.length === 1 ? nationName(reference, partners[0]!) : 'a partner nation';
  const empty = nothingWaits(user, partner);
  return (
    <WorkPanel
      title="Waiting on you"
      id="dash-work-h"
      testId="my-work"
      aside={load.data ? <>{plural(items.length, 'request waits', 'requests wait')} on you{overdue ? <span className="dash-alert"> · {overdue} overdue</span> : null}</> : null}
    >
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner /> : null}
      {load.data && items.length === 0 ? <EmptyState title={empty.title}>{empty.body}</EmptyState> : null}
      {items.length > 0 ? (
        <>
          <RequestTable items={items.slice(0, SHOWN)} caption="Requests waiting on you, most urgent first" markActions={false} />
          <p className="pad small">
            <a href={href('/queue')}>{items.length > SHOWN ? `All ${items.length} in your work queue` : 'Open your work queue'}</a>
          </p>
        </>
      ) : null}
    </WorkPanel>
  );
}

function MyNetworks() {
  const load = useLoad(() => networksApi.list(), []);
  const items = load.data?.items ?? [];
  return (
    <WorkPanel title="Your supply networks" id="dash-networks-h" testId="my-networks" aside={load.data ? plural(items.length, 'network') : null}>
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !load.data ? <Spinner /> : null}
      {load.data && items.length === 0 ? (
        <EmptyState title="No supply network yet">
          Next: import a program&apos;s network (a JSON model, or a Willems chain) on <a href={href('/networks')}>Networks</a>, then find its single points of failure and run disruption scenarios.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <ul className="dash-work-list">
          {items.slice(0, SHOWN).map((n) => (
            <li key={n.id}>
              <a href={href(`/networks/${n.id}`)}>{n.name}</a>
              <span className="small muted">
                {' '}— {n.program ? `${n.program}, ` : ''}{plural(n.nodeCount, 'node')}
                {n.lastAnalysis ? `; last analysis ${humanise(n.lastAnalysis.kind).toLowerCase()} ${humanise(n.lastAnalysis.status).toLowerCase()} on ${formatDate(n.lastAnalysis.createdAt)}` : '; not analysed yet'}
              </span>
            </li>
          ))}
          {items.length > SHOWN ? <li><a href={href('/networks')}>All {items.length} networks</a></li> : null}
        </ul>
      ) : null}
      {items.length > 0 ? <p className="pad small muted">Open a network to find its single points of failure and run disruption scenarios, or import another on <a href={href('/networks')}>Networks</a>.</p> : null}
    </WorkPanel>
  );
}

function AdminOverview({ user }: { user: User }) {
  const { reference } = useSession();
  const year = new Date().getFullYear();
  const users = useLoad(() => api.listUsers(), []);
  const calendars = useLoad(() => Promise.all([api.calendar(user.nation, year), api.calendar(user.nation, year + 1)]), [year]);
  const active = (users.data?.items ?? []).filter((u) => u.active).length;
  const inactive = (users.data?.items.length ?? 0) - active;
  const holidays = (c: { holidays: Array<{ source: string }> } | undefined) => (c?.holidays ?? []).filter((h) => h.source !== 'removed').length;
  const nation = nationName(reference, user.nation);
  return (
    <>
      <WorkPanel title="Users" id="dash-users-h" testId="admin-users">
        <ErrorBanner error={users.error} onRetry={users.reload} />
        {users.loading && !users.data ? <Spinner /> : null}
        {users.data ? (
          <p className="pad">
            {plural(active, 'active user')} of {nation}
            {inactive ? `, ${inactive} deactivated` : ''}. <a href={href('/admin')}>Manage users and their roles</a>
          </p>
        ) : null}
      </WorkPanel>
      <WorkPanel title="Working-day calendar" id="dash-calendar-h" testId="admin-calendar">
        <ErrorBanner error={calendars.error} onRetry={calendars.reload} />
        {calendars.loading && !calendars.data ? <Spinner /> : null}
        {calendars.data ? (
          <ul className="dash-work-list">
            {calendars.data.map((c, i) => {
              const n = holidays(c);
              const y = year + i;
              return (
                <li key={y}>
                  {n === 0 ? (
                    <span className="dash-warn">
                      No holidays entered for {y}: deadlines that run into {y} count every weekday as a working day.{' '}
                      <a href={href(`/admin?tab=calendar&year=${y}`)}>Enter the {y} holiday list</a>
                    </span>
                  ) : (
                    <>
                      {plural(n, 'holiday')} in {y}. <a href={href(`/admin?tab=calendar&year=${y}`)}>See the {y} calendar</a>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </WorkPanel>
    </>
  );
}

/** The user's own work, above the registers' figures. Nothing for an auditor (the audit log is its start page). */
export function DashboardWork() {
  const { user } = useSession();
  const actsOnRequests = ['sosa_officer', 'program_determination', 'rating_authority'].some((r) => hasRole(user, r));
  const panels = [
    actsOnRequests ? <MyWork key="work" user={user} /> : null,
    hasRole(user, 'analyst') ? <MyNetworks key="networks" /> : null,
    hasRole(user, 'admin') ? <AdminOverview key="admin" user={user} /> : null,
  ].filter(Boolean);
  if (panels.length === 0) return null;
  return <div className="dash-work">{panels}</div>;
}
