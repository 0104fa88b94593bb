import type { MouseEvent, ReactNode } from 'react';
import { href } from '../router.js';
import { hasRole, nationName, useSession } from '../session.js';
import { roleLabel } from '../format.js';
import { DASHBOARD_ROLES } from '../api/dashboard.js';
import { POSTURE_READER_ROLES } from '../api/postures.js';
import { PARTNER_COPY_READER_ROLES } from '../api/partner-copies.js';
import { isCodeOfConductCompany, isDpasCompany } from '../landing.js';
import { NotificationBell } from './NotificationBell.js';

interface NavItem {
  path: string;
  label: string;
  match: (path: string) => boolean;
}

function skipToMain(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView();
}

export function Shell({ path, children }: { path: string; children: ReactNode }) {
  const { user, reference, logout } = useSession();
  const items: NavItem[] = [
    { path: '/queue', label: 'My work queue', match: (p) => p === '/' || p === '/queue' },
    { path: '/requests', label: 'Requests', match: (p) => p === '/requests' || (p.startsWith('/requests/') && p !== '/requests/new') },
  ];
  // The partnership dashboard: a nation's officials (a company has its own desk).
  if (DASHBOARD_ROLES.some((r) => hasRole(user, r))) items.unshift({ path: '/dashboard', label: 'Dashboard', match: (p) => p === '/dashboard' });
  items.push({ path: '/threads', label: 'Threads', match: (p) => p.startsWith('/threads') });
  items.push({ path: '/notifications', label: 'Notifications', match: (p) => p.startsWith('/notifications') });
  if (hasRole(user, 'sosa_officer')) items.push({ path: '/requests/new', label: 'New request', match: (p) => p === '/requests/new' });
  // A company's desk comes first: the DPAS order desk (15 CFR 700) only in a nation that answers
  // under DPAS; a Code of Conduct company answers on its commitments desk instead.
  if (isDpasCompany(user, reference)) items.unshift({ path: '/orders', label: 'Order desk', match: (p) => p === '/orders' });
  if (isCodeOfConductCompany(user, reference)) items.unshift({ path: '/commitments', label: 'Commitments', match: (p) => p === '/commitments' });
  if (hasRole(user, 'auditor')) items.unshift({ path: '/audit', label: 'Audit log', match: (p) => p.startsWith('/audit') });
  // Partnership desk: the directory for government users, working groups for everyone (members
  // see theirs), the logistics ledger for SOSA officers and auditors.
  if (!hasRole(user, 'supplier')) items.push({ path: '/points-of-contact', label: 'Points of contact', match: (p) => p === '/points-of-contact' });
  items.push({ path: '/working-groups', label: 'Working groups', match: (p) => p.startsWith('/working-groups') });
  if (hasRole(user, 'sosa_officer') || hasRole(user, 'auditor')) items.push({ path: '/logistics', label: 'Logistics ledger', match: (p) => p.startsWith('/logistics') });
  if (['supplier', 'sosa_officer', 'program_determination', 'rating_authority', 'auditor'].some((r) => hasRole(user, r))) items.push({ path: '/spa', label: 'Priority assistance (SPA)', match: (p) => p === '/spa' || p.startsWith('/spa/') });
  // Partnership registers: the Code of Conduct registry of a nation that keeps one (its officials; a company its own entry).
  const keepsRegistry = reference.arrangements.some((a) => a.directions.some((d) => d.toNation === user.nation && d.workflowId === 'code_of_conduct'));
  if (keepsRegistry && ['sosa_officer', 'auditor', 'admin', 'supplier'].some((r) => hasRole(user, r))) {
    items.push({ path: '/code-of-conduct', label: hasRole(user, 'supplier') ? 'Code of Conduct entry' : 'Code of Conduct', match: (p) => p.startsWith('/code-of-conduct') });
  }
  if (hasRole(user, 'sosa_officer') || hasRole(user, 'auditor')) {
    items.push({ path: '/liaison-officers', label: 'Liaison officers', match: (p) => p.startsWith('/liaison-officers') });
    items.push({ path: '/programs', label: 'Programs', match: (p) => p.startsWith('/programs') });
  }
  if (['analyst', 'sosa_officer', 'auditor'].some((r) => hasRole(user, r))) items.push({ path: '/networks', label: 'Networks', match: (p) => p.startsWith('/networks') });
  if (['analyst', 'sosa_officer', 'auditor'].some((r) => hasRole(user, r))) items.push({ path: '/events', label: 'Events', match: (p) => p.startsWith('/events') });
  // The posture of each arrangement (issue #15): SOSA officers set it, auditors read it.
  if (POSTURE_READER_ROLES.some((r) => hasRole(user, r))) items.push({ path: '/posture', label: 'Posture', match: (p) => p === '/posture' });
  // Sovereign instances (issue #13): the requests a peer instance shared, for the nation's officials, once there is a peer.
  if (reference.instance.peers.length > 0 && PARTNER_COPY_READER_ROLES.some((r) => hasRole(user, r))) items.push({ path: '/partner-copies', label: "Partner's copies", match: (p) => p.startsWith('/partner-copies') });
  // A company's impact surveys after a disruption event (issue #15).
  if (hasRole(user, 'supplier')) items.push({ path: '/surveys', label: 'Surveys', match: (p) => p.startsWith('/surveys') });
  if (hasRole(user, 'admin')) items.push({ path: '/admin', label: 'Admin', match: (p) => p.startsWith('/admin') });

  return (
    <div className="shell">
      {/* The hash router owns the URL's fragment: the link moves focus itself and leaves the route alone. */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          <span>SOSA Desk</span>
          <NotificationBell path={path} />
        </div>
        <nav aria-label="Main">
          <ul className="nav">
            {items.map((item) => {
              const active = item.match(path);
              return (
                <li key={item.path}>
                  <a href={href(item.path)} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="sidebar-user" data-testid="current-user">
          <div className="user-name">{user.displayName}</div>
          <div className="nation-badge" title={`${nationName(reference, user.nation)} — ${user.organisation.name}`}>
            <span className="nation-code">{user.nation}</span>
            <span className="nation-org">{user.organisation.name}</span>
          </div>
          <div className="role-list" aria-label="Roles">
            {user.roles.map((r) => (
              <span key={r} className="chip">
                {roleLabel(r)}
              </span>
            ))}
          </div>
          <a className="btn btn-small btn-ghost" href={href('/account')}>
            Your account
          </a>
          <button type="button" className="btn btn-small btn-ghost logout" onClick={() => void logout()}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
