// PLACEHOLDER for the lead to replace at merge: the auditors' audit page is built on branch
// h2-auth-audit at this same path (#/audit). This page only keeps the auditors' start page from
// being "Page not found" until then; it is not the audit page.
import { EmptyState } from '../components/EmptyState.js';
import { PageHeader } from '../components/PageHeader.js';
import { href } from '../router.js';
import { nationName, useSession } from '../session.js';

export function AuditPlaceholderPage() {
  const { user, reference } = useSession();
  return (
    <div className="page" data-testid="audit-placeholder">
      <PageHeader title="Audit log" subtitle={`Every change to the records of ${nationName(reference, user.nation)} is an event in a hash-chained, append-only log.`} />
      <EmptyState title="The audit page is not in this version yet">
        Until it is, read your nation&apos;s events through the API (<code>GET /api/v1/audit</code>), and see the registers on your{' '}
        <a href={href('/dashboard')}>dashboard</a>.
      </EmptyState>
    </div>
  );
}
