// Networks shared by the disruption tests.
import type { SupplyNetwork } from '../network/network-model.js';

/**
 * End item E (5/day, value 1,000, capacity 8/day, no stock, TTR 5) needs one A and one B.
 *   A: sole source SA, capacity 10/day, inventory 10 days of its planned flow (5/day) = 50 units, TTR 20.
 *   B: SB1 (capacity 3/day, TTR 20) or SB2 (capacity 6/day, TTR 10), no stock.
 */
export const HAND_NETWORK: SupplyNetwork = {
  name: 'hand',
  nodes: [
    { id: 'SA', kind: 'site', part: 'A', country: 'DE', capacityPerDay: 10, inventory: { unit: 'days', amount: 10 }, ttrDays: 20 },
    { id: 'SB1', kind: 'site', part: 'B', country: 'CN', capacityPerDay: 3, ttrDays: 20 },
    { id: 'SB2', kind: 'site', part: 'B', country: 'US', capacityPerDay: 6, ttrDays: 10 },
    { id: 'E', kind: 'endItem', country: 'US', capacityPerDay: 8, demandPerDay: 5, unitCost: 1000, ttrDays: 5, programs: ['Jet'] },
  ],
  edges: [
    { from: 'SA', to: 'E', quantity: 1 },
    { from: 'SB1', to: 'E', quantity: 1, route: 'malacca' },
    { from: 'SB2', to: 'E', quantity: 1 },
  ],
};


/**
 * For §6: end item E (5/day, value 50,000, 10 days of stock, TTR 5) needs A and B.
 *   A: sole source SA (DE, capacity 10/day, 10 days of stock, TTR 200, unit cost 20,000);
 *      SA2 (FR) also makes A but is not qualified for E (no edge).
 *   B: sole source SB (US, capacity 6/day, 15 days of stock, TTR 10): rides out its TTR.
 */
export const MITIGATION_NETWORK: SupplyNetwork = {
  name: 'mitigation',
  nodes: [
    { id: 'SA', kind: 'site', part: 'A', country: 'DE', capacityPerDay: 10, inventory: { unit: 'days', amount: 10 }, ttrDays: 200, unitCost: 20_000 },
    { id: 'SA2', kind: 'site', part: 'A', country: 'FR', capacityPerDay: 10, ttrDays: 30, unitCost: 20_000 },
    { id: 'SB', kind: 'site', part: 'B', country: 'US', capacityPerDay: 6, inventory: { unit: 'days', amount: 15 }, ttrDays: 10, unitCost: 500 },
    { id: 'E', kind: 'endItem', country: 'US', capacityPerDay: 8, demandPerDay: 5, inventory: { unit: 'days', amount: 10 }, unitCost: 50_000, ttrDays: 5 },
  ],
  edges: [
    { from: 'SA', to: 'E', quantity: 1 },
    { from: 'SB', to: 'E', quantity: 1 },
  ],
};
