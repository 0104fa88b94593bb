// The partner's copies (issue #13): the requests a peer instance shared with this one, as it
// shared them, with the message trail and the receipts this instance signed. Read by the
// officials of the instance's own nation (src/services/partner-copies/partner-copy-access.ts).
import { call, client } from './client.js';
import type { Body } from './contract.js';
import { refusalWords } from '../partner-delivery-words.js';

/** Who reads the copies, as the API allows: every official role, never a company. */
export const PARTNER_COPY_READER_ROLES = ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'] as const;

export interface PartnerCopyFilter {
  peer?: string;
  state?: string;
  q?: string;
  limit: number;
  offset: number;
}

const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export const partnerCopiesApi = {
  list: (f: PartnerCopyFilter) => call(client.GET('/partner-copies', { params: { query: defined({ peer: f.peer, state: f.state, q: f.q, limit: f.limit, offset: f.offset }) } })),
  get: (id: string) => call(client.GET('/partner-copies/{id}', { params: { path: { id } } })),
  /** One of the copy's `actions`, sent to the instance that holds the request (202: sent, not yet applied). */
  /** Asks the holder again for a file it did not serve, or whose content was refused (202: queued; the copy then lists it as being fetched). */
  fetchAgain: (id: string, attachmentId: string) => call(client.POST('/partner-copies/{id}/attachments/{attachmentId}/fetch', { params: { path: { id, attachmentId } } })),
  step: (id: string, action: string, fields: Record<string, unknown>) =>
    call(client.POST('/partner-copies/{id}/steps', { params: { path: { id } }, body: { ...fields, action } as Body<'postPartnerCopiesByIdSteps'> })),
  /** A comment on the copy: shared, sent to the holder (202); internal, kept on this desk (201). */
  comment: (id: string, body: string, visibility: 'shared' | 'internal') =>
    call(client.POST('/partner-copies/{id}/comments', { params: { path: { id } }, body: { body, visibility } })),
  /** A shared file on the copy, sent to the holder: with its content up to INLINE_FILE_BYTES, fetched by the holder from this desk above that. */
  attach: (id: string, file: File) => {
    const form = new FormData();
    form.set('file', file);
    // A multipart form, which the document does not describe as a body; the browser sets the boundary.
    return call(client.POST('/partner-copies/{id}/attachments', { params: { path: { id } }, body: form as never }));
  },
};

/** The largest file whose content crosses inside its signed message (INLINE_ATTACHMENT_BYTES, 384 KiB); the holder fetches a larger one. */
export const INLINE_FILE_BYTES = 384 * 1024;

export type CopyContribution = PartnerCopy['contributions'][number];

/**
 * What the copy says of a comment or file this desk's official added on it (issue #13): kept on
 * this desk only (internal), sent and not yet applied by the holder, applied there, or refused
 * with the holder's reason. `holder` names the holder in a sentence ("the US").
 */
export function contributionState(c: Pick<CopyContribution, 'state' | 'refusal'>, holder: string): { label: string; tone: 'done' | 'progress' | 'warn' | 'muted'; note: string | null } {
  switch (c.state) {
    case 'internal':
      return { label: 'Internal · this desk only', tone: 'muted', note: null };
    case 'pending':
      return { label: `Sent to ${holder}, not yet applied`, tone: 'progress', note: null };
    case 'applied':
      return { label: `Applied by ${holder}`, tone: 'done', note: null };
    case 'refused':
      return { label: `Refused by ${holder}`, tone: 'warn', note: `refused: ${refusalWords(c.refusal?.reason ?? null)}${c.refusal?.detail ? ` — ${c.refusal.detail}` : ''}` };
  }
}

export type PartnerCopySummary = Awaited<ReturnType<typeof partnerCopiesApi.list>>['items'][number];
export type PartnerCopy = Awaited<ReturnType<typeof partnerCopiesApi.get>>;
export type TrailMessage = PartnerCopy['trail'][number];
export type SentMessage = PartnerCopy['sent'][number];
export type PartnerCopyStepSent = Awaited<ReturnType<typeof partnerCopiesApi.step>>;

const MESSAGE_KIND_LABEL: Record<string, string> = {
  'request.shared': 'Request shared',
  'request.transition': 'Step taken',
  'request.comment': 'Shared comment',
  'request.attachment': 'Shared file',
  'request.submit': 'Request submitted',
  'request.step': 'Step sent',
  'request.contribution_applied': 'Comment or file applied',
};

export function messageKindLabel(kind: string): string {
  return MESSAGE_KIND_LABEL[kind] ?? kind;
}

