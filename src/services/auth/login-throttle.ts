import { isIP } from 'node:net';
import { backoffSeconds, LOGIN_BACKOFF, type BackoffRule } from '../../domain/auth/login-backoff.js';
import { claimAttempt, purgeStale, recordSuccess, refundAttempt } from '../../store/login-throttle.repository.js';
import type { Db } from '../../store/executor.js';

/**
 * Login throttling in the database (issue #10.3): every server process on one PostgreSQL sees the
 * same counts, and a restart forgets none. Keys are a (username, address) pair and an address;
 * see domain/auth/login-backoff.ts for the policy.
 */

export type Admission =
  | { admitted: true; pairKey: string; addressKey: string | null }
  | { admitted: false; retryAfter: number; scope: 'user_at_address' | 'address' };

const HOUR = 3_600_000;

/** An IPv6 client usually holds a whole /64: its addresses count as one. */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail !== undefined ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function waitSeconds(rule: BackoffRule, failures: number, lastFailureAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((lastFailureAt.getTime() + backoffSeconds(rule, failures) * 1000 - now.getTime()) / 1000));
}

let lastPurge = 0;

/** Counts this attempt against its keys, or refuses it while one of them waits out its delay. */
export async function admitLogin(db: Db, input: { username: string; address: string }, now: Date): Promise<Admission> {
  const where = addressKey(input.address);
  const pairKey = `pair:${input.username}|${where}`;
  const forgetBefore = new Date(now.getTime() - LOGIN_BACKOFF.forgetAfterHours * HOUR);
  if (now.getTime() - lastPurge > HOUR / 6) {
    lastPurge = now.getTime();
    await purgeStale(db, forgetBefore, new Date(now.getTime() - LOGIN_BACKOFF.knownForDays * 24 * HOUR));
  }
  const pair = await claimAttempt(db, pairKey, LOGIN_BACKOFF.pair, now, forgetBefore);
  if (!pair.admitted) return { admitted: false, retryAfter: waitSeconds(LOGIN_BACKOFF.pair, pair.failures, pair.lastFailureAt, now), scope: 'user_at_address' };
  const known = pair.lastSuccessAt !== null && now.getTime() - pair.lastSuccessAt.getTime() < LOGIN_BACKOFF.knownForDays * 24 * HOUR;
  if (known) return { admitted: true, pairKey, addressKey: null };
  const addrKey = `addr:${where}`;
  const address = await claimAttempt(db, addrKey, LOGIN_BACKOFF.address, now, forgetBefore);
  if (!address.admitted) {
    await refundAttempt(db, pairKey);
    return { admitted: false, retryAfter: waitSeconds(LOGIN_BACKOFF.address, address.failures, address.lastFailureAt, now), scope: 'address' };
  }
  return { admitted: true, pairKey, addressKey: addrKey };
}

/** The attempt was right: the pair starts again (and is known here), the address gets its count back. */
export async function loginSucceeded(db: Db, admission: Extract<Admission, { admitted: true }>, now: Date): Promise<void> {
  await recordSuccess(db, admission.pairKey, now);
  if (admission.addressKey) await refundAttempt(db, admission.addressKey);
}
