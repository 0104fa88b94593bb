// The auditors' audit log: search (object, actor, action, time; paged by sequence number) and the
// online verification of the hash chain. The routes declare no answer yet (src/http/contract-pending.ts):
// the types here are hand-written until they do.
import { callPending, client, query } from './client.js';

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
    callPending<AuditPage>(client.GET('/audit', { params: { query: query({ ...f, order: 'desc' as const, limit: PAGE_SIZE, beforeSeq }) } })),
  verify: (expect?: string) => callPending<AuditVerification>(client.POST('/audit/verify', { body: expect ? { expect } : {} })),
};
