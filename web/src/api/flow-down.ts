// Flow-down of ratings to sub-orders (15 CFR 700.15, 700.17): API calls and their types, the
// contract's (./contract.ts).
import { call, client } from './client.js';
import type { Body, Schema } from './contract.js';

export type SubOrderPurpose = Schema<'PlacedSubOrder'>['purpose'];
export const SUB_ORDER_PURPOSES: readonly SubOrderPurpose[] = ['incorporated', 'packaging', 'services', 'mro', 'inventory_replacement'];

export const PURPOSE_LABEL: Record<SubOrderPurpose, string> = {
  incorporated: 'Items incorporated into the rated item',
  packaging: 'Containers and packaging',
  services: 'Services (not employment)',
  mro: 'Maintenance, repair and operating supplies (MRO)',
  inventory_replacement: 'Replacement of inventory used for the order',
};

export type FlowDownStatus = Schema<'FlowDownOrder'>['status'];

export const STATUS_LABEL: Record<FlowDownStatus, string> = {
  awaiting_decision: 'Awaiting decision',
  accepted: 'Accepted',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  external: 'External supplier',
};

export type FlowDownOrder = Schema<'FlowDownOrder'>;
export type FlowDownSubOrder = Schema<'FlowDownSubOrder'>;
export type NewSubOrder = Body<'postRatedOrdersByIdSubOrders'>;
export type PlacedSubOrder = Schema<'PlacedSubOrder'>;
export type SubOrderLists = Schema<'SubOrderList'>;
export type ReceivedSubOrder = SubOrderLists['received'][number];

export const flowDownApi = {
  placeSubOrder: (id: string, body: NewSubOrder) => call(client.POST('/rated-orders/{id}/sub-orders', { params: { path: { id } }, body })),
  flowDown: (id: string) => call(client.GET('/rated-orders/{id}/flow-down', { params: { path: { id } } })),
  subOrders: () => call(client.GET('/sub-orders')),
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
