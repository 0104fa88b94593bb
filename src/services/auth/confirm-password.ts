import type { Actor } from '../../domain/access/actor.js';
import { AppError, validationError } from '../../domain/errors.js';
import { auditAs } from '../../store/audit.repository.js';
import { findUserById } from '../../store/second-factor.repository.js';
import type { AppContext } from '../context.js';
import { admitLogin, loginSucceeded } from './login-throttle.js';
import { verifyPassword } from './passwords.js';

/**
 * A signed-in user proves the password again before removing a second factor: a session left
 * open, or stolen, must not be enough to take the factor off. Counted in the login throttle, so
 * the form is no way around it; a wrong password is audited and answers 422 (a 401 would end the
 * session in the web UI).
 */
export async function confirmPassword(ctx: AppContext, user: Actor, input: { password: string; clientAddress: string; purpose: string }): Promise<void> {
  const db = ctx.store.db;
  const now = ctx.now();
  const admission = await admitLogin(db, { username: user.username, address: input.clientAddress }, now);
  if (!admission.admitted) {
    await db.transaction().execute((trx) => auditAs(trx, user, { action: 'session.login_throttled', entityType: 'user', entityId: user.userId, data: { clientAddress: input.clientAddress, scope: admission.scope, purpose: input.purpose } }));
    throw new AppError('RATE_LIMITED', { detail: `Too many wrong passwords. Try again in ${admission.retryAfter} seconds.`, extra: { retryAfter: admission.retryAfter } });
  }
  const row = await findUserById(db, user.userId);
  if (!row || !(await verifyPassword(row.password_hash, input.password))) {
    await db.transaction().execute((trx) => auditAs(trx, user, { action: 'second_factor.removal_refused', entityType: 'user', entityId: user.userId, data: { clientAddress: input.clientAddress, purpose: input.purpose } }));
    throw validationError([{ field: 'password', message: 'Wrong password.' }], 'The password is not right.');
  }
  await loginSucceeded(db, admission, now);
}
