// The auditors' audit log: search (object, actor, action, time; paged by sequence number) and the
// online verification of the hash chain.
import { query, request } from './client.js';

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  nation: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  /** Nations whose auditors read the event ('*': every auditor of this instance). */
  readers: string[];
  hash: string;
}

export interface AuditFilters {
  entityType?: string | undefined;
  entity?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditPage {
  items: AuditEvent[];
  next: { beforeSeq: number } | null;
}

export interface AuditVerification {
  ok: boolean;
  count: number;
  checkpoint: string | null;
  firstBadSeq: number | null;
  problem: string | null;
  expected: string | null;
  checkpointMatched: boolean | null;
  verifiedAt: string;
  durationMs: number;
}

export const PAGE_SIZE = 50;

export const auditApi = {
  search: (f: AuditFilters, beforeSeq?: number) =>
    request<AuditPage>('GET', `/audit${query({ ...f, order: 'desc', limit: PAGE_SIZE, beforeSeq })}`),
  verify: (expect?: string) => request<AuditVerification>('POST', '/audit/verify', expect ? { expect } : {}),
};
