export * from './types.js';
export { scheduleOrderColumns, scheduleOrders, unitsPerDay, validateScheduleInput } from './schedule-orders.js';
export { checkAcceptance, type AcceptanceDecision, type AcceptanceOptions, type ProtectedOrder, type ScheduleImpact } from './check-acceptance.js';
export { resolveEqualPriorityConflicts, type EqualPriorityPrecedence, type PrecedenceBasis, type PrecedenceStep } from './resolve-equal-priority-conflicts.js';
export { dateOfDayIndex, dayIndexOf, nonWorkingDayIndices } from './calendar-day-indices.js';
