// Special Priorities Assistance (15 CFR 700.50–700.55, Form BIS-999): API calls and types.
import { query, request } from './client.js';

export const SPA_STATUSES = ['draft', 'submitted', 'under_review', 'forwarded_to_commerce', 'resolved', 'denied', 'withdrawn'] as const;
export type SpaStatus = (typeof SPA_STATUSES)[number];
export type SpaAction = 'submit' | 'withdraw' | 'start_review' | 'forward_to_commerce' | 'resolve' | 'deny';

export const SPA_STATUS_LABEL: Record<SpaStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  under_review: 'Under review',
  forwarded_to_commerce: 'Forwarded to Commerce',
  resolved: 'Resolved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
};

export const SPA_ACTION_LABEL: Record<SpaAction, string> = {
  submit: 'Submit to the SOSA office / DoD',
  withdraw: 'Withdraw',
  start_review: 'Start review',
  forward_to_commerce: 'Forward to Commerce',
  resolve: 'Resolve',
  deny: 'Deny',
};

/** Steps that need a note giving the reasons. */
export const SPA_NOTE_REQUIRED: readonly SpaAction[] = ['forward_to_commerce', 'resolve', 'deny'];

export interface SpaOrderInput {
  orderId?: string;
  orderNumber: string;
  rating: string;
  items: string;
  quantity: number;
  requiredDeliveryDate: string;
  promisedDeliveryDate?: string | null;
}

export interface NewSpaRequest {
  requester: { name: string; title?: string; email: string; phone?: string };
  customer?: string;
  supplier: { organisationId?: string; name: string; contact?: string };
  orders: SpaOrderInput[];
  program: string;
  problem: string;
  attemptsMade: string;
  actionRequested: string;
  submit?: boolean;
}

export interface SpaListItem {
  id: string;
  reference: string;
  status: SpaStatus;
  view: 'full' | 'partner';
  nation: string;
  company: string;
  supplier: string | null;
  program: string;
  orders: string[];
  submittedAt: string | null;
  updatedAt: string;
}

export interface SpaDetail {
  id: string;
  reference: string;
  status: SpaStatus;
  view: 'full' | 'partner';
  nation: string;
  company: { id: string; name: string };
  requester: { name: string; title: string | null; email: string; phone: string | null } | null;
  customer: string | null;
  supplier: { organisationId: string | null; name: string; contact: string | null } | null;
  orders: Array<{ lineNo: number; orderId: string | null; orderNumber: string; rating: string; items: string; quantity: number; requiredDeliveryDate: string; promisedDeliveryDate: string | null }>;
  program: string;
  problem: string | null;
  attemptsMade: string | null;
  actionRequested: string;
  outcomeNote: string | null;
  createdAt: string;
  submittedAt: string | null;
  forwardedAt: string | null;
  closedAt: string | null;
  version: number;
  actions: SpaAction[];
  events: Array<{ at: string; actor: string; nation: string; action: string; fromStatus: string | null; toStatus: string; note: string | null }> | null;
}

export const spaApi = {
  list: (status?: SpaStatus | '') => request<{ items: SpaListItem[] }>('GET', `/spa-requests${query({ status: status || undefined })}`),
  get: (id: string) => request<SpaDetail>('GET', `/spa-requests/${encodeURIComponent(id)}`),
  create: (body: NewSpaRequest) => request<SpaDetail>('POST', '/spa-requests', body),
  transition: (id: string, body: { action: SpaAction; note?: string; version?: number }) => request<SpaDetail>('POST', `/spa-requests/${encodeURIComponent(id)}/transitions`, body),
};