/** "4 Dec 03:10": a moment of the trail, short, in the reader's time zone. */
export function shortMoment(iso: string | null, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('hour')}:${part('minute')}`;
}

/** What the trail says of one message: "received 4 Dec 03:10, receipt signed". */
export function receivedLine(m: TrailMessage, timeZone?: string): string {
  const receipt = m.receipt.outcome === 'applied' || m.receipt.outcome === 'duplicate' ? 'receipt signed' : 'no receipt on record';
  return `received ${shortMoment(m.receivedAt, timeZone)}, ${receipt}`;
}

/** What the trail says of a message this instance sent: "received 4 Dec 03:10, receipt signed by US". */
export function sentLine(m: SentMessage, timeZone?: string): string {
  const signedBy = m.receipt?.signedBy ? `, receipt signed by ${m.receipt.signedBy}` : '';
  const at = shortMoment(m.receipt?.receivedAt ?? null, timeZone);
  if (m.delivery === 'pending') return 'not yet received';
  if (m.delivery === 'refused') return `refused ${at}: ${refusalWords(m.refusalReason)}${signedBy}`;
  return `received ${at}${signedBy}`;
}

/** One row of the trail, a message either way: who signed its receipt, and what the row says of its receipt. */
export interface TrailRow {
  direction: 'received' | 'sent';
  messageId: string;
  kind: string;
  /** What the message is about (a shared file's name, a comment's author and first words), or null. */
  subject: string | null;
  seq: number;
  version: number;
  sentAt: string | null;
  messageHash: string;
  /** The hash of the message from the other side that this one answers, or null. */
  answers: string | null;
  receiptLine: string;
  receiptTitle: string | undefined;
}

function trailRow(direction: TrailRow['direction'], m: TrailMessage | SentMessage, receiptLine: string): TrailRow {
  const r = m.receipt;
  const receiptTitle = r?.keyId ? `Receipt signed by ${r.signedBy ?? '?'} with key ${r.keyId}` : undefined;
  return { direction, messageId: m.messageId, kind: m.kind, subject: m.subject, seq: m.seq, version: m.version, sentAt: m.sentAt, messageHash: m.messageHash, answers: m.answers, receiptLine, receiptTitle };
}

/**
 * The messages received about the request and those this instance sent about it, in causal order:
 * each side numbers only its own messages (seq), and the two clocks need not agree, so a message
 * that answers one from the other side (`answers`, its hash) comes after it; otherwise the one
 * signed first comes first.
 */
export function trailRows(copy: Pick<PartnerCopy, 'trail' | 'sent'>, timeZone?: string): TrailRow[] {
  const received = copy.trail.map((m) => trailRow('received', m, receivedLine(m, timeZone)));
  const sent = copy.sent.map((m) => trailRow('sent', m, sentLine(m, timeZone)));
  const pending = new Set([...received, ...sent].map((m) => m.messageHash));
  const ready = (m: TrailRow | undefined) => m !== undefined && (m.answers === null || !pending.has(m.answers));
  const instant = (m: TrailRow) => (m.sentAt ? Date.parse(m.sentAt) : 0);
  const rows: TrailRow[] = [];
  while (received.length || sent.length) {
    const [r, s] = [received[0], sent[0]];
    const takeSent = s !== undefined && (r === undefined || (ready(s) && (!ready(r) || instant(s) < instant(r))));
    const next = takeSent ? sent.shift()! : received.shift()!;
    pending.delete(next.messageHash);
    rows.push(next);
  }
  return rows;
}

export type CopyFile = PartnerCopy['attachments'][number];

/**
 * What the "Shared files" panel says of a file's content (issue #13): transferred (downloadable),
 * being fetched from the holder by its hash (a file larger than a signed message carries; retried
 * while the holder is unreachable), refused by this instance (not its stated SHA-256, or too large),
 * or not served by the holder. `peer` names the holder in a sentence ("the US").
 */
export function copyFileState(a: Pick<CopyFile, 'state' | 'stateDetail' | 'sha256'>, peer: string): { label: string; tone: 'done' | 'progress' | 'warn' | 'muted'; note: string | null } {
  switch (a.state) {
    case 'transferred':
      return { label: 'Transferred', tone: 'done', note: null };
    case 'fetching':
      return {
        label: 'Being fetched',
        tone: 'progress',
        note: `Larger than a signed message carries: this desk is fetching it from ${peer} by its SHA-256 and checks it on arrival.${a.stateDetail ? ` Last attempt: ${a.stateDetail}. It is tried again.` : ''}`,
      };
    case 'refused':
      return { label: 'Refused', tone: 'warn', note: `This desk refused the content it was sent: ${a.stateDetail ?? 'not the file the signed message states'}. Ask ${peer} for it and check its SHA-256: ${a.sha256}` };
    case 'unavailable':
      return { label: 'Not available', tone: 'muted', note: `${peer.charAt(0).toUpperCase()}${peer.slice(1)} does not serve it to this desk${a.stateDetail ? ` (${a.stateDetail})` : ''}. Ask ${peer} for it and check its SHA-256: ${a.sha256}` };
  }
}
