// API calls and types of the partnership registers: Code of Conduct registry, liaison officer
// postings, co-production programs.
import { query, request } from './client.js';

export const SECTORS = ['aircraft', 'missiles_space', 'ships', 'tank_automotive', 'weapons', 'ammunition', 'electronics', 'other'] as const;
export const SECTOR_LABEL: Record<string, string> = {
  aircraft: 'Aircraft',
  missiles_space: 'Missiles and space',
  ships: 'Ships',
  tank_automotive: 'Tank–automotive',
  weapons: 'Weapons',
  ammunition: 'Ammunition',
  electronics: 'Electronics and communications',
  other: 'Other',
};

export type SubscriptionStatus = 'active' | 'lapsed' | 'withdrawn';
export interface Capability {
  id?: string;
  fsc: string | null;
  sector: string;
  description: string;
  partNumbers: string[];
}
export interface Contact {
  id?: string;
  name: string;
  role: string;
  email: string;
  phone: string;
}
export interface Subscription {
  id: string;
  organisation: { id: string; name: string; shortName: string };
  nation: string;
  subscribedOn: string;
  signedBy: { name: string; title: string };
  status: SubscriptionStatus;
  statusSince: string;
  notes: string;
  version: number;
  capabilities: Capability[];
  contacts: Contact[];
  stats: { received: number; committed: number; declined: number; delivered: number; deliveredOnTime: number; onTimeRate: number | null };
  history?: Array<{ at: string; actor: string | null; from: SubscriptionStatus | null; to: SubscriptionStatus; effectiveOn: string; reason: string }>;
}
export interface NewSubscription {
  organisationId?: string;
  newCompany?: { name: string; shortName: string };
  subscribedOn: string;
  signedBy: { name: string; title: string };
  notes: string;
  capabilities: Capability[];
  contacts: Contact[];
}
export interface CandidateSubscriber {
  organisationId: string;
  name: string;
  shortName: string;
  subscribedOn: string;
  matchScore: number;
  reasons: string[];
  onTimeRate: number | null;
  commitmentRate: number | null;
}

/** A subscriber that may not be routed requests now (lapsed or withdrawn), shown apart in the routing dialog. */
export interface UnavailableSubscriber {
  organisationId: string;
  name: string;
  shortName: string;
  status: string;
  statusSince: string;
}

export type PostingStatus = 'planned' | 'active' | 'ended';
export interface LiaisonDocument {
  id?: string;
  title: string;
  number: string;
  issuedOn: string | null;
}
export interface Posting {
  id: string;
  officer: { name: string; rank: string; serviceNumber: string };
  sendingNation: string;
  hostNation: string;
  hostCommand: string;
  location: string;
  startDate: string;
  endDate: string | null;
  status: PostingStatus;
  daysToEnd: number | null;
  hostPoc: { name: string; email: string };
  notes: string;
  documents: LiaisonDocument[];
  version: number;
  canEdit: boolean;
}
export interface PostingInput {
  officerName: string;
  officerRank: string;
  serviceNumber: string;
  hostNation: string;
  hostCommand: string;
  location: string;
  startDate: string;
  endDate: string | null;
  status: PostingStatus;
  hostPoc: { name: string; email: string };
  notes: string;
  documents: LiaisonDocument[];
}

export type ProgramStatus = 'proposed' | 'active' | 'paused' | 'completed' | 'cancelled';
export const PROGRAM_STATUSES: ProgramStatus[] = ['proposed', 'active', 'paused', 'completed', 'cancelled'];
export type MilestoneStatus = 'planned' | 'on_track' | 'at_risk' | 'done' | 'missed';
export const MILESTONE_STATUSES: MilestoneStatus[] = ['planned', 'on_track', 'at_risk', 'done', 'missed'];
export interface Milestone {
  id?: string;
  title: string;
  dueOn: string;
  status: MilestoneStatus;
  completedOn: string | null;
}
export interface Risk {
  id?: string;
  title: string;
  likelihood: number;
  impact: number;
  score?: number;
  owner: string;
  mitigation: string;
  status: 'open' | 'mitigated' | 'closed';
}
export interface Program {
  id: string;
  name: string;
  description: string;
  leadNation: string;
  partnerNations: string[];
  status: ProgramStatus;
  startDate: string | null;
  dpasProgramSymbol: string | null;
  networkId: string | null;
  workingGroupId: string | null;
  version: number;
  milestones: Milestone[];
  risks: Risk[];
  nextMilestone: Milestone | null;
  openRisks: number;
  requests?: Array<{ id: string; reference: string; title: string; state: string; fromNation: string; toNation: string; urgency: string; requiredBy: string }>;
}
export interface ProgramInput {
  name: string;
  description: string;
  status: ProgramStatus;
  startDate: string | null;
  partnerNations: string[];
  dpasProgramSymbol: string | null;
  networkId: string | null;
  workingGroupId: string | null;
  milestones: Milestone[];
  risks: Risk[];
}

const strip = <T extends { id?: string }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);

export const partnershipApi = {
  listSubscribers: (f: { q?: string; status?: string; sector?: string; fsc?: string }) => request<{ items: Subscription[] }>('GET', `/code-of-conduct/subscribers${query(f)}`),
  getSubscriber: (id: string) => request<Subscription>('GET', `/code-of-conduct/subscribers/${encodeURIComponent(id)}`),
  createSubscriber: (body: NewSubscription) => request<Subscription>('POST', '/code-of-conduct/subscribers', { ...body, capabilities: strip(body.capabilities), contacts: strip(body.contacts) }),
  updateSubscriber: (id: string, body: { version: number; signedBy: { name: string; title: string }; notes: string; capabilities: Capability[]; contacts: Contact[] }) =>
    request<Subscription>('PUT', `/code-of-conduct/subscribers/${encodeURIComponent(id)}`, { ...body, capabilities: strip(body.capabilities), contacts: strip(body.contacts) }),
  changeSubscriberStatus: (id: string, body: { version: number; status: SubscriptionStatus; effectiveOn: string; reason: string }) => request<Subscription>('POST', `/code-of-conduct/subscribers/${encodeURIComponent(id)}/status`, body),
  candidateSubscribers: (requestId: string) => request<{ items: CandidateSubscriber[]; unavailable?: UnavailableSubscriber[] }>('GET', `/requests/${encodeURIComponent(requestId)}/candidate-subscribers`),

  listPostings: (f: { q?: string; status?: string; role?: string; endingWithinDays?: number }) => request<{ today: string; items: Posting[] }>('GET', `/liaison-officers${query(f)}`),
  createPosting: (body: PostingInput) => request<Posting>('POST', '/liaison-officers', { ...body, documents: strip(body.documents) }),
  updatePosting: (id: string, body: PostingInput & { version: number }) => request<Posting>('PUT', `/liaison-officers/${encodeURIComponent(id)}`, { ...body, documents: strip(body.documents) }),

  listPrograms: (f: { q?: string; status?: string; partner?: string }) => request<{ items: Program[] }>('GET', `/programs${query(f)}`),
  getProgram: (id: string) => request<Program>('GET', `/programs/${encodeURIComponent(id)}`),
  createProgram: (body: ProgramInput & { id: string }) => request<Program>('POST', '/programs', { ...body, milestones: strip(body.milestones), risks: strip(body.risks).map(({ score: _s, ...r }) => r) }),
  updateProgram: (id: string, body: ProgramInput & { version: number }) =>
    request<Program>('PUT', `/programs/${encodeURIComponent(id)}`, { ...body, milestones: strip(body.milestones), risks: strip(body.risks).map(({ score: _s, ...r }) => r) }),
};
