// The supplier's order desk per order: 700.12 status, 700.13 decision and clock, 700.16 changes.
import { query, request } from './client.js';
import type { OrderDelay, OrderPriority } from './types.js';

export type DeskStatus = 'awaiting_decision' | 'not_yet_rated' | 'accepted' | 'delay_reported' | 'delivered' | 'closed' | 'rejected' | 'cancelled' | 'unrated';

/** The words for a rejection ground, as the desk and the request page show them. */
export function rejectionGroundLabel(ground: string | null | undefined): string | null {
  if (!ground) return null;
  return REJECTION_GROUNDS.find((g) => g.value === ground)?.label ?? null;
}

export const REJECTION_GROUNDS = [
  { value: 'cannot_meet_date', label: 'Cannot meet the required date (700.13(b)(1))', needsDate: true },
  { value: 'interferes_with_accepted_rated_orders', label: 'Would interfere with accepted rated orders (700.13(b)(2)-(3))', needsDate: true },
  { value: 'terms_of_sale_not_met', label: 'Customer will not meet regular terms of sale or payment (700.13(c))', needsDate: false },
  { value: 'item_not_supplied', label: 'Item not supplied / service not performed by us', needsDate: false },
  { value: 'own_use_only', label: 'Item made only for our own use', needsDate: false },
  { value: 'customer_makes_item', label: 'The customer makes the item itself', needsDate: false },
  { value: 'violates_commerce_order', label: 'Would violate another Commerce regulation or order', needsDate: false },
] as const;
export type RejectionGround = (typeof REJECTION_GROUNDS)[number]['value'];

export interface DeskAcceptance {
  dueAt: string;
  dueDate: string;
  workingDays: number | null;
  hours: number | null;
  rule: string;
  policy: string;
  calendar: { nation: string; timeZone: string };
  ratedAsOf: string;
  workingDaysLeft: number | null;
  hoursLeft: number | null;
  overdue: boolean;
  urgent: boolean;
}

export interface DeskDecision {
  decision: 'accepted' | 'rejected';
  decidedAt: string;
  decidedBy: string | null;
  reasons: string | null;
  rejectionGround: string | null;
  offeredDeliveryDate: string | null;
  late: boolean;
}

export interface DeskOrder {
  id: string;
  orderNumber: string;
  customer: string;
  rating: string | null;
  priority: OrderPriority;
  resource: { id: string; name: string } | null;
  quantity: number;
  requiredDeliveryDate: string;
  receivedDate: string;
  accepted: boolean;
  requestId: string | null;
  projectedCompletionDate: string | null;
  daysLate: number;
  delay: OrderDelay | null;
  status: DeskStatus;
  ratedStatus: 'rated' | 'not_yet_rated' | 'unrated';
  missingElements: Array<{ field: string; message: string }>;
  acceptance: DeskAcceptance | null;
  decision: DeskDecision | null;
  destination: string | null;
  signedBy: string | null;
  certified: boolean | null;
  emergency: { basis: string; hours: number | null } | null;
  cancelledAt: string | null;
  promisedDeliveryDate: string | null;
  delayReportedAt: string | null;
  deliveredOn: string | null;
  closedAt: string | null;
  keepUntil: string | null;
  /** Set when the schedule cannot plan the order (stored out of range): flagged, the rest of the book reads. */
  unschedulable: { reason: 'out_of_range'; message: string } | null;
  actions: Array<'accept' | 'reject' | 'change' | 'cancel' | 'plan'>;
}

export interface OrderHistoryEntry {
  id: string;
  at: string;
  actor: { username: string; displayName: string } | null;
  kind: 'received' | 'decision' | 'change' | 'cancel' | 'plan' | 'delay' | 'delivered' | 'closed';
  changeKind: string | null;
  newRatedOrder: boolean;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reasons: string | null;
  rule: string | null;
}

export type DeskOrderDetail = DeskOrder & { history: OrderHistoryEntry[] };

export type OrderChangeBody =
  | { kind: 'destination'; destination: string; reasons?: string }
  | { kind: 'quantity'; quantity: number; negligibleDeliveryImpact?: boolean; reasons?: string }
  | { kind: 'delivery_date'; requiredDeliveryDate: string; reasons?: string }
  | { kind: 'rating'; rating: string | null; reasons?: string }
  | { kind: 'cancel'; reasons?: string };

export const orderDeskApi = {
  list: (f: { priority?: OrderPriority | ''; late?: boolean }) =>
    request<{ items: DeskOrder[] }>('GET', `/rated-orders${query({ priority: f.priority, late: f.late ? 'true' : undefined })}`),
  get: (id: string) => request<DeskOrderDetail>('GET', `/rated-orders/${encodeURIComponent(id)}`),
  decide: (id: string, body: { decision: 'accept' | 'reject'; reasons?: string; offeredDeliveryDate?: string; rejectionGround?: RejectionGround; promisedDeliveryDate?: string }) =>
    request<DeskOrderDetail>('POST', `/rated-orders/${encodeURIComponent(id)}/decision`, body),
  change: (id: string, body: OrderChangeBody) =>
    request<{ change: { newRatedOrder: boolean; rule: string; explanation: string }; order: DeskOrderDetail }>('POST', `/rated-orders/${encodeURIComponent(id)}/changes`, body),
  plan: (id: string, resourceId: string | null) => request<DeskOrderDetail>('POST', `/rated-orders/${encodeURIComponent(id)}/line`, { resourceId }),
};

/** The rated order a SOSA request placed, as the supplier's book holds it (on the request view). */
export interface LinkedRatedOrder {
  orderNumber: string;
  supplier: { id: string; name: string };
  status: DeskStatus;
  rating: string | null;
  requiredDeliveryDate: string;
  acceptance: { dueAt: string; dueDate: string; workingDays: number | null; hours: number | null; rule: string; calendar: { nation: string; timeZone: string }; workingDaysLeft: number | null; overdue: boolean } | null;
  decision: { decision: string; decidedAt: string; late: boolean; offeredDeliveryDate: string | null } | null;
  promisedDeliveryDate: string | null;
  delayReportedAt: string | null;
  deliveredOn: string | null;
  closedAt: string | null;
  projectedCompletionDate: string | null;
  daysLate: number | null;
}
