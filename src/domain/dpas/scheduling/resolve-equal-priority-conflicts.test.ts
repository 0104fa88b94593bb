import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../errors.js';
import { resolveEqualPriorityConflicts } from './resolve-equal-priority-conflicts.js';

describe('precedence among equal-priority orders (15 CFR 700.14(c)(1))', () => {
  test('S8 — A (due 5, rec 3), B (due 4, rec 1), C (due 4, rec 2) → B, C, A', () => {
    const result = resolveEqualPriorityConflicts([
      { id: 'A', priority: 'DO', dueDay: 5, receivedDay: 3 },
      { id: 'B', priority: 'DO', dueDay: 4, receivedDay: 1 },
      { id: 'C', priority: 'DO', dueDay: 4, receivedDay: 2 },
    ]);
    assert.deepEqual(result.precedence, ['B', 'C', 'A']);
    assert.deepEqual(result.steps.map((s) => s.decidedBy), ['first', 'receipt-date', 'delivery-date']);
    assert.deepEqual(result.ties, []);
    assert.match(result.text, /700\.14\(c\)\(1\)/);
  });

  test('scenario 6 — delivery date, not receipt: B (due 4, received 3) before A (due 5, received 1)', () => {
    const result = resolveEqualPriorityConflicts([
      { id: 'A', priority: 'DX', dueDay: 5, receivedDay: 1 },
      { id: 'B', priority: 'DX', dueDay: 4, receivedDay: 3 },
    ]);
    assert.deepEqual(result.precedence, ['B', 'A']);
    assert.equal(result.priority, 'DX');
  });

  test('scenario 7 — same delivery date: earlier receipt first', () => {
    const result = resolveEqualPriorityConflicts([
      { id: 'LATER', priority: 'DO', dueDay: 9, receivedDay: 4 },
      { id: 'EARLIER', priority: 'DO', dueDay: 9, receivedDay: 2 },
    ]);
    assert.deepEqual(result.precedence, ['EARLIER', 'LATER']);
  });

  test('same delivery and receipt day: an unresolved tie, kept in input order and flagged for SPA', () => {
    const result = resolveEqualPriorityConflicts([
      { id: 'T1', priority: 'DO', dueDay: 9, receivedDay: 2 },
      { id: 'T2', priority: 'DO', dueDay: 9, receivedDay: 2 },
      { id: 'T3', priority: 'DO', dueDay: 9, receivedDay: 2 },
      { id: 'E', priority: 'DO', dueDay: 1, receivedDay: 2 },
    ]);
    assert.deepEqual(result.precedence, ['E', 'T1', 'T2', 'T3']);
    assert.deepEqual(result.ties, [['T1', 'T2', 'T3']]);
    assert.match(result.text, /Special Priorities Assistance/);
  });

  test('no orders; mixed priorities are refused', () => {
    assert.deepEqual(resolveEqualPriorityConflicts([]).precedence, []);
    assert.throws(
      () => resolveEqualPriorityConflicts([{ id: 'A', priority: 'DO', dueDay: 1, receivedDay: 0 }, { id: 'B', priority: 'DX', dueDay: 1, receivedDay: 0 }]),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
    );
  });
});
