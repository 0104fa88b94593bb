import { randomUUID } from 'node:crypto';
import { deliveryFor, effectivePreferences, type NotificationKind, type NotificationPreferences } from '../../domain/channels/notification-preferences.js';
import type { Db, Tx } from '../../store/executor.js';
import { queueMail } from '../../store/mail-outbox.repository.js';
import { insertNotificationOnce, listPreferenceRows, listUsersWithPreferences } from '../../store/notifications.repository.js';
import type { AppContext } from '../context.js';

export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  /** Text shown under the title, and the e-mail's body; only ever content every recipient may see. */
  body: string;
  /** Path in the web UI, e.g. /threads/ID. */
  link: string;
  subjectKind: string;
  subjectId: string;
  /** Identifies the event: one notification per user per event, whatever the retries. */
  eventKey: string;
}

export async function loadPreferences(trx: Db, userIds: readonly string[]): Promise<Map<string, NotificationPreferences>> {
  const out = new Map<string, NotificationPreferences>();
  if (userIds.length === 0) return out;
  const rows = await listPreferenceRows(trx, userIds);
  for (const id of userIds) {
    const row = rows.find((r) => r.user_id === id);
    out.set(id, effectivePreferences(row ? { channels: row.channels, emailDigest: row.email_digest, dailyDigest: row.daily_digest } : null));
  }
  return out;
}

/**
 * Records a notification for each user (who the caller has already checked may see what it
 * says) and, in the same transaction, the e-mail to send — so a crash after the commit loses no
 * mail, and a rollback sends none. Returns the number of in-app notifications written.
 *
 * On a sovereign instance (SOSA_NATION set, issue #13) only this instance's nation's accounts are
 * told, of a local step as of one a peer's message brings: the partner's officials read their
 * records, and are told of them, on their own instance, when the step arrives there as a message
 * (README "Who is told of what a peer sends"). An account of the partner's nation held here (a
 * demo, a database once shared) would otherwise be told twice, once on each desk, and here of a
 * record it no longer works on. The single shared deployment (no SOSA_NATION) tells both nations.
 */
export async function notifyUsers(ctx: AppContext, trx: Tx, userIds: readonly string[], draft: NotificationDraft): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  // The users and their preferences in one statement (issue #14).
  const users = await listUsersWithPreferences(trx, ids);
  const now = ctx.now();
  const own = ctx.config.nation;
  let written = 0;
  for (const user of users) {
    if (!user.active) continue;
    if (own && user.nation !== own) continue;
    const prefs = effectivePreferences(user.preferences_of !== null ? { channels: user.channels!, emailDigest: user.email_digest!, dailyDigest: user.daily_digest! } : null);
    const delivery = deliveryFor(prefs, draft.kind, Boolean(user.email));
    if (!delivery.inApp && !delivery.email) continue;
    const id = randomUUID();
    // The in-app row also anchors the e-mail (read_at set when the user wants no in-app copy).
    const inserted = await insertNotificationOnce(trx, { id, user_id: user.id, kind: draft.kind, title: draft.title, body: draft.body.slice(0, 2000), link: draft.link, subject_kind: draft.subjectKind, subject_id: draft.subjectId, event_key: draft.eventKey, created_at: now, read_at: delivery.inApp ? null : now });
    if (!inserted) continue;
    if (delivery.inApp) written++;
    if (delivery.email && ctx.config.smtpUrl) {
      await queueMail(trx, { notification_id: id, user_id: user.id, to_address: user.email!, subject: `[SOSA Desk] ${draft.title}`, body: mailBody(ctx, draft), created_at: now, next_attempt_at: now });
    }
  }
  return written;
}

function mailBody(ctx: AppContext, draft: NotificationDraft): string {
  const base = ctx.config.publicUrl ? ctx.config.publicUrl.replace(/\/+$/, '') : '';
  const link = `${base}/#${draft.link}`;
  return `${draft.title}\n\n${draft.body}\n\nOpen in SOSA Desk: ${link}\n\nYou receive this e-mail because of your notification preferences in SOSA Desk (Notifications page).\n`;
}
