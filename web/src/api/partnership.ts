// API calls and types of the partnership desk: points of contact, working groups, logistics ledger.
import { query, request } from './client.js';

export const CONTACT_FUNCTIONS = ['sosa_lead', 'dpas_priorities', 'industrial_base', 'logistics', 'legal', 'other'] as const;
export type ContactFunction = (typeof CONTACT_FUNCTIONS)[number];
export const CONTACT_FUNCTION_LABEL: Record<ContactFunction, string> = {
  sosa_lead: 'SOSA lead',
  dpas_priorities: 'DPAS / priorities',
  industrial_base: 'Industrial base',
  logistics: 'Logistics',
  legal: 'Legal',
  other: 'Other',
};

export interface Contact {
  id: string;
  nation: string;
  function: ContactFunction;
  name: string;
  title: string;
  organisation: string;
  email: string | null;
  phone: string | null;
  notes: string;
  active: boolean;
  updatedAt: string;
}
export interface ContactInput {
  function: ContactFunction;
  name: string;
  title?: string;
  organisation: string;
  email?: string | null;
  phone?: string | null;
  notes?: string;
}

export interface WorkingGroupSummary {
  id: string;
  arrangementId: string;
  nations: string[];
  name: string;
  purpose: string;
  programId: string | null;
  status: 'active' | 'closed';
  chairs: string[];
  memberCount: number;
  openItems: number;
  overdueItems: number;
  nextMeeting: string | null;
  lastMeeting: string | null;
}
export interface Member {
  id: string;
  nation: string;
  userId: string | null;
  name: string;
  organisation: string;
  email: string | null;
  chair: boolean;
  external: boolean;
}
export interface Meeting {
  id: string;
  title: string;
  startsAt: string;
  timeZone: string;
  location: string;
  agenda: string;
  minutes: string;
  attendance: Array<{ memberId: string; name: string; present: boolean }>;
}
export type ItemStatus = 'open' | 'done' | 'cancelled';
export interface ActionItem {
  id: string;
  groupId: string;
  groupName?: string;
  meetingId: string | null;
  title: string;
  ownerMemberId: string;
  ownerName?: string;
  ownerNation: string;
  dueDate: string;
  dueAt: string;
  dueBasis: Record<string, unknown>;
  status: ItemStatus;
  overdue: boolean;
  escalatedAt: string | null;
  escalatedTo: string | null;
}
export interface WorkingGroupDetail extends Omit<WorkingGroupSummary, 'chairs' | 'memberCount' | 'openItems' | 'overdueItems' | 'nextMeeting' | 'lastMeeting'> {
  canEdit: boolean;
  youAreMember: boolean;
  members: Member[];
  meetings: Meeting[];
  actionItems: ActionItem[];
}
export interface MemberInput {
  userId?: string;
  name?: string;
  nation?: string;
  organisation?: string;
  email?: string;
  chair?: boolean;
}

export const SUPPORT_CLASSES = ['fuel', 'rations', 'berthing', 'spare_parts', 'transportation', 'services'] as const;
export type SupportClass = (typeof SUPPORT_CLASSES)[number];
export const SETTLEMENT_METHODS = ['cash', 'replacement_in_kind', 'equal_value_exchange'] as const;
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];
export const METHOD_LABEL: Record<SettlementMethod, string> = { cash: 'Cash (reimbursement)', replacement_in_kind: 'Replacement in kind', equal_value_exchange: 'Equal value exchange' };

