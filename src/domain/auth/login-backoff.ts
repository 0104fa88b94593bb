/**
 * Login throttling policy (issue #10.3). Failures are counted per key — a (username, client
 * address) pair, and a client address — and each failure past a few free ones doubles the wait
 * before the next attempt with that key, up to a ceiling. Nothing is keyed by the username alone,
 * so nobody can lock a user out from another address; NIST SP 800-63B §3.2.2 (rate limiting)
 * asks for exactly this: slow a guesser down without denying the account to its owner.
 */
export interface BackoffRule {
  /** Failures allowed with no wait (honest typos). */
  freeFailures: number;
  /** The wait after the first failure past the free ones, in seconds; it doubles with each further one. */
  baseSeconds: number;
  maxSeconds: number;
}

export const LOGIN_BACKOFF = {
  /** One person at one place: a few typos, then 2 s, 4 s, 8 s … 15 min. */
  pair: { freeFailures: 4, baseSeconds: 2, maxSeconds: 900 },
  /** One address (an office behind a NAT makes more honest mistakes than one person). */
  address: { freeFailures: 29, baseSeconds: 1, maxSeconds: 900 },
  /** A count whose last failure is older than this starts again. */
  forgetAfterHours: 24,
  /**
   * A user who logged in at an address within this many days is "known" there: it is not held
   * back by the address's count (someone spraying invented names from the same NAT), only by its
   * own pair's.
   */
  knownForDays: 30,
} as const satisfies { pair: BackoffRule; address: BackoffRule; forgetAfterHours: number; knownForDays: number };

/** Seconds to wait after `failures` failures under `rule` (0 while they are free). */
export function backoffSeconds(rule: BackoffRule, failures: number): number {
  if (failures <= rule.freeFailures) return 0;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** (failures - rule.freeFailures - 1));
}
