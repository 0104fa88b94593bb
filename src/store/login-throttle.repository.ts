import { sql, type Kysely } from 'kysely';
import type { BackoffRule } from '../domain/auth/login-backoff.js';
import type { Database } from './schema.js';

export type Claim = { admitted: true; failures: number; lastSuccessAt: Date | null } | { admitted: false; failures: number; lastFailureAt: Date };

/**
 * Counts an attempt under `key` before the password is checked — unless the key is waiting out
 * its delay, in which case nothing is counted. One statement, so two server processes racing on
 * one key cannot both slip through: an attempt is a failure until it proves otherwise
 * (`refund`/`succeed`), so parallel guesses do not all pass a check made before any is counted.
 */
export async function claimAttempt(db: Kysely<Database>, key: string, rule: BackoffRule, now: Date, forgetBefore: Date): Promise<Claim> {
  const claimed = await sql<{ failures: number; last_success_at: Date | null }>`
    insert into login_throttle as t (key, failures, last_failure_at) values (${key}, 1, ${now}::timestamptz)
    on conflict (key) do update set
      failures = case when t.last_failure_at is null or t.last_failure_at < ${forgetBefore}::timestamptz then 1 else t.failures + 1 end,
      last_failure_at = ${now}::timestamptz
    where t.failures <= ${rule.freeFailures}::int
       or t.last_failure_at is null
       or t.last_failure_at < ${forgetBefore}::timestamptz
       or t.last_failure_at + make_interval(secs => least(${rule.maxSeconds}::float8, ${rule.baseSeconds}::float8 * power(2::float8, t.failures - ${rule.freeFailures}::int - 1))) <= ${now}::timestamptz
    returning failures, last_success_at`.execute(db);
  const row = claimed.rows[0];
  if (row) return { admitted: true, failures: Number(row.failures), lastSuccessAt: row.last_success_at ? new Date(row.last_success_at) : null };
  const held = await db.selectFrom('login_throttle').select(['failures', 'last_failure_at']).where('key', '=', key).executeTakeFirstOrThrow();
  return { admitted: false, failures: held.failures, lastFailureAt: held.last_failure_at! };
}

/** An attempt counted by `claimAttempt` turned out right: it was no failure. */
export async function refundAttempt(db: Kysely<Database>, key: string): Promise<void> {
  await db.updateTable('login_throttle').set((eb) => ({ failures: sql<number>`greatest(${eb.ref('failures')} - 1, 0)` })).where('key', '=', key).execute();
}

/** The right password at this key: its count starts again, and the pair is known from now. */
export async function recordSuccess(db: Kysely<Database>, key: string, now: Date): Promise<void> {
  await db.updateTable('login_throttle').set({ failures: 0, last_success_at: now }).where('key', '=', key).execute();
}

/** Counts nobody needs any more: no failure for a day, no success for the known period. */
export async function purgeStale(db: Kysely<Database>, failureBefore: Date, successBefore: Date): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', failureBefore)
    .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', successBefore)]))
    .execute();
}
