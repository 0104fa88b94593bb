import { effectivePreferences, NOTIFICATION_KINDS, type ChannelChoice, type NotificationKind, type NotificationPreferences } from '../../domain/channels/notification-preferences.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { giveUpUserMail } from '../../store/mail-outbox.repository.js';
import { countUnread, findPreferenceRow, listUserNotifications, markNotificationsRead, upsertPreferences } from '../../store/notifications.repository.js';
import { findUserEmail, setUserEmail } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { MAX_MAIL_ATTEMPTS } from './mail-sender.js';

/** The caller's own notifications, newest first, with the unread count. */
export async function listNotifications(ctx: AppContext, actor: Actor, query: { unread?: boolean | undefined; limit: number; offset: number }) {
  const [rows, unread] = await Promise.all([listUserNotifications(ctx.store.db, actor.userId, query), unreadCount(ctx, actor)]);
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })),
    unread,
  };
}

export async function unreadCount(ctx: AppContext, actor: Actor): Promise<number> {
  return countUnread(ctx.store.db, actor.userId);
}

/** Marks the caller's own notifications read: the ones named, or all. Others' ids are ignored. */
export async function markRead(ctx: AppContext, actor: Actor, input: { ids?: string[] | undefined; all?: boolean | undefined }): Promise<number> {
  if (!input.all && !input.ids?.length) return 0;
  return markNotificationsRead(ctx.store.db, actor.userId, ctx.now(), input.all ? undefined : input.ids);
}

export interface PreferencesView extends NotificationPreferences {
  email: string | null;
  /** Whether the server can send e-mail at all (SMTP configured). */
  emailAvailable: boolean;
  kinds: readonly NotificationKind[];
}

export async function getPreferences(ctx: AppContext, actor: Actor): Promise<PreferencesView> {
  const db = ctx.store.db;
  const [row, email] = await Promise.all([findPreferenceRow(db, actor.userId), findUserEmail(db, actor.userId)]);
  const prefs = effectivePreferences(row ? { channels: row.channels, emailDigest: row.email_digest, dailyDigest: row.daily_digest } : null);
  return { ...prefs, email, emailAvailable: Boolean(ctx.config.smtpUrl), kinds: NOTIFICATION_KINDS };
}

export interface PreferencesInput {
  channels?: Partial<Record<NotificationKind, Partial<ChannelChoice>>> | undefined;
  emailDigest?: 'off' | 'immediate' | undefined;
  /** A daily e-mail of what is due in the next working days. */
  dailyDigest?: boolean | undefined;
  /** The caller's e-mail address; null removes it. */
  email?: string | null | undefined;
}

export async function updatePreferences(ctx: AppContext, actor: Actor, input: PreferencesInput): Promise<PreferencesView> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const row = await findPreferenceRow(trx, actor.userId, { forUpdate: true });
    const current = effectivePreferences(row ? { channels: row.channels, emailDigest: row.email_digest, dailyDigest: row.daily_digest } : null);
    for (const kind of NOTIFICATION_KINDS) current.channels[kind] = { ...current.channels[kind], ...input.channels?.[kind] };
    if (input.emailDigest) current.emailDigest = input.emailDigest;
    if (input.dailyDigest !== undefined) current.dailyDigest = input.dailyDigest;
    const values = { user_id: actor.userId, channels: JSON.stringify(current.channels), email_digest: current.emailDigest, daily_digest: current.dailyDigest, updated_at: ctx.now() };
    await upsertPreferences(trx, values);
    if (input.email !== undefined) await setUserEmail(trx, actor.userId, input.email);
    // E-mail turned off: mail still waiting for this user is not sent.
    if (current.emailDigest === 'off') await giveUpUserMail(trx, actor.userId, MAX_MAIL_ATTEMPTS, 'e-mail turned off by the user');
    await auditAs(trx, actor, { action: 'notifications.preferences', entityType: 'user', entityId: actor.userId, data: { emailDigest: current.emailDigest, dailyDigest: current.dailyDigest, emailChanged: input.email !== undefined } });
  });
  return getPreferences(ctx, actor);
}
