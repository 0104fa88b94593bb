import type { FieldError } from '../errors.js';

/**
 * Code of Conduct subscription status (dpas-sosa-sources.md §2.1: participation is voluntary).
 * A firm subscribes (active); its subscription may lapse (e.g. not renewed) and be renewed
 * (active again), or the firm withdraws — voluntarily, so it may also subscribe again later.
 * Every change is a history row; only an active subscriber may be routed requests.
 */
export const SUBSCRIPTION_STATUSES = ['active', 'lapsed', 'withdrawn'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

const ALLOWED: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  active: ['lapsed', 'withdrawn'],
  lapsed: ['active', 'withdrawn'],
  withdrawn: ['active'],
};

export function allowedStatusChanges(from: SubscriptionStatus): readonly SubscriptionStatus[] {
  return ALLOWED[from];
}

export interface StatusChange {
  from: SubscriptionStatus;
  to: SubscriptionStatus;
  effectiveOn: string;
  /** The date of the current status: a change cannot take effect before it. */
  currentSince: string;
  reason: string;
  today: string;
}

/** Field errors of a status change; empty when it may be recorded. */
export function statusChangeProblems(c: StatusChange): FieldError[] {
  const errors: FieldError[] = [];
  if (c.from === c.to) errors.push({ field: 'status', message: `is already ${c.from}` });
  else if (!ALLOWED[c.from].includes(c.to)) errors.push({ field: 'status', message: `cannot change from ${c.from} to ${c.to}` });
  if (c.effectiveOn < c.currentSince) errors.push({ field: 'effectiveOn', message: `must not be before the current status began (${c.currentSince})` });
  if (c.effectiveOn > c.today) errors.push({ field: 'effectiveOn', message: `must not be in the future (today is ${c.today})` });
  if (c.to !== 'active' && c.reason.trim() === '') errors.push({ field: 'reason', message: `is required when a subscription becomes ${c.to}` });
  return errors;
}

export function mayBeRouted(status: SubscriptionStatus): boolean {
  return status === 'active';
}
