/** The US–India demo's canonical request: 40 F414 turbine blades for the LCA Mk2 engine line. */
export const F414_BLADES = {
  toNation: 'US',
  title: 'F414 engine turbine blades for LCA Mk2 engine line',
  programId: 'IN-LCA-MK2-ENGINE',
  justification: 'Blades for the first production lot of F414-INS6 engines; the supplier quotes a 9-month lead time.',
  urgency: 'routine',
  classification: 'UNCLASSIFIED',
  requiredBy: '2027-03-31',
  items: [{ partNumber: 'F414-HPT-BLADE-1', nsn: '2840-01-234-5678', description: 'High-pressure turbine blade, stage 1', quantity: 40, unit: 'EA', requiredDeliveryDate: '2027-03-31' }],
} as const;

/**
 * A Special Priorities Assistance request (15 CFR 700.50) of Lynn Turbine about a rated order for
 * castings from Ohio; `order` changes the order's fields and `over` the request's.
 */
export function spaRequestBody(order: Record<string, unknown> = {}, over: Record<string, unknown> = {}) {
  return {
    requester: { name: 'Tom Kowalski', email: 'tom@lynn.example' },
    supplier: { name: 'Ohio Precision Castings LLC' },
    orders: [{ orderNumber: 'X-9', rating: 'DO-A3', items: 'Castings', quantity: 4, requiredDeliveryDate: '2027-03-01', ...order }],
    program: 'DDG-51 propulsion',
    problem: 'Castings late.',
    attemptsMade: 'Two written requests.',
    actionRequested: 'Direct delivery by 2027-01-15.',
    ...over,
  };
}
