import { AppError, validationError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import { deleteSsoLink, findSsoSubject, insertSsoLink } from '../../store/sessions.repository.js';
import { findUserWithOrganisationKind, revokeUserSessions } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { isUuid } from '../../domain/uuid.js';

/** Issuers compare as the provider publishes them; a trailing slash is not a different provider. */
function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/**
 * An admin binds a local account of its nation to an OpenID Connect identity (issuer + subject),
 * audited as user.sso_linked (review finding on issue #16: a sign-in never links an account by
 * username). Chosen over a pending link the admin confirms: the subject is taken from the
 * provider's own directory (Keycloak's user id, Entra's object id), not from a claim the person
 * who signs in might have edited, and nothing waits half-made in the store. Re-linking replaces
 * the account's identity at that issuer and ends its sessions.
 */
export async function linkSsoIdentity(ctx: AppContext, admin: SessionUser, id: string, input: { issuer: string; subject: string }): Promise<{ id: string; issuer: string; subject: string }> {
  const db = ctx.store.db;
  const target = isUuid(id) ? await findUserWithOrganisationKind(db, id) : undefined;
  if (!target || target.nation !== admin.nation) throw new AppError('NOT_FOUND', { detail: `No user ${id} of ${admin.nation}.` });
  const providers = ctx.config.oidcProviders.filter((p) => p.nation === admin.nation && sameIssuer(p.issuer, input.issuer));
  if (providers.length === 0) throw validationError([{ field: 'issuer', message: `no single sign-on provider of ${admin.nation} has this issuer` }]);
  const provider = providers.find((p) => p.organisation === target.org_short_name);
  if (!provider) throw validationError([{ field: 'issuer', message: `this provider signs in users of another organisation than ${target.username}'s` }]);
  // Stored as the provider is configured, which is the ID token's "iss" (the discovery checks it).
  const issuer = provider.issuer;
  const subject = input.subject;
  await db.transaction().execute(async (trx) => {
    const previous = (await findSsoSubject(trx, target.id, issuer)) ?? null;
    if (previous === subject) return;
    if (previous !== null) {
      await deleteSsoLink(trx, target.id, issuer);
      // Whoever signed in with the identity replaced keeps no session.
      await revokeUserSessions(trx, target.id, ctx.now());
    }
    try {
      await insertSsoLink(trx, { issuer, subject, userId: target.id, linkedBy: 'admin' });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT', { detail: 'This sign-in identity is linked to another account.' });
      throw e;
    }
    await appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action: 'user.sso_linked', entityType: 'user', entityId: target.id, data: { issuer, subject, previousSubject: previous } });
  });
  return { id: target.id, issuer, subject };
}
