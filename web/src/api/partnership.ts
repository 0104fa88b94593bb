// API calls and types of the partnership desk: points of contact, working groups, logistics ledger.
import { call, client, query } from './client.js';
import type { Answer, Body, Query, Schema } from './contract.js';

export { CONTACT_FUNCTIONS, CONTACT_FUNCTION_WORDS as CONTACT_FUNCTION_LABEL, type ContactFunction } from '../../../src/contract/words.js';

export type Contact = Schema<'PointOfContact'>;
export type ContactInput = Body<'postPointsOfContact'>;

export type WorkingGroupSummary = Answer<'getWorkingGroups'>['items'][number];
export type WorkingGroupDetail = Schema<'WorkingGroup'>;
export type Member = WorkingGroupDetail['members'][number];
export type Meeting = WorkingGroupDetail['meetings'][number];
export type ActionItem = Schema<'ActionItem'>;
export type ItemStatus = ActionItem['status'];
/** How an action item's due date was counted (the rule, the calendar); the contract leaves it open. */
export const basisOf = (item: ActionItem): Record<string, unknown> => (item.dueBasis && typeof item.dueBasis === 'object' ? (item.dueBasis as Record<string, unknown>) : {});
export type MemberInput = Body<'postWorkingGroupsByIdMembers'>['members'][number];

export const SUPPORT_CLASSES = ['fuel', 'rations', 'berthing', 'spare_parts', 'transportation', 'services'] as const;
export type SupportClass = (typeof SUPPORT_CLASSES)[number];
export const SETTLEMENT_METHODS = ['cash', 'replacement_in_kind', 'equal_value_exchange'] as const;
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];
export const METHOD_LABEL: Record<SettlementMethod, string> = { cash: 'Cash (reimbursement)', replacement_in_kind: 'Replacement in kind', equal_value_exchange: 'Equal value exchange' };

export type LogisticsOrder = Schema<'LogisticsOrder'>;
/** An order of the ledger list, with what the reader may do on it here (a copy's settlement is a claim sent to its keeper). */
export type LedgerOrder = Schema<'LogisticsOrderListItem'>;
export type ClaimSent = NonNullable<LedgerOrder['claimSent']>;
export type LogisticsOrderDetail = Schema<'LogisticsOrderDetail'>;
export type Settlement = LogisticsOrderDetail['settlements'][number];
export type SettlementStatus = Settlement['status'];
export type Balances = Answer<'getLogisticsBalances'>;
export type Claim = Balances['claims'][number];
export type NewLogisticsOrder = Body<'postLogisticsOrders'>;

const path = (id: string) => ({ params: { path: { id } } });

export const partnershipApi = {
  listContacts: (f: { q?: string; nation?: string; function?: string; includeInactive?: boolean }) =>
    call(client.GET('/points-of-contact', { params: { query: query({ ...f, includeInactive: f.includeInactive ? ('true' as const) : undefined }) as Query<'getPointsOfContact'> } })),
  createContact: (input: ContactInput) => call(client.POST('/points-of-contact', { body: input })),
  updateContact: (id: string, patch: Body<'patchPointsOfContactById'>) => call(client.PATCH('/points-of-contact/{id}', { ...path(id), body: patch })),

  listGroups: (f: { q?: string; status?: string; overdue?: boolean }) =>
    call(client.GET('/working-groups', { params: { query: query({ ...f, overdue: f.overdue ? ('true' as const) : undefined }) as Query<'getWorkingGroups'> } })),
  getGroup: (id: string) => call(client.GET('/working-groups/{id}', path(id))),
  createGroup: (input: Body<'postWorkingGroups'>) => call(client.POST('/working-groups', { body: input })),
  addMembers: (id: string, members: MemberInput[]) => call(client.POST('/working-groups/{id}/members', { ...path(id), body: { members } })),
  createMeeting: (id: string, input: Body<'postWorkingGroupsByIdMeetings'>) => call(client.POST('/working-groups/{id}/meetings', { ...path(id), body: input })),
  updateMeeting: (id: string, meetingId: string, input: Body<'patchWorkingGroupsByIdMeetingsByMeetingId'>) =>
    call(client.PATCH('/working-groups/{id}/meetings/{meetingId}', { params: { path: { id, meetingId } }, body: input })),
  createActionItem: (id: string, input: Body<'postWorkingGroupsByIdActionItems'>) => call(client.POST('/working-groups/{id}/action-items', { ...path(id), body: input })),
  setActionItemStatus: (id: string, itemId: string, status: ItemStatus) =>
    call(client.PATCH('/working-groups/{id}/action-items/{itemId}', { params: { path: { id, itemId } }, body: { status } })),

  listOrders: (f: { q?: string; status?: string; supportClass?: string; nation?: string }) =>
    call(client.GET('/logistics/orders', { params: { query: query(f) as Query<'getLogisticsOrders'> } })),
  getOrder: (id: string) => call(client.GET('/logistics/orders/{id}', path(id))),
  createOrder: (input: NewLogisticsOrder) => call(client.POST('/logistics/orders', { body: input })),
  settle: (id: string, input: Body<'postLogisticsOrdersByIdSettlements'>) => call(client.POST('/logistics/orders/{id}/settlements', { ...path(id), body: input })),
  decideClaim: (id: string, settlementId: string, input: Body<'postLogisticsOrdersByIdSettlementsBySettlementIdDecision'>) =>
    call(client.POST('/logistics/orders/{id}/settlements/{settlementId}/decision', { params: { path: { id, settlementId } }, body: input })),
  balances: () => call(client.GET('/logistics/balances')),
};