export interface LogisticsOrder {
  id: string;
  reference: string;
  arrangementId: string;
  supplyingNation: string;
  receivingNation: string;
  supportClass: SupportClass;
  description: string;
  occasion: string;
  deliveredOn: string;
  currency: string;
  amountMinor: number;
  amount: string;
  /** Confirmed by the supplying nation. */
  settledMinor: number;
  settled: string;
  /** Recorded by the receiving nation, awaiting the supplying nation's confirmation (still open). */
  claimedMinor: number;
  claimed: string;
  /** Open on confirmed settlements. */
  openMinor: number;
  open: string;
  /** Neither confirmed nor claimed: the most a new settlement may be. */
  unclaimedMinor: number;
  unclaimed: string;
  settlementMethod: SettlementMethod;
  settleBy: string;
  status: 'open' | 'partly_settled' | 'settled';
  overdue: boolean;
}
export type SettlementStatus = 'claimed' | 'confirmed' | 'disputed';
export interface Settlement {
  id: string;
  settledOn: string;
  method: SettlementMethod;
  amountMinor: number;
  amount: string;
  note: string;
  status: SettlementStatus;
  recordedBy: string;
  decidedAt: string | null;
  decisionNote: string;
  canDecide: boolean;
}
export interface LogisticsOrderDetail extends LogisticsOrder {
  canSettle: boolean;
  settlements: Settlement[];
}
export interface Claim extends Settlement {
  orderId: string;
  reference: string;
  description: string;
  supplyingNation: string;
  receivingNation: string;
  currency: string;
}
export interface NewLogisticsOrder {
  supplyingNation: string;
  receivingNation: string;
  supportClass: SupportClass;
  description: string;
  occasion?: string;
  deliveredOn: string;
  currency: string;
  amount: string;
  settlementMethod: SettlementMethod;
}
export interface Balances {
  settlementMonths: number;
  /** Open on confirmed settlements; `claimed` of it awaits the creditor's confirmation. */
  gross: Array<{ owedBy: string; owedTo: string; currency: string; openMinor: number; claimedMinor: number; orders: number; amount: string; claimed: string }>;
  net: Array<{ owedBy: string; owedTo: string; currency: string; netMinor: number; amount: string }>;
  overdue: LogisticsOrder[];
  claims: Claim[];
}

export const partnershipApi = {
  listContacts: (f: { q?: string; nation?: string; function?: string; includeInactive?: boolean }) => request<{ items: Contact[] }>('GET', `/points-of-contact${query(f)}`),
  createContact: (input: ContactInput) => request<Contact>('POST', '/points-of-contact', input),
  updateContact: (id: string, patch: Partial<ContactInput> & { active?: boolean }) => request<Contact>('PATCH', `/points-of-contact/${encodeURIComponent(id)}`, patch),

  listGroups: (f: { q?: string; status?: string; overdue?: boolean }) => request<{ items: WorkingGroupSummary[] }>('GET', `/working-groups${query(f)}`),
  getGroup: (id: string) => request<WorkingGroupDetail>('GET', `/working-groups/${encodeURIComponent(id)}`),
  createGroup: (input: { arrangementId: string; name: string; purpose?: string; members: MemberInput[] }) => request<WorkingGroupDetail>('POST', '/working-groups', input),
  addMembers: (id: string, members: MemberInput[]) => request<WorkingGroupDetail>('POST', `/working-groups/${encodeURIComponent(id)}/members`, { members }),
  createMeeting: (id: string, input: { title: string; startsAt: string; timeZone: string; location?: string; agenda?: string }) => request<{ id: string }>('POST', `/working-groups/${encodeURIComponent(id)}/meetings`, input),
  updateMeeting: (id: string, meetingId: string, input: { agenda?: string; minutes?: string; attendance?: Array<{ memberId: string; present: boolean }> }) =>
    request<WorkingGroupDetail>('PATCH', `/working-groups/${encodeURIComponent(id)}/meetings/${encodeURIComponent(meetingId)}`, input),
  createActionItem: (id: string, input: { title: string; ownerMemberId?: string; meetingId?: string; dueInWorkingDays?: number; dueDate?: string }) => request<ActionItem>('POST', `/working-groups/${encodeURIComponent(id)}/action-items`, input),
  setActionItemStatus: (id: string, itemId: string, status: ItemStatus) => request<ActionItem>('PATCH', `/working-groups/${encodeURIComponent(id)}/action-items/${encodeURIComponent(itemId)}`, { status }),

  listOrders: (f: { q?: string; status?: string; supportClass?: string; nation?: string }) => request<{ items: LogisticsOrder[] }>('GET', `/logistics/orders${query(f)}`),
  getOrder: (id: string) => request<LogisticsOrderDetail>('GET', `/logistics/orders/${encodeURIComponent(id)}`),
  createOrder: (input: NewLogisticsOrder) => request<LogisticsOrder>('POST', '/logistics/orders', input),
  settle: (id: string, input: { amount: string; settledOn: string; method: SettlementMethod; note?: string }) => request<LogisticsOrderDetail>('POST', `/logistics/orders/${encodeURIComponent(id)}/settlements`, input),
  decideClaim: (id: string, settlementId: string, input: { decision: 'confirm' | 'dispute'; note?: string }) =>
    request<LogisticsOrderDetail>('POST', `/logistics/orders/${encodeURIComponent(id)}/settlements/${encodeURIComponent(settlementId)}/decision`, input),
  balances: () => request<Balances>('GET', '/logistics/balances'),
};
