import { PageHeader } from '../components/PageHeader.js';
import { landingPath } from '../landing.js';
import { href } from '../router.js';
import { useSession } from '../session.js';

export function NotFoundPage() {
  const { user, reference } = useSession();
  return (
    <div className="page">
      <PageHeader title="Page not found" subtitle="The address does not lead to a page of SOSA Desk, or no longer does." />
      <div className="empty">
        <p className="empty-body">
          <a href={href(landingPath(user, reference))}>Go to your start page</a> or choose a page in the menu.
        </p>
      </div>
    </div>
  );
}
