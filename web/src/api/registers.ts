// API calls and types of the partnership registers: Code of Conduct registry, liaison officer
// postings, co-production programs.
import { call, client, query } from './client.js';
import type { Answer, Body, Query, Schema } from './contract.js';

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

/** A row of a form: the answer's row, whose id is kept on edit and dropped when sent. */
type FormRow<R extends { id: string }> = Omit<R, 'id'> & { id?: string };

export type Subscription = Schema<'CodeOfConductSubscription'>;
export type SubscriptionStatus = Subscription['status'];
export type Capability = FormRow<Subscription['capabilities'][number]>;
/** The form holds a capability's sector as the answer gives it (text); the server checks it against its list. */
type CapabilitiesBody = NonNullable<Body<'postCodeOfConductSubscribers'>['capabilities']>;
export type Contact = FormRow<Subscription['contacts'][number]>;
export type NewSubscription = Omit<Body<'postCodeOfConductSubscribers'>, 'capabilities' | 'contacts'> & { capabilities: Capability[]; contacts: Contact[] };
type Candidates = Answer<'getRequestsByIdCandidateSubscribers'>;
export type CandidateSubscriber = Candidates['items'][number];
/** A subscriber that may not be routed requests now (lapsed or withdrawn), shown apart in the routing dialog. */
export type UnavailableSubscriber = NonNullable<Candidates['unavailable']>[number];

export type Posting = Schema<'LiaisonPosting'>;
export type PostingStatus = Posting['status'];
export type LiaisonDocument = FormRow<Posting['documents'][number]>;
export type PostingInput = Required<Omit<Body<'postLiaisonOfficers'>, 'documents' | 'hostPoc'>> & { hostPoc: Posting['hostPoc']; documents: LiaisonDocument[] };

export const PROGRAM_STATUSES: ProgramStatus[] = ['proposed', 'active', 'paused', 'completed', 'cancelled'];
export const MILESTONE_STATUSES: MilestoneStatus[] = ['planned', 'on_track', 'at_risk', 'done', 'missed'];
export type Program = Schema<'Program'>;
export type ProgramStatus = Program['status'];
export type Milestone = FormRow<Program['milestones'][number]>;
export type MilestoneStatus = Milestone['status'];
/** A risk row of the form: its score is the server's (likelihood × impact), never sent. */
export type Risk = Omit<FormRow<Program['risks'][number]>, 'score'> & { score?: number };
export type ProgramInput = Required<Omit<Body<'putProgramsById'>, 'milestones' | 'risks' | 'version'>> & { milestones: Milestone[]; risks: Risk[] };

const strip = <T extends { id?: string }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);

const path = (id: string) => ({ params: { path: { id } } });

export const partnershipApi = {
  listSubscribers: (f: { q?: string; status?: string; sector?: string; fsc?: string }) =>
    call(client.GET('/code-of-conduct/subscribers', { params: { query: query(f) as Query<'getCodeOfConductSubscribers'> } })),
  getSubscriber: (id: string) => call(client.GET('/code-of-conduct/subscribers/{id}', path(id))),
  createSubscriber: (body: NewSubscription) =>
    call(client.POST('/code-of-conduct/subscribers', { body: { ...body, capabilities: strip(body.capabilities) as CapabilitiesBody, contacts: strip(body.contacts) } })),
  updateSubscriber: (id: string, body: Omit<Body<'putCodeOfConductSubscribersById'>, 'capabilities' | 'contacts'> & { capabilities: Capability[]; contacts: Contact[] }) =>
    call(client.PUT('/code-of-conduct/subscribers/{id}', { ...path(id), body: { ...body, capabilities: strip(body.capabilities) as CapabilitiesBody, contacts: strip(body.contacts) } })),
  changeSubscriberStatus: (id: string, body: Body<'postCodeOfConductSubscribersByIdStatus'>) => call(client.POST('/code-of-conduct/subscribers/{id}/status', { ...path(id), body })),
  candidateSubscribers: (requestId: string) => call(client.GET('/requests/{id}/candidate-subscribers', path(requestId))),

  listPostings: (f: { q?: string; status?: string; role?: string; endingWithinDays?: number }) =>
    call(client.GET('/liaison-officers', { params: { query: query(f) as Query<'getLiaisonOfficers'> } })),
  createPosting: (body: PostingInput) => call(client.POST('/liaison-officers', { body: { ...body, documents: strip(body.documents) } })),
  updatePosting: (id: string, body: PostingInput & { version: number }) => call(client.PUT('/liaison-officers/{id}', { ...path(id), body: { ...body, documents: strip(body.documents) } })),

  listPrograms: (f: { q?: string; status?: string; partner?: string }) => call(client.GET('/programs', { params: { query: query(f) as Query<'getPrograms'> } })),
  getProgram: (id: string) => call(client.GET('/programs/{id}', path(id))),
  createProgram: (body: ProgramInput & { id: string }) =>
    call(client.POST('/programs', { body: { ...body, milestones: strip(body.milestones), risks: strip(body.risks).map(({ score: _s, ...r }) => r) } })),
  updateProgram: (id: string, body: ProgramInput & { version: number }) =>
    call(client.PUT('/programs/{id}', { ...path(id), body: { ...body, milestones: strip(body.milestones), risks: strip(body.risks).map(({ score: _s, ...r }) => r) } })),
};
