// One partner's copy (issue #13): the request as the peer instance shared it — its line items,
// the history and the comments the peer shares — and the message trail: each signed message that
// brought a change, when the peer sent it, when this instance received it, and the receipt this
// instance signed ("received 4 Dec 03:10, receipt signed"); and each message this instance sent
// the holder about it, with the holder's signed receipt ("received 4 Dec 03:12, receipt signed by US"). The steps of this nation's the copy
// offers (withdraw, resubmit, confirm receipt) are sent to the instance that holds the request;
// its shared threads are read and answered here, each nation on its own desk, and so are its
// comments and files: a shared one is sent to the holder, which keeps it as this desk's official's
// (shown pending, applied or refused); an internal comment stays on this desk.
import { useState, type ReactNode } from 'react';
import { contributionState, copyFileState, messageKindLabel, partnerCopiesApi, shortMoment, trailRows, type CopyContribution, type PartnerCopy } from '../api/partner-copies.js';
import { CopyCommentForm, CopyFileForm } from '../components/CopyContributionForms.js';
import type { ActionSpec, Reference } from '../api/types.js';
import { ActionsPanel } from '../components/ActionsPanel.js';
import { NationPair, StateBadge, UrgencyBadge } from '../components/Badges.js';
import { CopyStepDialog } from '../components/CopyStepDialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LineItemsTable } from '../components/LineItemsTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { StepFieldList } from '../components/StepFieldList.js';
import { ThreadsPanel } from '../components/ThreadsPanel.js';
import { formatBytes, formatDate, formatDateTime } from '../format.js';
import { keys } from '../queries/keys.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { href } from '../router.js';
import { nationInSentence, nationName, useSession } from '../session.js';
import { deskOf, possessive, submissionLine } from '../partner-delivery-words.js';
import { stepWords } from '../step-words.js';

/**
 * A panel of what the copy shares, as a list (ordered where the order is the story): its title,
 * then one item per entry, or the line that says there is none.
 */
function CopyListPanel<T>({ title, none, entries, ordered = false, listClass, testId, children }: {
  title: string;
  none: string;
  entries: T[];
  ordered?: boolean;
  listClass: string;
  /** data-testid of the list; the panel's heading id is `${testId}-h`. */
  testId: string;
  children: (entry: T, index: number) => ReactNode;
}) {
  const List = ordered ? 'ol' : 'ul';
  const headingId = `${testId}-h`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">{title}</h2>
      {entries.length === 0 ? (
        <p className="pad muted">{none}</p>
      ) : (
        <List className={listClass} data-testid={testId}>
          {entries.map(children)}
        </List>
      )}
    </section>
  );
}

function History({ copy }: { copy: PartnerCopy }) {
  const { reference } = useSession();
  const words = stepWords(reference, copy.request.workflowId);
  const stateLabel = (id: string) => reference.workflows[copy.request.workflowId]?.states.find((s) => s.id === id)?.label ?? id;
  return (
    <CopyListPanel
      title="History as shared"
      none="No shared step yet."
      entries={copy.history}
      ordered
      listClass="timeline"
      testId="copy-history"
    >
      {(e, i) => (
        <li key={`${e.at}-${i}`} className="timeline-item" data-testid="copy-history-event">
          <div className="timeline-head">
            <strong>{words.stepLabel(e.action)}</strong>
            <span className="muted"> · {e.actorName ? `${e.actorName} (${e.actorNation})` : nationName(reference, e.actorNation)} · <time dateTime={e.at}>{formatDateTime(e.at)}</time></span>
          </div>
          <div className="small muted">→ {stateLabel(e.toState)}</div>
          <StepFieldList entries={Object.entries(e.fields)} action={e.action} label={words.fieldLabel} value={words.value} className="facts small" />
        </li>
      )}
    </CopyListPanel>
  );
}

/** The state badge of a comment or file this desk added on the copy (contributionState), and the holder's reason when refused. */
function ContributionBadge({ c, holder }: { c: CopyContribution; holder: string }) {
  const state = contributionState(c, holder);
  return (
    <>
      <span className={`badge tone-${state.tone}`} data-testid="copy-contribution-state" data-state={c.state}>{state.label}</span>
      {state.note ? <div className="small muted" data-testid="copy-contribution-refusal">{state.note}</div> : null}
    </>
  );
}

