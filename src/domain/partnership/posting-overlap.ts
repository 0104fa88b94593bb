/**
 * Liaison officer postings (MoA on the Assignment of Liaison Officers, dpas-sosa-sources.md
 * §3.1): an officer holds one posting at a time. The MoA text is not public, so this is a
 * product rule, not a rule of the MoA. Dates are ISO 'YYYY-MM-DD'; an open end runs on.
 */

export interface PostingPeriod {
  id: string;
  startDate: string;
  endDate: string | null;
}

/** Two postings overlap when each starts on or before the other ends (both days inclusive). */
export function periodsOverlap(a: Pick<PostingPeriod, 'startDate' | 'endDate'>, b: Pick<PostingPeriod, 'startDate' | 'endDate'>): boolean {
  return (a.endDate === null || b.startDate <= a.endDate) && (b.endDate === null || a.startDate <= b.endDate);
}

/** The officer's other postings that overlap the candidate period (the posting itself excluded). */
export function findOverlaps<P extends PostingPeriod>(candidate: PostingPeriod, existing: readonly P[]): P[] {
  return existing.filter((p) => p.id !== candidate.id && periodsOverlap(candidate, p));
}

export type PostingStatus = 'planned' | 'active' | 'ended';

/** The status the dates imply on a given day. */
export function postingStatusOn(period: Pick<PostingPeriod, 'startDate' | 'endDate'>, today: string): PostingStatus {
  if (today < period.startDate) return 'planned';
  if (period.endDate !== null && today > period.endDate) return 'ended';
  return 'active';
}

/** Whole days from today to the end date (0 = ends today); null for an open end. */
export function daysUntil(date: string | null, today: string): number | null {
  if (date === null) return null;
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
