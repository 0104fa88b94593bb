import type { ReactNode } from 'react';
import { href } from '../router.js';
import { hasRole, nationName, useSession } from '../session.js';
import { roleLabel } from '../format.js';

interface NavItem {
  path: string;
  label: string;
  match: (path: string) => boolean;
}

export function Shell({ path, children }: { path: string; children: ReactNode }) {
  const { user, reference, logout } = useSession();
  const items: NavItem[] = [
    { path: '/queue', label: 'My work queue', match: (p) => p === '/' || p === '/queue' },
    { path: '/requests', label: 'Requests', match: (p) => p === '/requests' || (p.startsWith('/requests/') && p !== '/requests/new') },
  ];
  if (hasRole(user, 'sosa_officer')) items.push({ path: '/requests/new', label: 'New request', match: (p) => p === '/requests/new' });
  if (hasRole(user, 'supplier')) items.push({ path: '/orders', label: 'Order desk', match: (p) => p === '/orders' });
  if (['analyst', 'sosa_officer', 'auditor'].some((r) => hasRole(user, r))) items.push({ path: '/networks', label: 'Networks', match: (p) => p.startsWith('/networks') });
  if (hasRole(user, 'admin')) items.push({ path: '/admin', label: 'Admin', match: (p) => p.startsWith('/admin') });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          <span>SOSA Desk</span>
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
