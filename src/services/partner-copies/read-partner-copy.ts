import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { readPartnerCopyBody, type PartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { findPartnerCopy, findStepSent, listInboundTrail, listOutboundTrail, type InboundTrailRow, type OutboundTrailRow, type StepSent } from '../../store/partner-copies.repository.js';
import { auditAs } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';
import type { ActionView } from '../requests/request-view.js';
import { stepsOfferedOnCopy } from './copy-steps.js';
import { holdsCopiesFor, PARTNER_COPY_CORRESPONDENTS } from './partner-copy-access.js';
import { listCopyContributions, type ContributionView } from './copy-contributions.js';
import type { ApiSchema } from '../../contract/api-schema.js';
import { listCopyAttachments, type PartnerAttachmentView } from './partner-copy-attachments.js';
import { trailSubject } from './trail-subject.js';

/** One message of a copy's trail: what came, when, and the receipt this instance signed for it. */
export type TrailMessageView = ApiSchema<'PartnerCopy'>['trail'][number];
/** One message this instance sent the holder about the request, and the receipt the holder signed. */
export type SentMessageView = ApiSchema<'PartnerCopy'>['sent'][number];

export interface PartnerCopyView {
  id: string;
  peer: string;
  version: number;
  lastReceivedAt: string;
  request: PartnerCopyBody['request'];
  fields: PartnerCopyBody['fields'];
  supplier: PartnerCopyBody['supplier'];
  assignments: PartnerCopyBody['assignments'];
  items: PartnerCopyBody['items'];
  history: PartnerCopyBody['history'];
  comments: PartnerCopyBody['comments'];
  /** The shared files the peer sent about the request (kept beside the copy, partner_attachments). */
  attachments: PartnerAttachmentView[];
  trail: TrailMessageView[];
  sent: SentMessageView[];
  /** The comments and files this nation's officials added on the copy, with what became of each (copy-contributions.ts). */
  contributions: ContributionView[];
  /** Whether the reader may add a comment or a file on the copy (add-to-partner-copy.ts). */
  mayContribute: boolean;
  /** The step of this nation's sent to the holder and not yet answered (take-partner-copy-step.ts). */
  stepSent: StepSent | null;
  /** The steps the reader may send on the copy now (copy-steps.ts), as the request's page offers them. */
  actions: ActionView[];
}

export const notFound = (id: string) => new AppError('NOT_FOUND', { detail: `No copy of request ${id} is held on this instance for you.` });

/**
 * One copy as the peer shared it, with its message trail (issue #13). A user who may not read
 * copies on this instance gets the same 404 as for an unknown copy: whether the instance holds
 * one is not told to them.
 */
export async function readPartnerCopy(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<PartnerCopyView> {
  if (!holdsCopiesFor(ctx, actor)) throw notFound(id);
  const row = await findPartnerCopy(ctx.store.db, id);
  const body = row && readPartnerCopyBody(row.body);
  if (!row || !body) throw notFound(id);
  const [trail, sent, stepSent, attachments, contributions] = await Promise.all([
    listInboundTrail(ctx.store.db, row.peerNation, row.requestId),
    listOutboundTrail(ctx.store.db, row.peerNation, row.requestId),
    findStepSent(ctx.store.db, row.peerNation, row.requestId),
    listCopyAttachments(ctx, row.peerNation, row.requestId, actor),
    listCopyContributions(ctx, row.peerNation, row.requestId),
  ]);
  const actions = await stepsOfferedOnCopy(ctx, actor, row, body, stepSent);
  // A read of the partner's record, recorded as a read of a request by the other nation's
  // official is (request-view.ts, request.read): who read which copy, at which version.
  await ctx.store.db.transaction().execute((trx) =>
    auditAs(trx, actor, { parties: [ctx.config.nation ?? actor.nation, row.peerNation], action: 'partner_copy.read', entityType: 'request', entityId: row.requestId, data: { peer: row.peerNation, version: row.objectVersion, messages: trail.length, sent: sent.length } }),
  );
  return {
    id: row.requestId,
    peer: row.peerNation,
    version: row.objectVersion,
    lastReceivedAt: row.updatedAt.toISOString(),
    request: body.request,
    fields: body.fields,
    supplier: body.supplier,
    assignments: body.assignments,
    items: body.items,
    history: body.history,
    comments: body.comments,
    attachments,
    contributions,
    mayContribute: actor.roles.some((r) => PARTNER_COPY_CORRESPONDENTS.includes(r)),
    trail: trail.map(trailMessage),
    sent: sent.map(sentMessage),
    stepSent,
    actions,
  };
}

/**
 * The stored messages and receipts are the signed originals (verified when they arrived): their
 * claims are read back without verifying again, to show them.
 */
function trailMessage(row: InboundTrailRow): TrailMessageView {
  const message = claims(row.jws);
  return {
    ...envelope(row),
    sentAt: typeof message.sentAt === 'string' ? message.sentAt : null,
    receivedAt: row.appliedAt.toISOString(),
    answers: typeof message.answers === 'string' ? message.answers : null,
    receipt: receiptView(row.receipt),
  };
}

/**
 * The peer's receipt was verified against its key when it came back (message-sender.ts); like
 * the trail, it is read back here to show it. A sent message shows its sentAt as signed.
 */
function sentMessage(row: OutboundTrailRow): SentMessageView {
  const message = claims(row.jws);
  return {
    ...envelope(row),
    sentAt: typeof message.sentAt === 'string' ? message.sentAt : row.createdAt.toISOString(),
    answers: row.answersHash,
    delivery: row.state as SentMessageView['delivery'],
    refusalReason: row.refusalReason,
    receipt: row.receipt === null ? null : receiptView(row.receipt),
  };
}

function envelope(row: InboundTrailRow | OutboundTrailRow) {
  return { messageId: row.messageId, kind: row.kind, seq: row.seq, version: row.objectVersion, messageHash: row.messageHash, subject: trailSubject(row.kind, claims(row.jws).body) };
}

function receiptView(jws: string): TrailMessageView['receipt'] {
  const receipt = claims(jws);
  const header = protectedHeader(jws);
  return {
    signedBy: typeof receipt.from === 'string' ? receipt.from : null,
    keyId: typeof header.kid === 'string' ? header.kid : null,
    receivedAt: typeof receipt.receivedAt === 'string' ? receipt.receivedAt : null,
    outcome: typeof receipt.outcome === 'string' ? receipt.outcome : null,
    jws,
  };
}

function claims(jws: string): Record<string, unknown> {
  try {
    return decodeJwt(jws) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function protectedHeader(jws: string): Record<string, unknown> {
  try {
    return decodeProtectedHeader(jws) as Record<string, unknown>;
  } catch {
    return {};
  }
}
