import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { countPasskeys } from '../../store/passkeys.repository.js';
import { findTotp, organisationRequiresSecondFactor } from '../../store/second-factor.repository.js';
import type { AppContext } from '../context.js';

/**
 * An organisation that requires a second factor keeps its users from removing their last one
 * themselves (an admin's reset still can: a lost phone). `removing`: what goes; null → nothing
 * active goes (a pending enrolment), always allowed.
 */
export async function refuseRemovingLastRequired(ctx: AppContext, user: Actor, removing: 'totp' | 'one_passkey' | null): Promise<void> {
  if (removing === null || !(await organisationRequiresSecondFactor(ctx.store.db, user.organisationId))) return;
  const totp = Boolean((await findTotp(ctx.store.db, user.userId))?.confirmed_at);
  const passkeys = await countPasskeys(ctx.store.db, user.userId);
  const left = (removing === 'totp' ? 0 : Number(totp)) + (removing === 'one_passkey' ? passkeys - 1 : passkeys);
  if (left < 1) throw new AppError('CONFLICT', { detail: 'Your organisation requires a second factor: add another one before you remove this one.' });
}
