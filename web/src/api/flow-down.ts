// Flow-down of ratings to sub-orders (15 CFR 700.15, 700.17): API calls and their types. The routes
// declare no answer yet (src/http/contract-pending.ts): the answers' types are hand-written until they do.
import { callPending, client } from './client.js';
import type { Body } from './contract.js';

export const SUB_ORDER_PURPOSES = ['incorporated', 'packaging', 'services', 'mro', 'inventory_replacement'] as const;
export type SubOrderPurpose = (typeof SUB_ORDER_PURPOSES)[number];

export const PURPOSE_LABEL: Record<SubOrderPurpose, string> = {
  incorporated: 'Items incorporated into the rated item',
  packaging: 'Containers and packaging',
  services: 'Services (not employment)',
  mro: 'Maintenance, repair and operating supplies (MRO)',
  inventory_replacement: 'Replacement of inventory used for the order',
};

export type FlowDownStatus = 'awaiting_decision' | 'accepted' | 'rejected' | 'cancelled' | 'external';

export const STATUS_LABEL: Record<FlowDownStatus, string> = {
  awaiting_decision: 'Awaiting decision',
  accepted: 'Accepted',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  external: 'External supplier',
};

export interface FlowDownOrder {
  id: string;
  timeZone: string;
  orderNumber: string;
  company: { id: string; name: string };
  customer: string;
  rating: string | null;
  quantity: number;
  requiredDeliveryDate: string;
  receivedAt: string;
  status: FlowDownStatus;
  acceptanceDueAt: string | null;
  overdue: boolean;
  subOrders: FlowDownSubOrder[] | null;
}

export interface FlowDownSubOrder {
  id: string;
  orderNumber: string;
  purpose: SubOrderPurpose;
  rating: string;
  ratingBasis: string;
  supplier: { organisationId: string | null; name: string; external: boolean };
  quantity: number;
  description: string;
  requiredDeliveryDate: string;
  inventoryUsedOn: string | null;
  placedAt: string;
  acceptanceDueAt: string | null;
  acceptanceRule: string;
  status: FlowDownStatus;
  overdue: boolean;
  order: FlowDownOrder | null;
}

export type NewSubOrder = Body<'postRatedOrdersByIdSubOrders'>;

export interface PlacedSubOrder {
  id: string;
  orderNumber: string;
  rating: string;
  ratingBasis: string;
  acceptanceDueAt: string | null;
  acceptanceRule: string;
  acceptanceTimeZone: string | null;
  warnings: string[];
}

export interface ReceivedSubOrder {
  id: string;
  orderNumber: string;
  customer: string;
  rating: string | null;
  quantity: number;
  requiredDeliveryDate: string;
  receivedAt: string;
  acceptanceDueAt: string | null;
  status: FlowDownStatus;
  overdue: boolean;
}

export interface SubOrderLists {
  timeZone: string;
  received: ReceivedSubOrder[];
  placed: Array<{ id: string; parentOrderId: string; orderNumber: string; supplier: string; external: boolean; purpose: SubOrderPurpose; rating: string; status: FlowDownStatus }>;
  suppliers: Array<{ id: string; name: string; shortName: string }>;
}

export const flowDownApi = {
  placeSubOrder: (id: string, body: NewSubOrder) => callPending<PlacedSubOrder>(client.POST('/rated-orders/{id}/sub-orders', { params: { path: { id } }, body })),
  flowDown: (id: string) => callPending<FlowDownOrder>(client.GET('/rated-orders/{id}/flow-down', { params: { path: { id } } })),
  subOrders: () => callPending<SubOrderLists>(client.GET('/sub-orders')),
};

/**
 * The rating a sub-order will carry, as the server derives it (shown read-only in the dialog;
 * the server's answer is what counts): 700.15 same rating, 700.17(a)(4) MRO → H7 with the
 * customer's level, 700.17(b) inventory replacement → DO with the customer's program symbol.
 */
export function previewSubOrderRating(parent: string | null, purpose: SubOrderPurpose): string | null {
  const m = parent ? /^(D[OX])-([A-Z][0-9])$/.exec(parent) : null;
  if (!m) return null;
  if (purpose === 'mro') return `${m[1]}-H7`;
  if (purpose === 'inventory_replacement') return `DO-${m[2]}`;
  return parent;
}
