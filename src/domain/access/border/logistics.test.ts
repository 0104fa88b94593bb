import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { borderLogisticsOrder, isLogisticsParty, logisticsKeeper, logisticsOrderProblem, type LogisticsOrderFacts, type LogisticsSettlementFacts } from './logistics.js';

// The logistics ledger across the border (issue #13; 10 USC 2344(a)): both nations of an order
// read all of it, the supplying nation (the creditor) keeps it, and a copy whose totals are not
// its settlements' is refused whole.
const at = new Date(Date.UTC(2026, 10, 20, 9));
const order: LogisticsOrderFacts = { id: 'o1', reference: 'LSO-USIN-00001', arrangement_id: 'US-IN', supplying_nation: 'US', receiving_nation: 'IN', support_class: 'fuel', description: 'F-76', occasion: '', delivered_on: '2026-10-14', currency: 'USD', amount_minor: 1000, settled_minor: 600, claimed_minor: 300, settlement_method: 'cash', settle_by: '2027-10-14', created_at: at };
const settlement = (id: string, amount: number, status: LogisticsSettlementFacts['status'], by: string): LogisticsSettlementFacts & { created_by: string; decided_by: string | null } => ({ id, settled_on: '2026-11-20', method: 'cash', amount_minor: amount, note: '', status, recorded_by_nation: by, created_at: at, decided_at: status === 'claimed' ? null : at, decision_note: '', created_by: 'user-1', decided_by: 'user-2' });
const settlements = [settlement('s1', 600, 'confirmed', 'US'), settlement('s2', 300, 'claimed', 'IN'), settlement('s3', 50, 'disputed', 'IN')];

describe('logistics orders across the border (issue #13)', () => {
  it('both nations of the order read it and no one else; the supplying nation keeps it', () => {
    assert.deepEqual(['US', 'IN', 'GB'].map((n) => isLogisticsParty(n, order)), [true, true, false]);
    assert.equal(logisticsKeeper(order), 'US');
  });

  it('crosses whole, with each settlement, but without the accounts that recorded or decided them', () => {
    const crossing = borderLogisticsOrder(order, settlements);
    assert.deepEqual(crossing.settlements.map((s) => [s.id, s.status, s.recordedByNation]), [['s1', 'confirmed', 'US'], ['s2', 'claimed', 'IN'], ['s3', 'disputed', 'IN']]);
    assert.ok(!JSON.stringify(crossing).includes('user-'), 'no user id crosses');
    assert.equal(logisticsOrderProblem(crossing), null);
  });

  it('a copy whose totals are not its settlements’, or with a claim the creditor made, is not what a keeper holds', () => {
    const crossing = borderLogisticsOrder(order, settlements);
    assert.match(logisticsOrderProblem({ ...crossing, settledMinor: 700 }) ?? '', /settled amount/);
    assert.match(logisticsOrderProblem({ ...crossing, claimedMinor: 0 }) ?? '', /claimed amount/);
    assert.match(logisticsOrderProblem({ ...crossing, amountMinor: 800 }) ?? '', /more is settled/);
    assert.match(logisticsOrderProblem({ ...crossing, settlements: crossing.settlements.map((s) => (s.id === 's2' ? { ...s, recordedByNation: 'US' } : s)) }) ?? '', /claimed by the supplying nation/);
    assert.match(logisticsOrderProblem({ ...crossing, settlements: [...crossing.settlements, crossing.settlements[2]!] }) ?? '', /twice/);
  });
});
