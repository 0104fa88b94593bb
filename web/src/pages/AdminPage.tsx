import { AdminCalendar } from '../components/AdminCalendar.js';
import { AdminUsers } from '../components/AdminUsers.js';
import { EmptyState } from '../components/EmptyState.js';
import { PageHeader } from '../components/PageHeader.js';
import { href } from '../router.js';
import { hasRole, nationName, useSession } from '../session.js';

export function AdminPage({ query }: { query: URLSearchParams }) {
  const { user, reference } = useSession();
  const tab = query.get('tab') === 'calendar' ? 'calendar' : 'users';
  if (!hasRole(user, 'admin')) {
    return (
      <div className="page">
        <PageHeader title="Admin" />
        <EmptyState title="Admins only">You need the admin role of your nation to manage users and calendars.</EmptyState>
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader title="Admin" subtitle={`Users and working-day calendar of ${nationName(reference, user.nation)}`} />
      <nav className="tabs" aria-label="Admin sections">
        <a href={href('/admin')} className={tab === 'users' ? 'tab active' : 'tab'} aria-current={tab === 'users' ? 'page' : undefined}>Users</a>
        <a href={href('/admin?tab=calendar')} className={tab === 'calendar' ? 'tab active' : 'tab'} aria-current={tab === 'calendar' ? 'page' : undefined}>Working-day calendar</a>
      </nav>
      {tab === 'users' ? <AdminUsers /> : <AdminCalendar year={Number(query.get('year')) || new Date().getFullYear()} />}
    </div>
  );
}
