// A Code of Conduct company's desk (GET /commitments): the requests put to it and its answers.
import type { Urgency } from './types.js';
import type { SubscriptionStatus } from './registers.js';
import { request } from './client.js';

export type CommitmentStatus = 'pending' | 'committed' | 'declined' | 'closed';

export interface CommitmentItem {
  reference: string;
  status: CommitmentStatus;
  routedAt: string;
  decidedAt: string | null;
  /** Set while the company may open the request (asked, or committed). */
  requestId: string | null;
  title: string | null;
  urgency: Urgency | null;
  requiredBy: string | null;
  state: { id: string; label: string } | null;
  answerBy: { dueAt: string; overdue: boolean } | null;
  promisedDeliveryDate: string | null;
  note: string | null;
  reason: string | null;
}

export interface CompanyCommitments {
  company: { id: string; name: string; nation: string };
  subscription: { status: SubscriptionStatus; statusSince: string; subscribedOn: string } | null;
  items: CommitmentItem[];
}

export const commitmentsApi = {
  get: () => request<CompanyCommitments>('GET', '/commitments'),
};
