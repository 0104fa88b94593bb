import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkingCalendar, INDIA_CENTRAL_CALENDAR, US_FEDERAL_CALENDAR } from '../calendar/index.js';
import { computeActionItemDue, isActionItemOverdue } from './action-item-due.js';
import { checkClaimDecision, checkSettlement, computeBalances, isSettlementOverdue, settleBy, settlementStatusFor } from './logistics-ledger.js';
import { formatMinor, parseAmount } from './money.js';

const US = createWorkingCalendar(US_FEDERAL_CALENDAR);
const IN = createWorkingCalendar(INDIA_CENTRAL_CALENDAR);
// Monday 2026-11-23, 15:00 in New Delhi = 04:30 in Washington.
const MEETING = new Date('2026-11-23T09:30:00Z');

describe('action item due dates count the owner nation’s working days (dpas-sosa.md §10)', () => {
  it('skips Guru Nanak’s Birthday (24 Nov 2026) for an Indian owner and Thanksgiving (26 Nov) for a US owner', () => {
    assert.equal(computeActionItemDue(IN, { kind: 'working_days', workingDays: 1, meetingStartsAt: MEETING }).dueDate, '2026-11-25');
    assert.equal(computeActionItemDue(US, { kind: 'working_days', workingDays: 1, meetingStartsAt: MEETING }).dueDate, '2026-11-24');
    assert.equal(computeActionItemDue(IN, { kind: 'working_days', workingDays: 2, meetingStartsAt: MEETING }).dueDate, '2026-11-26');
    assert.equal(computeActionItemDue(US, { kind: 'working_days', workingDays: 3, meetingStartsAt: MEETING }).dueDate, '2026-11-27');
  });

  it('counts from the meeting’s local date in the owner’s zone: 04:30 UTC Monday is still Sunday in Washington', () => {
    const early = new Date('2026-11-23T04:30:00Z');
    assert.equal(computeActionItemDue(US, { kind: 'working_days', workingDays: 1, meetingStartsAt: early }).dueDate, '2026-11-23');
    assert.equal(computeActionItemDue(IN, { kind: 'working_days', workingDays: 1, meetingStartsAt: early }).dueDate, '2026-11-25');
  });

  it('is due at the end of the last day in the owner’s time zone, and records the calendar used', () => {
    const due = computeActionItemDue(IN, { kind: 'working_days', workingDays: 2, meetingStartsAt: MEETING });
    assert.equal(due.dueAt.toISOString(), '2026-11-26T18:29:59.999Z');
    assert.equal(due.basis.calendar, 'IN');
    assert.equal(due.basis.timeZone, 'Asia/Kolkata');
  });

  it('takes a date as given, due at its end in the owner’s zone, and warns when it is a holiday', () => {
    const due = computeActionItemDue(US, { kind: 'date', date: '2026-11-26' });
    assert.equal(due.dueAt.toISOString(), '2026-11-27T04:59:59.999Z');
    assert.match(String(due.basis.warning), /Thanksgiving/);
    assert.equal(computeActionItemDue(US, { kind: 'date', date: '2026-11-25' }).basis.warning, undefined);
    assert.throws(() => computeActionItemDue(US, { kind: 'date', date: '2026-02-30' }));
  });

  it('is overdue only while open and once its due instant has passed', () => {
    const dueAt = new Date('2026-11-26T18:29:59.999Z');
    assert.equal(isActionItemOverdue({ status: 'open', dueAt }, new Date('2026-11-26T18:29:59.998Z')), false);
    assert.equal(isActionItemOverdue({ status: 'open', dueAt }, new Date('2026-11-26T18:30:00Z')), true);
    assert.equal(isActionItemOverdue({ status: 'done', dueAt }, new Date('2027-01-01T00:00:00Z')), false);
    assert.equal(isActionItemOverdue({ status: 'cancelled', dueAt }, new Date('2027-01-01T00:00:00Z')), false);
  });
});

describe('money in minor units, never floats', () => {
  it('parses decimal strings exactly, by the currency’s decimals', () => {
    assert.deepEqual(parseAmount('0.10', 'USD'), { ok: true, minor: 10 });
    assert.deepEqual(parseAmount('1250000.5', 'INR'), { ok: true, minor: 125_000_050 });
    assert.deepEqual(parseAmount('12', 'JPY'), { ok: true, minor: 12 });
    assert.equal(parseAmount('1.5', 'JPY').ok, false);
    assert.equal(parseAmount('1.005', 'USD').ok, false);
    assert.equal(parseAmount('0.00', 'USD').ok, false);
    assert.equal(parseAmount('-5', 'USD').ok, false);
    assert.equal(parseAmount('1e3', 'USD').ok, false);
    assert.equal(parseAmount('99999999999999999', 'USD').ok, false);
    // 0.1 + 0.2 in floats is 0.30000000000000004; here the sum is exact.
    const a = parseAmount('0.1', 'USD'), b = parseAmount('0.2', 'USD');
    assert.ok(a.ok && b.ok);
    assert.equal(formatMinor(a.minor + b.minor, 'USD'), '0.30');
  });
  it('formats minor units', () => {
    assert.equal(formatMinor(5, 'USD'), '0.05');
    assert.equal(formatMinor(125_000_050, 'INR'), '1250000.50');
    assert.equal(formatMinor(7, 'JPY'), '7');
    assert.equal(formatMinor(-1234, 'KWD'), '-1.234');
  });
});

