import { sql } from 'kysely';
import { effectivePreferences, NOTIFICATION_KINDS, type ChannelChoice, type NotificationKind, type NotificationPreferences } from '../../domain/channels/notification-preferences.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';
import { MAX_MAIL_ATTEMPTS } from './mail-sender.js';

/** The caller's own notifications, newest first, with the unread count. */
export async function listNotifications(ctx: AppContext, actor: Actor, query: { unread?: boolean | undefined; limit: number; offset: number }) {
  const db = ctx.store.db;
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', actor.userId);
  if (query.unread) q = q.where('read_at', 'is', null);
  const [rows, unread] = await Promise.all([q.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(), unreadCount(ctx, actor)]);
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })),
    unread,
  };
}

export async function unreadCount(ctx: AppContext, actor: Actor): Promise<number> {
  const row = await ctx.store.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', actor.userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the caller's own notifications read: the ones named, or all. Others' ids are ignored. */
export async function markRead(ctx: AppContext, actor: Actor, input: { ids?: string[] | undefined; all?: boolean | undefined }): Promise<number> {
  let q = ctx.store.db.updateTable('notifications').set({ read_at: ctx.now() }).where('user_id', '=', actor.userId).where('read_at', 'is', null);
  if (!input.all) {
    if (!input.ids?.length) return 0;
    q = q.where('id', 'in', input.ids);
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface PreferencesView extends NotificationPreferences {
  email: string | null;
  /** Whether the server can send e-mail at all (SMTP configured). */
  emailAvailable: boolean;
  kinds: readonly NotificationKind[];
}

export async function getPreferences(ctx: AppContext, actor: Actor): Promise<PreferencesView> {
  const db = ctx.store.db;
  const [row, user] = await Promise.all([
    db.selectFrom('notification_preferences').selectAll().where('user_id', '=', actor.userId).executeTakeFirst(),
    db.selectFrom('users').select('email').where('id', '=', actor.userId).executeTakeFirstOrThrow(),
  ]);
  const prefs = effectivePreferences(row ? { channels: row.channels, emailDigest: row.email_digest, dailyDigest: row.daily_digest } : null);
  return { ...prefs, email: user.email, emailAvailable: Boolean(ctx.config.smtpUrl), kinds: NOTIFICATION_KINDS };
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
    const row = await trx.selectFrom('notification_preferences').selectAll().where('user_id', '=', actor.userId).forUpdate().executeTakeFirst();
    const current = effectivePreferences(row ? { channels: row.channels, emailDigest: row.email_digest, dailyDigest: row.daily_digest } : null);
    for (const kind of NOTIFICATION_KINDS) current.channels[kind] = { ...current.channels[kind], ...input.channels?.[kind] };
    if (input.emailDigest) current.emailDigest = input.emailDigest;
    if (input.dailyDigest !== undefined) current.dailyDigest = input.dailyDigest;
    const values = { user_id: actor.userId, channels: JSON.stringify(current.channels), email_digest: current.emailDigest, daily_digest: current.dailyDigest, updated_at: ctx.now() };
    await trx
      .insertInto('notification_preferences')
      .values(values)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ channels: values.channels, email_digest: values.email_digest, daily_digest: values.daily_digest, updated_at: values.updated_at }))
      .execute();
    if (input.email !== undefined) await trx.updateTable('users').set({ email: input.email }).where('id', '=', actor.userId).execute();
    // E-mail turned off: mail still waiting for this user is not sent.
    if (current.emailDigest === 'off') await trx.updateTable('mail_outbox').set({ sent_at: null, attempts: sql`greatest(attempts, ${MAX_MAIL_ATTEMPTS})`, last_error: 'e-mail turned off by the user' }).where('user_id', '=', actor.userId).where('sent_at', 'is', null).execute();
    await auditAs(trx, actor, { action: 'notifications.preferences', entityType: 'user', entityId: actor.userId, data: { emailDigest: current.emailDigest, dailyDigest: current.dailyDigest, emailChanged: input.email !== undefined } });
  });
  return getPreferences(ctx, actor);
}
