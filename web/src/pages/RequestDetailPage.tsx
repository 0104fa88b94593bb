import { useState } from 'react';
import { api, type ApiError } from '../api/client.js';
import type { ActionSpec } from '../api/types.js';
import { ActionDialog } from '../components/ActionDialog.js';
import { ActionsPanel } from '../components/ActionsPanel.js';
import { AttachmentsPanel } from '../components/AttachmentsPanel.js';
import { NationPair, StateBadge, UrgencyBadge } from '../components/Badges.js';
import { CommentsPanel } from '../components/CommentsPanel.js';
import { DeadlinesPanel } from '../components/DeadlinesPanel.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LineItemsTable } from '../components/LineItemsTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { RatedOrderPanel } from '../components/RatedOrderPanel.js';
import type { LinkedRatedOrder } from '../api/order-desk.js';
import { RequestSummaryPanel } from '../components/RequestSummaryPanel.js';
import { Spinner } from '../components/Spinner.js';
import { ThreadsPanel } from '../components/ThreadsPanel.js';
import { Timeline } from '../components/Timeline.js';
import { href } from '../router.js';
import { nationName, useSession } from '../session.js';
import { useLoad } from '../use-load.js';

export function RequestDetailPage({ id }: { id: string }) {
  const { user, reference } = useSession();
  const load = useLoad(() => api.getRequest(id), [id]);
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const [notice, setNotice] = useState<string>();
  const [staleError, setStaleError] = useState<ApiError>();
  // A company's refusal closes its line on the request: the server then answers without the request.
  const [ended, setEnded] = useState<string>();
  const r = load.data;

  if (ended) {
    return (
      <div className="page">
        <a className="back-link" href={href('/requests')}>← Requests</a>
        <div className="banner banner-success" role="status" data-testid="access-ended">{ended}</div>
        {user.roles.includes('supplier') ? <p><a href={href('/orders')}>Open your order desk</a></p> : null}
      </div>
    );
  }


  if (!r) {
    return (
      <div className="page">
        <a className="back-link" href={href('/requests')}>← Requests</a>
        <ErrorBanner error={load.error} onRetry={load.error?.status === 404 ? undefined : load.reload} />
        {load.loading ? <Spinner label="Loading request…" /> : null}
      </div>
    );
  }

  const supplyingCompanies = reference.companies.filter((c) => c.nation === r.toNation);
  // Reference data lists the companies the user may see; the request names its own supplier and assignees.
  const companyName = (cid: string) =>
    r.organisationNames?.[cid] ??
    reference.companies.find((c) => c.id === cid)?.name ??
    (r.supplier?.id === cid ? r.supplier.name : undefined) ??
    r.assignments.find((a) => a.organisation.id === cid)?.organisation.name;
  const program = reference.programs.find((p) => p.id === r.programId);
  // As the server rules: those who work requests write on them; a company writes shared notes only.
  const writer = user.roles.some((role) => ['sosa_officer', 'program_determination', 'rating_authority', 'supplier'].includes(role));
  const internalAllowed = !user.roles.includes('supplier');
  // waitingOn is a nation code ("US"); older servers said "supplying"/"requesting".
  const waitingCode = r.waitingOn === 'supplying' ? r.toNation : r.waitingOn === 'requesting' ? r.fromNation : r.waitingOn;
  const waitingOn = waitingCode ? nationName(reference, waitingCode) : null;

  return (
    <div className="page page-detail">
      <a className="back-link" href={href('/requests')}>← Requests</a>
      <PageHeader
        title={r.title}
        subtitle={
          <span className="detail-meta">
            <span className="mono ref" data-testid="request-reference">{r.reference}</span>
            <StateBadge state={r.state} label={r.stateLabel} />
            <UrgencyBadge urgency={r.urgency} />
            <span title={`${nationName(reference, r.fromNation)} → ${nationName(reference, r.toNation)}`}>
              <NationPair from={r.fromNation} to={r.toNation} />
            </span>
            <span className="muted small">
              {nationName(reference, r.fromNation)} asks {nationName(reference, r.toNation)}
              {waitingOn ? ` · waiting on ${waitingOn}` : ''}
            </span>
          </span>
        }
        actions={
          <button type="button" className="btn btn-small" onClick={load.reload} disabled={load.loading}>
            Refresh
          </button>
        }
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      <ErrorBanner error={staleError} />
      {notice ? (
        <div className="banner banner-success" role="status">
          {notice}
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => setNotice(undefined)}>×</button>
        </div>
      ) : null}
      <div className="detail-grid">
        <div className="detail-main">
          <RequestSummaryPanel request={r} programName={program ? program.name : r.programId} />
          <LineItemsTable items={r.items} />
          <Timeline history={r.history} companyName={companyName} />
          <CommentsPanel requestId={r.id} comments={r.comments} nation={user.nation} writer={writer} internalAllowed={internalAllowed} onChanged={load.reload} />
          <ThreadsPanel subjectKind="request" subjectId={r.id} writer={writer} />
        </div>
        <aside className="detail-side" aria-label="Actions and deadlines">
          <ActionsPanel actions={r.actions} waitingOn={waitingOn} onChoose={(a) => { setNotice(undefined); setStaleError(undefined); setOpen(a); }} />
          <RatedOrderPanel order={(r as typeof r & { ratedOrder?: LinkedRatedOrder | null }).ratedOrder} />
          <DeadlinesPanel deadlines={r.deadlines} />
          <AttachmentsPanel requestId={r.id} attachments={r.attachments} nation={user.nation} writer={writer} internalAllowed={internalAllowed} onChanged={load.reload} />
        </aside>
      </div>
      {open ? (
        <ActionDialog
          request={r}
          action={open}
          companies={supplyingCompanies}
          onClose={() => setOpen(null)}
          onDone={(updated) => {
            setOpen(null);
            const closed = updated as typeof updated & { accessEnded?: boolean; detail?: string };
            if (closed.accessEnded) {
              setEnded(`${open.label}: done. ${closed.detail ?? ''}`);
              return;
            }
            load.setData(updated);
            setNotice(`${open.label}: done. The request is now “${updated.stateLabel}”.`);
          }}
          onStale={(error) => {
            setOpen(null);
            setStaleError(error);
            load.reload(); // show the request as it is now
          }}
        />
      ) : null}
    </div>
  );
}
