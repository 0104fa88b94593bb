import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, setUnauthorizedHandler } from './api/client.js';
import type { Reference, User } from './api/types.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { Shell } from './components/Shell.js';
import { Spinner } from './components/Spinner.js';
import { AccountPage } from './pages/AccountPage.js';
import { AdminPage } from './pages/AdminPage.js';
import { CommitmentsPage } from './pages/CommitmentsPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { CodeOfConductPage } from './pages/CodeOfConductPage.js';
import { LiaisonOfficersPage } from './pages/LiaisonOfficersPage.js';
import { ProgramsPage } from './pages/ProgramsPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NewRequestPage } from './pages/NewRequestPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { NotificationsPage } from './pages/NotificationsPage.js';
import { OrderDeskPage } from './pages/OrderDeskPage.js';
import { PointsOfContactPage } from './pages/PointsOfContactPage.js';
import { PosturePage } from './pages/PosturePage.js';
import { PartnerCopiesPage } from './pages/PartnerCopiesPage.js';
import { PartnerCopyDetailPage } from './pages/PartnerCopyDetailPage.js';
import { WorkingGroupsPage } from './pages/WorkingGroupsPage.js';
import { QueuePage } from './pages/QueuePage.js';
import { RequestDetailPage } from './pages/RequestDetailPage.js';
import { RequestsPage } from './pages/RequestsPage.js';
import { SpaRequestsPage } from './pages/SpaRequestsPage.js';
import { SurveysPage } from './pages/SurveysPage.js';
import { ThreadsPage } from './pages/ThreadsPage.js';
import { landingPath } from './landing.js';
import { navigate, useRoute, type Route } from './router.js';
import { SessionContext, type Session } from './session.js';
import { toApiError } from './use-load.js';

// The ledger draws charts (recharts): loaded only when opened, to keep the main bundle small.
const LogisticsLedgerPage = lazy(() => import('./pages/LogisticsLedgerPage.js').then((m) => ({ default: m.LogisticsLedgerPage })));
// The network pages bring cytoscape and recharts: loaded only when opened.
const NetworksPage = lazy(() => import('./pages/NetworksPage.js').then((m) => ({ default: m.NetworksPage })));
// The event pages bring d3-geo and the world atlas: loaded only when opened.
const EventsPage = lazy(() => import('./pages/EventsPage.js').then((m) => ({ default: m.EventsPage })));
const EventDetailPage = lazy(() => import('./pages/EventDetailPage.js').then((m) => ({ default: m.EventDetailPage })));
const NetworkDetailPage = lazy(() => import('./pages/NetworkDetailPage.js').then((m) => ({ default: m.NetworkDetailPage })));
// The dashboard draws charts too: loaded lazily for the same reason.
const DashboardPage = lazy(() => import('./pages/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));

type State =
  | { kind: 'loading' }
  | { kind: 'anonymous'; notice?: string }
  | { kind: 'error'; error: ApiError }
  | { kind: 'ready'; user: User; reference: Reference };

function page(route: Route) {
  const [first, second] = route.segments;
  // The bare address: App sends the user on to its start page (landing.ts).
  if (!first) return <Spinner />;
  if (first === 'account' && !second) return <AccountPage />;
  if (first === 'queue') return <QueuePage />;
  if (first === 'requests' && !second) return <RequestsPage query={route.query} />;
  if (first === 'requests' && second === 'new') return <NewRequestPage />;
  if (first === 'requests' && second) return <RequestDetailPage id={second} />;
  if (first === 'admin') return <AdminPage query={route.query} />;
  if (first === 'audit' && !second) return <AuditPage query={route.query} />;
  if (first === 'orders' && !second) return <OrderDeskPage />;
  if (first === 'commitments' && !second) return <CommitmentsPage />;
  if (first === 'surveys') return <SurveysPage id={second} />;
  if (first === 'points-of-contact') return <PointsOfContactPage />;
  if (first === 'working-groups') return <WorkingGroupsPage id={second} />;
  if (first === 'logistics') return <Suspense fallback={<Spinner label="Loading the ledger…" />}><LogisticsLedgerPage /></Suspense>;
  if (first === 'spa') return <SpaRequestsPage {...(second ? { id: second } : {})} query={route.query} />;
  if (first === 'threads') return <ThreadsPage id={second} query={route.query} />;
  if (first === 'notifications' && !second) return <NotificationsPage query={route.query} />;
  if (first === 'code-of-conduct') return <CodeOfConductPage id={second} />;
  if (first === 'liaison-officers' && !second) return <LiaisonOfficersPage />;
  if (first === 'programs') return <ProgramsPage id={second} />;
  if (first === 'posture' && !second) return <PosturePage />;
  if (first === 'partner-copies') return second ? <PartnerCopyDetailPage id={second} /> : <PartnerCopiesPage query={route.query} />;
  if (first === 'events') return <Suspense fallback={<Spinner />}>{second ? <EventDetailPage id={second} /> : <EventsPage />}</Suspense>;
  if (first === 'networks') return <Suspense fallback={<Spinner />}>{second ? <NetworkDetailPage id={second} /> : <NetworksPage />}</Suspense>;
  if (first === 'dashboard' && !second) return <Suspense fallback={<Spinner label="Loading the dashboard…" />}><DashboardPage /></Suspense>;
  return <NotFoundPage />;
}

export function App() {
  const route = useRoute();
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const enter = useCallback(async (user: User) => {
    try {
      const reference = await api.reference();
      setState({ kind: 'ready', user, reference });
    } catch (e) {
      setState({ kind: 'error', error: toApiError(e) });
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.clear();
      setState({ kind: 'anonymous', notice: 'Your session has ended. Please sign in again.' });
    });
    api.session().then(
      ({ user }) => (user ? void enter(user) : setState({ kind: 'anonymous' })),
      (e: unknown) => setState({ kind: 'error', error: toApiError(e) }),
    );
    return () => setUnauthorizedHandler(null);
  }, [enter, queryClient]);

  const session = useMemo<Session | null>(() => {
    if (state.kind !== 'ready') return null;
    return {
      user: state.user,
      reference: state.reference,
      logout: async () => {
        try {
          await api.logout();
        } catch {
          // the session is gone either way
        }
        // Nothing one user read stays in memory for the next one at this browser (another nation's, perhaps).
        queryClient.clear();
        setState({ kind: 'anonymous' });
        // The next user to sign in starts on its own start page.
        navigate('/', { replace: true });
      },
    };
  }, [state, queryClient]);

  // Signed in on the bare address: on to the user's start page.
  useEffect(() => {
    if (state.kind === 'ready' && route.path === '/') navigate(landingPath(state.user, state.reference), { replace: true });
  }, [state, route.path]);

  useEffect(() => {
    const base = 'SOSA Desk';
    if (state.kind === 'anonymous') document.title = `Sign in · ${base}`;
  }, [state.kind]);

  if (state.kind === 'loading') return <div className="center-page"><Spinner /></div>;
  if (state.kind === 'error') return <div className="center-page"><ErrorBanner error={state.error} onRetry={() => window.location.reload()} /></div>;
  if (state.kind === 'anonymous') return <LoginPage notice={state.notice} onLoggedIn={(u) => void enter(u)} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell path={route.path}>{page(route)}</Shell>
    </SessionContext.Provider>
  );
}