describe('LEMOA / ACSA settlement rules (10 USC 2344–2345)', () => {
  it('settles within 12 months after delivery by default, month-end clamped', () => {
    assert.equal(settleBy('2026-03-14', 12), '2027-03-14');
    assert.equal(settleBy('2024-02-29', 12), '2025-02-28');
    assert.equal(settleBy('2026-01-31', 1), '2026-02-28');
  });
  it('allows partial settlements up to the open amount and names the open amount beyond it', () => {
    const order = { amountMinor: 100_000, settledMinor: 40_000, currency: 'USD' };
    assert.deepEqual(checkSettlement(order, 25_000), { ok: true, openAfter: 35_000 });
    assert.deepEqual(checkSettlement(order, 60_000), { ok: true, openAfter: 0 });
    const over = checkSettlement(order, 60_001);
    assert.equal(over.ok, false);
    assert.ok(!over.ok && over.openMinor === 60_000 && /600\.00 USD/.test(over.message));
    assert.equal(checkSettlement({ ...order, settledMinor: 100_000 }, 1).ok, false);
  });
  it('is overdue only when open after the settle-by date', () => {
    const o = { amountMinor: 10, settledMinor: 5, settleBy: '2026-11-22' };
    assert.equal(isSettlementOverdue(o, '2026-11-22'), false, 'the settle-by day itself is allowed');
    assert.equal(isSettlementOverdue(o, '2026-11-23'), true);
    assert.equal(isSettlementOverdue({ ...o, settledMinor: 10 }, '2027-01-01'), false);
  });
  it('nets who owes whom per currency, never mixing currencies', () => {
    const o = (s: string, r: string, currency: string, amountMinor: number, settledMinor = 0) => ({ supplyingNation: s, receivingNation: r, currency, amountMinor, settledMinor, settleBy: '2027-01-01' });
    const { gross, net } = computeBalances([
      o('US', 'IN', 'USD', 500_000), // India received fuel: owes the US 5,000
      o('US', 'IN', 'USD', 100_000, 100_000), // settled: nothing
      o('IN', 'US', 'USD', 200_000, 50_000), // the US received berthing: owes India 1,500
      o('IN', 'US', 'INR', 9_000_000), // in rupees: a separate balance
    ]);
    assert.deepEqual(gross, [
      { owedBy: 'US', owedTo: 'IN', currency: 'INR', openMinor: 9_000_000, claimedMinor: 0, orders: 1 },
      { owedBy: 'IN', owedTo: 'US', currency: 'USD', openMinor: 500_000, claimedMinor: 0, orders: 1 },
      { owedBy: 'US', owedTo: 'IN', currency: 'USD', openMinor: 150_000, claimedMinor: 0, orders: 1 },
    ]);
    assert.deepEqual(net, [
      { owedBy: 'US', owedTo: 'IN', currency: 'INR', netMinor: 9_000_000 },
      { owedBy: 'IN', owedTo: 'US', currency: 'USD', netMinor: 350_000 },
    ]);
    assert.deepEqual(computeBalances([o('US', 'IN', 'USD', 100), o('IN', 'US', 'USD', 100)]).net, [], 'equal both ways: nobody owes');
  });

  it('two-sided: the debtor’s settlement is a claim, the creditor’s is confirmed; balances keep claims apart', () => {
    const order = { supplyingNation: 'US', receivingNation: 'IN' };
    assert.equal(settlementStatusFor(order, 'IN'), 'claimed', 'India received the fuel: its payment is a claim');
    assert.equal(settlementStatusFor(order, 'US'), 'confirmed', 'the US acknowledges what it received');
    const claimed = { status: 'claimed' as const };
    assert.deepEqual(checkClaimDecision(order, claimed, 'US', 'confirm', undefined), { ok: true, to: 'confirmed' });
    assert.deepEqual(checkClaimDecision(order, claimed, 'US', 'dispute', 'no payment received'), { ok: true, to: 'disputed' });
    assert.equal(checkClaimDecision(order, claimed, 'IN', 'confirm', undefined).ok, false, 'the debtor never confirms its own claim');
    assert.equal(checkClaimDecision(order, claimed, 'US', 'dispute', ' ').ok, false, 'a dispute says why');
    assert.equal(checkClaimDecision(order, { status: 'confirmed' }, 'US', 'confirm', undefined).ok, false, 'decided once');
    // A claim does not lower what is open, but nothing more can be settled on top of it.
    const withClaim = { amountMinor: 100_000, settledMinor: 40_000, claimedMinor: 50_000, currency: 'USD' };
    assert.deepEqual(checkSettlement(withClaim, 10_000), { ok: true, openAfter: 0 });
    const over = checkSettlement(withClaim, 10_001);
    assert.ok(!over.ok && over.openMinor === 10_000 && /500\.00 USD more is claimed/.test(over.message));
    const { gross, net } = computeBalances([{ supplyingNation: 'US', receivingNation: 'IN', currency: 'USD', amountMinor: 100_000, settledMinor: 40_000, claimedMinor: 50_000, settleBy: '2027-01-01' }]);
    assert.deepEqual(gross, [{ owedBy: 'IN', owedTo: 'US', currency: 'USD', openMinor: 60_000, claimedMinor: 50_000, orders: 1 }]);
    assert.deepEqual(net, [{ owedBy: 'IN', owedTo: 'US', currency: 'USD', netMinor: 60_000 }], 'net on confirmed settlements');
  });
});
