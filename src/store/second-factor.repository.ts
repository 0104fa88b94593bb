import type { Db } from './executor.js';

// The SQL of the TOTP second factor (migration 0022). The rules (which code is right, when a
// challenge has ended) live in src/services/auth/second-factor.ts.

export function findTotp(db: Db, userId: string) {
  return db.selectFrom('user_totp').select(['secret', 'confirmed_at']).where('user_id', '=', userId).executeTakeFirst();
}

/** Starts (or starts again) an enrolment: a new pending secret, nothing confirmed. */
export async function upsertPendingTotp(db: Db, userId: string, secret: string): Promise<void> {
  await db
    .insertInto('user_totp')
    .values({ user_id: userId, secret, confirmed_at: null, last_step: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, confirmed_at: null, last_step: null }))
    .execute();
}

export async function confirmTotp(db: Db, userId: string, at: Date, step: number): Promise<void> {
  await db.updateTable('user_totp').set({ confirmed_at: at, last_step: step }).where('user_id', '=', userId).execute();
}

/**
 * Takes a time step as used: true when it is later than every step accepted before (the update
 * and its condition are one statement, so two requests with the same code cannot both win).
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .returning('user_id')
    .execute();
  return rows.length === 1;
}

export async function deleteSecondFactor(db: Db, userId: string): Promise<boolean> {
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('second_factor_challenges').where('user_id', '=', userId).execute();
  const removed = await db.deleteFrom('user_totp').where('user_id', '=', userId).returning('user_id').execute();
  return removed.length > 0;
}

export async function replaceRecoveryCodes(db: Db, userId: string, codes: Array<{ lookup: string; hash: string }>): Promise<void> {
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  if (codes.length) await db.insertInto('user_recovery_codes').values(codes.map((c) => ({ user_id: userId, lookup: c.lookup, code_hash: c.hash, used_at: null }))).execute();
}

export function findUnusedRecoveryCode(db: Db, userId: string, lookup: string) {
  return db.selectFrom('user_recovery_codes').select(['code_hash']).where('user_id', '=', userId).where('lookup', '=', lookup).where('used_at', 'is', null).executeTakeFirst();
}

/** Marks a recovery code used; false when another request used it first. */
export async function useRecoveryCode(db: Db, userId: string, lookup: string, at: Date): Promise<boolean> {
  const rows = await db.updateTable('user_recovery_codes').set({ used_at: at }).where('user_id', '=', userId).where('lookup', '=', lookup).where('used_at', 'is', null).returning('lookup').execute();
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('user_recovery_codes').select((eb) => eb.fn.countAll<string | number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(db: Db, values: { tokenHash: string; userId: string; expiresAt: Date; now: Date }): Promise<void> {
  await db.deleteFrom('second_factor_challenges').where('expires_at', '<', values.now).execute();
  await db.insertInto('second_factor_challenges').values({ token_hash: values.tokenHash, user_id: values.userId, expires_at: values.expiresAt, used_at: null }).execute();
}

export function findChallenge(db: Db, tokenHash: string) {
  return db.selectFrom('second_factor_challenges').select(['user_id', 'expires_at', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Ends a challenge (its session opened); false when it was already used. */
export async function useChallenge(db: Db, tokenHash: string, at: Date): Promise<boolean> {
  const rows = await db.updateTable('second_factor_challenges').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).returning('token_hash').execute();
  return rows.length === 1;
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function organisationRequiresSecondFactor(db: Db, organisationId: string): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('second_factor_required').where('id', '=', organisationId).executeTakeFirst();
  return row?.second_factor_required ?? false;
}

/** Sets the requirement on an organisation of the nation; false when there is none such. */
export async function setOrganisationSecondFactorRequired(db: Db, nation: string, organisationId: string, required: boolean): Promise<boolean> {
  const rows = await db.updateTable('organisations').set({ second_factor_required: required }).where('id', '=', organisationId).where('nation', '=', nation).returning('id').execute();
  return rows.length === 1;
}
