// The auditors' audit log: search (object, actor, action, time; paged by sequence number) and the
// online verification of the hash chain. The types are the contract's (./contract.ts).
import { call, client, query } from './client.js';
import type { Query, Schema } from './contract.js';

export type AuditEvent = Schema<'AuditEvent'>;

/** The search filters the page holds (the paging and order are the page's own). */
export type AuditFilters = { [K in 'entityType' | 'entity' | 'actor' | 'action' | 'from' | 'to']?: Query<'getAudit'>[K] | undefined };

export type AuditVerification = Schema<'AuditVerification'>;

export const PAGE_SIZE = 50;

export const auditApi = {
  search: (f: AuditFilters, beforeSeq?: number) =>
    call(client.GET('/audit', { params: { query: query({ ...f, order: 'desc' as const, limit: PAGE_SIZE, beforeSeq }) } })),
  verify: (expect?: string) => call(client.POST('/audit/verify', { body: expect ? { expect } : {} })),
};
