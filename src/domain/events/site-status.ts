// Per-site status of a disruption event (issue #15, "Ask the suppliers"): what the nation knows
// of each struck site, in the war-room words commercial tools use (Resilinc's Potential →
// Confirmed / No impact → Restored), with Recovering between. Pure: the transitions and the
// status a company's survey answer sets.
import { AppError } from '../errors.js';

export const SITE_STATUSES = ['potential', 'confirmed', 'noImpact', 'recovering', 'restored'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const SITE_STATUS_WORDS: Readonly<Record<SiteStatus, string>> = {
  potential: 'Potential',
  confirmed: 'Confirmed',
  noImpact: 'No impact',
  recovering: 'Recovering',
  restored: 'Restored',
};

/**
 * Where a site may go from each status. Potential: the event's area covers it, nobody has said
 * more. Confirmed and No impact correct each other (a first report is often wrong both ways); a
 * confirmed site recovers, a recovering one may fall back (a relapse is Confirmed again) or be
 * restored. Restored ends the site's story in this event: new damage is a new event.
 */
export const SITE_TRANSITIONS: Readonly<Record<SiteStatus, readonly SiteStatus[]>> = {
  potential: ['confirmed', 'noImpact'],
  confirmed: ['noImpact', 'recovering', 'restored'],
  noImpact: ['confirmed'],
  recovering: ['confirmed', 'restored'],
  restored: [],
};

/** The statuses a site may move to now. */
export function nextSiteStatuses(current: SiteStatus): readonly SiteStatus[] {
  return SITE_TRANSITIONS[current];
}

/** Throws ACTION_NOT_ALLOWED_IN_STATE (409) naming `status` when the move is not one of SITE_TRANSITIONS. */
export function assertSiteTransition(current: SiteStatus, next: SiteStatus): void {
  if (SITE_TRANSITIONS[current].includes(next)) return;
  const allowed = SITE_TRANSITIONS[current].map((s) => SITE_STATUS_WORDS[s]);
  const message =
    current === next
      ? `the site is already ${SITE_STATUS_WORDS[current]}`
      : `a site that is ${SITE_STATUS_WORDS[current]} cannot become ${SITE_STATUS_WORDS[next]}${allowed.length > 0 ? ` (it may become ${allowed.join(' or ')})` : ' (Restored is final for this event)'}`;
  throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Not allowed: ${message}.`, errors: [{ field: 'status', message }] });
}

/**
 * The status a company's answer sets for one of its sites: affected → Confirmed, not affected →
 * No impact — when the site may move there; a site already recovering or restored keeps its
 * status (the nation's later knowledge wins over a first answer), and so does one already there.
 * Null: no change.
 */
export function statusFromAnswer(current: SiteStatus, affected: boolean): 'confirmed' | 'noImpact' | null {
  if (current === 'recovering' || current === 'restored') return null;
  const target = affected ? 'confirmed' : 'noImpact';
  return SITE_TRANSITIONS[current].includes(target) ? target : null;
}