/**
 * The holder's shared comments, with this desk's officials' own (issue #13): one it sent shows in
 * the holder's list once applied; until then, or when refused, or kept internal, from this desk.
 */
function Comments({ copy }: { copy: PartnerCopy }) {
  const { reference, user } = useSession();
  const holder = nationInSentence(reference, copy.peer);
  const ours = new Map(copy.contributions.filter((c) => c.kind === 'comment').map((c) => [c.id, c]));
  const held = new Set(copy.comments.map((c) => c.id));
  const entries = [
    ...copy.comments.map((c) => ({ id: c.id, author: c.author, body: c.body, createdAt: c.createdAt, ours: ours.get(c.id) })),
    ...[...ours.values()].filter((c) => !held.has(c.id)).map((c) => ({ id: c.id, author: c.author, body: c.body ?? '', createdAt: c.createdAt, ours: c })),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <CopyListPanel title="Comments" none="No comment yet." entries={entries} listClass="comments" testId="copy-comments">
      {(c) => (
        <li key={c.id} className={c.ours?.visibility === 'internal' ? 'comment internal' : 'comment'} data-testid="copy-comment">
          <div className="comment-head">
            <strong>{c.author.displayName}</strong>
            <span className="muted"> · {c.author.organisation ?? nationName(reference, c.author.nation)} ({c.author.nation}) · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></span>{' '}
            {c.ours ? <ContributionBadge c={c.ours} holder={holder} /> : null}
          </div>
          <p className="prose">{c.body}</p>
        </li>
      )}
    </CopyListPanel>
  );
}

/**
 * The holder's shared files (issue #13): each with what became of its content (transferred, being
 * fetched, refused). One the holder did not serve, or whose content was refused, is asked for again
 * (`fetchAgain`, offered by the API to those who may; audited there). Then the files this desk sent.
 */
function Files({ copy }: { copy: PartnerCopy }) {
  const { reference } = useSession();
  const peer = nationInSentence(reference, copy.peer);
  const ask = useApiMutation((attachmentId: string) => partnerCopiesApi.fetchAgain(copy.id, attachmentId), { invalidates: [keys.partnerCopies.detail(copy.id)] });
  const [asked, setAsked] = useState<string | null>(null);
  const ours = copy.contributions.filter((c) => c.kind === 'attachment');
  return (
    <CopyListPanel title="Shared files" none="No shared file." entries={[...copy.attachments.map((a) => ({ a })), ...ours.map((c) => ({ c }))]} listClass="attachments" testId="copy-attachments">
      {(entry) => {
        if ('c' in entry) {
          const { c } = entry;
          return (
            <li key={c.id} data-testid="copy-attachment" data-state={c.state}>
              <div>
                <a href={c.file!.download} download={c.file!.filename} className="attachment-name">{c.file!.filename}</a> <ContributionBadge c={c} holder={peer} />
              </div>
              <div className="muted small">
                {formatBytes(c.file!.size)} · {c.author.displayName}, {c.author.organisation} ({c.author.nation}) · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </div>
            </li>
          );
        }
        const { a } = entry;
        const state = copyFileState(a, peer);
        return (
          <li key={a.id} data-testid="copy-attachment" data-state={a.state}>
            <div>
              {a.transferred ? (
                <a href={a.download} download={a.filename} className="attachment-name">{a.filename}</a>
              ) : (
                <span className="attachment-name">{a.filename}</span>
              )}{' '}
              <span className={`badge tone-${state.tone}`} data-testid="copy-attachment-state">{state.label}</span>
            </div>
            <div className="muted small">
              {formatBytes(a.size)} · {a.uploader.displayName}, {a.uploader.organisation ?? nationName(reference, a.uploader.nation)} ({a.uploader.nation}) · <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
            </div>
            {state.note ? <div className="small muted">{state.note}</div> : null}
            {a.fetchAgain ? (
              <div className="small">
                <button type="button" className="btn btn-small" data-testid="copy-attachment-fetch-again" disabled={ask.busy} onClick={() => {
                  setAsked(a.id);
                  void ask.run(a.id);
                }}>
                  {ask.pending === a.id ? 'Asking…' : `Fetch it again from ${peer}`}
                </button>
                {asked === a.id && ask.error ? <span className="field-error" role="alert"> {ask.error.detail ?? ask.error.message}</span> : null}
              </div>
            ) : null}
          </li>
        );
      }}
    </CopyListPanel>
  );
}

