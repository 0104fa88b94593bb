import { useState } from 'react';
import { api, type ApiError } from '../api/client.js';
import type { ActionSpec } from '../api/types.js';
import { ActionDialog } from '../components/ActionDialog.js';
import { ActionsPanel } from '../components/ActionsPanel.js';
import { AttachmentsPanel } from '../components/AttachmentsPanel.js';
import { NationPair, StateBadge, UrgencyBadge } from '../components/Badges.js';
import { CommentsPanel } from '../components/CommentsPanel.js';
import { DeadlinesPanel } from '../components/DeadlinesPanel.js';
import { DatesPanel } from '../components/DatesPanel.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LineItemsTable } from '../components/LineItemsTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { PartnerDeliveryLine } from '../components/PartnerDeliveryLine.js';
import { RatedOrderPanel } from '../components/RatedOrderPanel.js';
import type { LinkedRatedOrder } from '../api/order-desk.js';
import { RequestSummaryPanel } from '../components/RequestSummaryPanel.js';
import { Spinner } from '../components/Spinner.js';
import { ThreadsPanel } from '../components/ThreadsPanel.js';
import { Timeline } from '../components/Timeline.js';
import { href } from '../router.js';
import { stepWords } from '../step-words.js';
import { nationInSentence, nationName, useSession } from '../session.js';
import { useLoad } from '../use-load.js';
import { useDeliveryPoll } from '../use-delivery-poll.js';

/** How often a request waiting on a partner's instance asks whether its change arrived. */
const PARTNER_DELIVERY_POLL_MS = 10_000;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function RequestDetailPage({ id }: { id: string }) {
  const { user, reference } = useSession();
  const load = useLoad(() => api.getRequest(id), [id]);
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const [notice, setNotice] = useState<string>();
  const [staleError, setStaleError] = useState<ApiError>();
  // A company's refusal closes its line on the request: the server then answers without the request.
  const [ended, setEnded] = useState<string>();
  const r = load.data;
  // Until each partner's instance has the latest change, the delivery line is asked again (issue #13).
  useDeliveryPoll(id, r?.partnerDelivery, load.reload, PARTNER_DELIVERY_POLL_MS);

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
  const programName = r.programName ?? reference.programs.find((p) => p.id === r.programId)?.name ?? r.programId;
  const words = stepWords(reference, r.workflowId);
  const ratedOrder = (r as typeof r & { ratedOrder?: LinkedRatedOrder | null }).ratedOrder;
  // As the server rules: those who work requests write on them; a company writes shared notes only.
  const writer = user.roles.some((role) => ['sosa_officer', 'program_determination', 'rating_authority', 'supplier'].includes(role));
  const internalAllowed = !user.roles.includes('supplier');
  // waitingOn is a nation code ("US"); older servers said "supplying"/"requesting".
  const waitingCode = r.waitingOn === 'supplying' ? r.toNation : r.waitingOn === 'requesting' ? r.fromNation : r.waitingOn;
  const waitingOn = waitingCode ? nationName(reference, waitingCode) : null;
  // Whom the request waits on, for this reader: the other nation by name; within the reader's own
  // nation, the step it is at (DoD, Commerce, a company).
  const waitingText = !waitingCode ? null : waitingCode === user.nation ? `the next step: ${r.stateLabel}` : nationInSentence(reference, waitingCode);
  const requesterName = nationInSentence(reference, r.fromNation);

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
              {capitalise(nationInSentence(reference, r.fromNation))} asks {nationInSentence(reference, r.toNation)}
              {waitingOn ? ` · waiting on ${nationInSentence(reference, waitingCode!)}` : ''}
            </span>
          </span>
        }
        actions={
          <button type="button" className="btn btn-small" onClick={load.reload} disabled={load.loading}>
            Refresh
          </button>
        }
      />
      <PartnerDeliveryLine deliveries={r.partnerDelivery} />
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
          <RequestSummaryPanel request={r} programName={programName} words={words} />
          <DatesPanel requesterName={requesterName} requiredBy={r.requiredBy} state={r.state} fields={r.fields} ratedOrderDate={ratedOrder?.requiredDeliveryDate} />
          <LineItemsTable items={r.items} />
          <Timeline history={r.history} companyName={companyName} words={words} />
          <CommentsPanel requestId={r.id} comments={r.comments} nation={user.nation} writer={writer} internalAllowed={internalAllowed} onChanged={load.reload} />
          <ThreadsPanel subjectKind="request" subjectId={r.id} writer={writer} />
        </div>
        <aside className="detail-side" aria-label="Actions and deadlines">
          <ActionsPanel actions={r.actions} waitingOn={waitingText} waitingOnYou={r.waitingOnYou ?? r.actions.length > 0} onChoose={(a) => { setNotice(undefined); setStaleError(undefined); setOpen(a); }} />
          <RatedOrderPanel order={ratedOrder} />
          <DeadlinesPanel deadlines={r.deadlines} words={{ requesterName, urgency: r.urgency, stepLabel: words.stepLabel }} />
          <AttachmentsPanel requestId={r.id} attachments={r.attachments} fromPartners={r.filesFromPartners} nation={user.nation} writer={writer} internalAllowed={internalAllowed} onChanged={load.reload} />
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
            if ('accessEnded' in updated) {
              setEnded(`${open.label}: done. ${updated.detail ?? ''}`);
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
