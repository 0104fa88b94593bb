// The supplier's order desk per order: 700.12 status, 700.13 decision and clock, 700.16 changes.
import { call, client, query } from './client.js';
import type { Body, Schema } from './contract.js';
import type { OrderPriority, RequestDetail } from './types.js';

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

export type DeskOrder = Schema<'DeskOrder'>;
export type DeskStatus = DeskOrder['status'];
export type DeskAcceptance = NonNullable<DeskOrder['acceptance']>;
export type DeskDecision = NonNullable<DeskOrder['decision']>;
export type DeskOrderDetail = Schema<'DeskOrderDetail'>;
export type OrderHistoryEntry = DeskOrderDetail['history'][number];
export type OrderChangeBody = Body<'postRatedOrdersByIdChanges'>;
export type DecisionBody = Body<'postRatedOrdersByIdDecision'>;

export const orderDeskApi = {
  list: (f: { priority?: OrderPriority | ''; late?: boolean }) =>
    call(client.GET('/rated-orders', { params: { query: query({ priority: f.priority || undefined, late: f.late ? ('true' as const) : undefined }) } })),
  get: (id: string) => call(client.GET('/rated-orders/{id}', { params: { path: { id } } })),
  decide: (id: string, body: DecisionBody) => call(client.POST('/rated-orders/{id}/decision', { params: { path: { id } }, body })),
  change: (id: string, body: OrderChangeBody) => call(client.POST('/rated-orders/{id}/changes', { params: { path: { id } }, body })),
  plan: (id: string, resourceId: string | null) => call(client.POST('/rated-orders/{id}/line', { params: { path: { id } }, body: { resourceId } })),
};

/** The rated order a SOSA request placed, as the supplier's book holds it (on the request view). */
export type LinkedRatedOrder = NonNullable<RequestDetail['ratedOrder']>;