function Trail({ copy }: { copy: PartnerCopy }) {
  const { reference } = useSession();
  const peer = nationInSentence(reference, copy.peer);
  return (
    <section className="panel" aria-labelledby="copy-trail-h">
      <div className="panel-head">
        <h2 id="copy-trail-h" className="panel-title">Message trail</h2>
        <span className="small muted">each message signed by its sender, and the receipt the other instance signed for it</span>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="copy-trail">
          <caption className="sr-only">Messages about this request received from {peer} and sent to it, in the order signed</caption>
          <thead>
            <tr>
              <th scope="col">Way</th>
              <th scope="col" className="num">#</th>
              <th scope="col">Message</th>
              <th scope="col">Sent</th>
              <th scope="col">Received</th>
              <th scope="col" className="num">Version</th>
            </tr>
          </thead>
          <tbody>
            {trailRows(copy).map((m) => (
              <tr key={m.messageId} data-testid="copy-trail-row" data-direction={m.direction}>
                <td className="nowrap">{m.direction === 'received' ? `from ${copy.peer}` : `to ${copy.peer}`}</td>
                <td className="num mono">{m.seq}</td>
                <td>
                  {messageKindLabel(m.kind)}
                  {/* Two files or two comments are told apart by what each carried (issue #13). */}
                  {m.subject ? <> <span data-testid="copy-trail-subject">{m.subject}</span></> : null}{' '}
                  <span className="muted small mono" title={`SHA-256 ${m.messageHash}`}>{m.kind}</span>
                </td>
                <td className="nowrap"><time dateTime={m.sentAt ?? undefined} title={formatDateTime(m.sentAt)}>{shortMoment(m.sentAt)}</time></td>
                <td data-testid="copy-trail-received" title={m.receiptTitle}>{m.receiptLine}</td>
                <td className="num">{m.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * A step of this nation's taken on the copy (POST /partner-copies/{id}/steps) is applied by the
 * instance holding the request: until its answer replaces the copy, the copy does not show it.
 */
function StepSent({ copy }: { copy: PartnerCopy }) {
  const { reference } = useSession();
  const sent = copy.stepSent!;
  const label = stepWords(reference, copy.request.workflowId).stepLabel(sent.action);
  const holder = nationInSentence(reference, copy.peer);
  if (sent.delivery === 'refused') {
    return <div className="banner banner-warn" role="status" data-testid="copy-step-sent">"{label}", sent {formatDateTime(sent.sentAt)}, was refused by {possessive(holder)} instance ({sent.refusalReason ?? 'no reason given'}): nothing of it was applied.</div>;
  }
  return <div className="banner banner-info" role="status" data-testid="copy-step-sent">"{label}" was sent to {possessive(holder)} instance {formatDateTime(sent.sentAt)} and is {sent.delivery === 'pending' ? 'not yet received there' : 'received there'}, not yet applied: this copy shows it once {holder} answers.</div>;
}

/**
 * Whom the copy waits on, as the request's page says it: the other nation by name; within the
 * reader's own, the step it is at. A step of the reader's nation on its way waits on the holder.
 */
function waitingText(reference: Reference, copy: PartnerCopy, stateLabel: string, ownNation: string): string | null {
  if (copy.stepSent && copy.stepSent.delivery !== 'refused') return `${nationInSentence(reference, copy.peer)} to apply the step sent`;
  const side = reference.workflows[copy.request.workflowId]?.states.find((s) => s.id === copy.request.state)?.waitingOn;
  const nation = side === 'requesting' ? copy.request.fromNation : side === 'supplying' ? copy.request.toNation : null;
  if (!nation) return null;
  return nation === ownNation ? `the next step: ${stateLabel}` : nationInSentence(reference, nation);
}

/** Who writes in a request's threads (domain/channels/thread-visibility.ts); a company reads no copy. */
const THREAD_WRITERS = ['sosa_officer', 'program_determination', 'rating_authority'] as const;

export function PartnerCopyDetailPage({ id }: { id: string }) {
  const { reference, user } = useSession();
  const load = useApiQuery(keys.partnerCopies.detail(id), () => partnerCopiesApi.get(id));
  const copy = load.data;
  const [open, setOpen] = useState<ActionSpec | null>(null);
  if (load.error?.status === 404) {
    return (
      <div className="page">
        <PageHeader title="Partner's copy" />
        <EmptyState title="No such copy">This instance holds no copy of that request for you. <a href={href('/partner-copies')}>Back to the partner's copies</a></EmptyState>
      </div>
    );
  }
  const r = copy?.request;
  const stateLabel = r ? (reference.workflows[r.workflowId]?.states.find((s) => s.id === r.state)?.label ?? r.state) : '';
  // Submitted here and sent to the holding instance (issue #13): until its copy arrives, the one
  // shown is the request as sent, with no reference number and nothing received.
  const awaitingHolder = copy !== undefined && copy.trail.length === 0 && r?.reference === '';
  const submission = copy && awaitingHolder ? submissionLine(copy, deskOf(nationInSentence(reference, copy.peer))) : undefined;
  return (
    <div className="page">
      <p className="small"><a href={href('/partner-copies')}>← Partner's copies</a></p>
      <PageHeader
        title={r ? (awaitingHolder ? r.title : `${r.reference} · ${r.title}`) : "Partner's copy"}
        subtitle={submission ? submission.text : copy ? `The request as ${nationInSentence(reference, copy.peer)} shared it: version ${copy.version}, last received ${formatDateTime(copy.lastReceivedAt)}. The record is kept on the partner's instance; this one keeps the copy and the signed messages as evidence.` : undefined}
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {submission?.tone === 'refused' ? (
        <div className="banner banner-warn" role="status" data-testid="copy-submission-refused">
          {submission.text}
        </div>
      ) : null}
      {copy?.stepSent ? <StepSent copy={copy} /> : null}
      {load.loading && !copy ? <Spinner label="Loading the copy…" /> : null}
      {copy && r ? (
        <div className="detail-grid">
          <div className="detail-main">
            <section className="panel" aria-labelledby="copy-summary-h">
              <h2 id="copy-summary-h" className="panel-title">Request</h2>
              <dl className="facts">
                <div><dt>State</dt><dd><StateBadge state={r.state} label={stateLabel} /></dd></div>
                <div><dt>Nations</dt><dd><NationPair from={r.fromNation} to={r.toNation} /></dd></div>
                <div><dt>Urgency</dt><dd><UrgencyBadge urgency={r.urgency} /></dd></div>
                <div><dt>Program</dt><dd className="mono">{r.programId}</dd></div>
                <div><dt>Required by</dt><dd>{formatDate(r.requiredBy)}</dd></div>
                <div><dt>Classification</dt><dd>{r.classification}</dd></div>
                {copy.supplier ? <div><dt>Supplier</dt><dd>{copy.supplier.name}</dd></div> : null}
              </dl>
              <h3 className="subhead">Justification</h3>
              <p className="prose">{r.justification}</p>
            </section>
            <LineItemsTable items={copy.items} />
            <History copy={copy} />
            <Comments copy={copy} />
            {copy.mayContribute ? <CopyCommentForm copyId={copy.id} nation={user.nation} holder={nationInSentence(reference, copy.peer)} onSent={load.reload} /> : null}
            <Files copy={copy} />
            {copy.mayContribute ? <CopyFileForm copyId={copy.id} holder={nationInSentence(reference, copy.peer)} onSent={load.reload} /> : null}
            {/* The request's shared threads: the holder's, and this nation's answered on its own desk (issue #13). */}
            <ThreadsPanel subjectKind="request" subjectId={copy.id} writer={user.roles.some((role) => (THREAD_WRITERS as readonly string[]).includes(role))} />
            <Trail copy={copy} />
          </div>
          <aside className="detail-side" aria-label="Your steps">
            <ActionsPanel actions={copy.actions} waitingOn={waitingText(reference, copy, stateLabel, user.nation)} waitingOnYou={copy.actions.some((a) => a.pending)} onChoose={setOpen} />
          </aside>
        </div>
      ) : null}
      {copy && open ? (
        <CopyStepDialog
          copy={copy}
          action={open}
          onClose={(copyChanged) => {
            setOpen(null);
            if (copyChanged) load.reload();
          }}
          onSent={() => {
            setOpen(null);
            // The copy now says the step is sent and not yet applied, and offers no other step.
            load.reload();
          }}
        />
      ) : null}
    </div>
  );
}
