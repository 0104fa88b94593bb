import type { PartnerCopyListView } from '../../services/partner-copies/list-partner-copies.js';
import type { PartnerCopyView } from '../../services/partner-copies/read-partner-copy.js';
import type { ContributionReceipt } from '../../services/partner-copies/add-to-partner-copy.js';
import type { PartnerAttachmentView } from '../../services/partner-copies/partner-copy-attachments.js';

/**
 * What the copy routes send, field by field: a copy's body is a peer's JSON, and Hono sends
 * whatever it is given, so only the fields the schemas name are passed on.
 */
export function presentPartnerCopyList(view: PartnerCopyListView) {
  return {
    items: view.items.map((c) => ({ id: c.id, reference: c.reference, title: c.title, state: c.state, urgency: c.urgency, workflowId: c.workflowId, fromNation: c.fromNation, toNation: c.toNation, peer: c.peer, lastReceivedAt: c.lastReceivedAt, version: c.version })),
    total: view.total,
    instance: { nation: view.instance.nation, peers: [...view.instance.peers] },
  };
}

/** One shared file of a copy, with where to download it and (when the reader may) where to ask for it again. */
export function presentCopyAttachment(copyId: string, a: PartnerAttachmentView) {
  const download = `/api/v1/partner-copies/${copyId}/attachments/${a.id}`;
  return { id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, uploader: { displayName: a.uploader.displayName, nation: a.uploader.nation, organisation: a.uploader.organisation }, createdAt: a.createdAt, transferred: a.transferred, state: a.state, stateDetail: a.stateDetail, download, fetchAgain: a.fetchAgain ? `${download}/fetch` : null };
}

export function presentPartnerCopy(view: PartnerCopyView) {
  const r = view.request;
  return {
    id: view.id,
    peer: view.peer,
    version: view.version,
    lastReceivedAt: view.lastReceivedAt,
    request: { id: r.id, reference: r.reference, title: r.title, fromNation: r.fromNation, toNation: r.toNation, arrangementId: r.arrangementId, workflowId: r.workflowId, state: r.state, urgency: r.urgency, programId: r.programId, requiredBy: r.requiredBy, justification: r.justification, classification: r.classification, createdAt: r.createdAt, updatedAt: r.updatedAt },
    fields: view.fields,
    supplier: view.supplier && { id: view.supplier.id, name: view.supplier.name },
    assignments: view.assignments.map((a) => ({ organisation: { id: a.organisation.id, name: a.organisation.name }, status: a.status, details: a.details })),
    items: view.items.map((i) => ({ lineNo: i.lineNo, partNumber: i.partNumber, nsn: i.nsn, description: i.description, quantity: i.quantity, unit: i.unit, requiredDeliveryDate: i.requiredDeliveryDate })),
    history: view.history.map((h) => ({ at: h.at, actorNation: h.actorNation, actorName: h.actorName, action: h.action, fromState: h.fromState, toState: h.toState, fields: h.fields })),
    comments: view.comments.map((c) => ({ id: c.id, author: { displayName: c.author.displayName, nation: c.author.nation, organisation: c.author.organisation }, body: c.body, createdAt: c.createdAt })),
    attachments: view.attachments.map((a) => presentCopyAttachment(view.id, a)),
    contributions: view.contributions.map((x) => ({
      id: x.id,
      kind: x.kind,
      visibility: x.visibility,
      body: x.body,
      file: x.file && { filename: x.file.filename, contentType: x.file.contentType, size: x.file.size, sha256: x.file.sha256, download: `/api/v1/partner-copies/${view.id}/attachments/${x.id}` },
      author: { displayName: x.author.displayName, nation: x.author.nation, organisation: x.author.organisation },
      createdAt: x.createdAt,
      state: x.state,
      appliedAt: x.appliedAt,
      refusal: x.refusal && { reason: x.refusal.reason, detail: x.refusal.detail },
      messageId: x.messageId,
    })),
    mayContribute: view.mayContribute,
    trail: view.trail.map((m) => ({ messageId: m.messageId, kind: m.kind, seq: m.seq, version: m.version, sentAt: m.sentAt, receivedAt: m.receivedAt, messageHash: m.messageHash, subject: m.subject, answers: m.answers, receipt: { ...m.receipt } })),
    sent: view.sent.map((m) => ({ messageId: m.messageId, kind: m.kind, seq: m.seq, version: m.version, sentAt: m.sentAt, messageHash: m.messageHash, subject: m.subject, answers: m.answers, delivery: m.delivery, refusalReason: m.refusalReason, receipt: m.receipt && { ...m.receipt } })),
    stepSent: view.stepSent && { messageId: view.stepSent.messageId, action: view.stepSent.action, sentAt: view.stepSent.sentAt.toISOString(), delivery: view.stepSent.delivery as 'pending' | 'delivered' | 'refused', refusalReason: view.stepSent.refusalReason },
    // Built here from the workflow (copy-steps.ts), not read from the peer's JSON.
    actions: view.actions,
  };
}

/** What `POST /partner-copies/{id}/comments` and `/attachments` answer. */
export function presentContributionSent(copyId: string, sent: ContributionReceipt) {
  return { id: sent.id, kind: sent.kind, visibility: sent.visibility, state: sent.state, messageId: sent.messageId, heldBy: sent.heldBy, size: sent.size ?? null, sha256: sent.sha256 ?? null, partnerCopy: `/api/v1/partner-copies/${copyId}` };
}
