import { projectAuditData } from '../../domain/audit/audit-border.js';
import type { AuditVerification } from '../../services/audit/verify-audit-online.js';
import type { AuditEventRow } from '../../store/schema.js';
import type { AuditEventView, AuditVerificationView } from './audit.schema.js';

/** The declared AuditEvent (audit.schema.ts) of a stored event, as the reader's nation reads it. */
export function presentAuditEvent(r: AuditEventRow, readerNation: string): AuditEventView {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actor,
    nation: r.nation,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    // What crosses to another nation's auditor is projected at the border (audit-border.ts).
    data: projectAuditData({ nation: r.nation, action: r.action, data: r.data }, readerNation),
    /** Nations whose auditors read the event ('*': every auditor of this instance). */
    readers: r.parties ?? [r.nation ?? '*'],
    hash: r.hash,
  };
}

/** The declared AuditVerification of the service's verdict. */
export function presentVerification(v: AuditVerification): AuditVerificationView {
  return {
    ok: v.ok,
    count: v.count,
    checkpoint: v.checkpoint,
    firstBadSeq: v.firstBadSeq,
    problem: v.problem,
    expected: v.expected,
    checkpointMatched: v.checkpointMatched,
    verifiedAt: v.verifiedAt,
    durationMs: v.durationMs,
  };
}
