import { randomUUID } from 'node:crypto';
import { deliveryFor, effectivePreferences, type NotificationKind } from '../../domain/channels/notification-preferences.js';
import type { Tx } from '../../store/executor.js';
import { queueMails } from '../../store/mail-outbox.repository.js';
import { insertNotificationsOnce, listUsersWithPreferences } from '../../store/notifications.repository.js';
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

/** A notification decided on and not yet written: the recipient, how they are told, what. */
export interface PreparedNotice {
  id: string;
  userId: string;
  inApp: boolean;
  /** The address to mail, when the user wants mail of this kind and SMTP is configured. */
  email: string | null;
  draft: NotificationDraft;
}

/**
 * Who of `userIds` is told `draft`, and how (their preferences), for each of `entries`, read in one
 * statement (issue #14): nothing is written yet (writeNotices). A caller may prepare its notices
 * before the statement that takes a lock held to the commit, and write them after it, so the lock
 * is not held through the reads (create-request.ts).
 *
 * On a sovereign instance (SOSA_NATION set, issue #13) only this instance's nation's accounts are
 * told, of a local step as of one a peer's message brings: the partner's officials read their
 * records, and are told of them, on their own instance, when the step arrives there as a message
 * (README "Who is told of what a peer sends"). An account of the partner's nation held here (a
 * demo, a database once shared) would otherwise be told twice, once on each desk, and here of a
 * record it no longer works on. The single shared deployment (no SOSA_NATION) tells both nations.
 */
export async function prepareNotices(ctx: AppContext, trx: Tx, entries: ReadonlyArray<{ userIds: readonly string[]; draft: NotificationDraft }>): Promise<PreparedNotice[]> {
  const ids = [...new Set(entries.flatMap((e) => e.userIds))];
  if (ids.length === 0) return [];
  const users = new Map((await listUsersWithPreferences(trx, ids)).map((u) => [u.id, u]));
  const own = ctx.config.nation;
  const out: PreparedNotice[] = [];
  for (const { userIds, draft } of entries) {
    for (const userId of new Set(userIds)) {
      const user = users.get(userId);
      if (!user?.active || (own && user.nation !== own)) continue;
      const prefs = effectivePreferences(user.preferences_of !== null ? { channels: user.channels!, emailDigest: user.email_digest!, dailyDigest: user.daily_digest! } : null);
      const delivery = deliveryFor(prefs, draft.kind, Boolean(user.email));
      if (!delivery.inApp && !delivery.email) continue;
      out.push({ id: randomUUID(), userId, inApp: delivery.inApp, email: delivery.email && ctx.config.smtpUrl ? user.email : null, draft });
    }
  }
  return out;
}

/**
 * Records the prepared notifications and, in the same transaction, the e-mails to send — so a
 * crash after the commit loses no mail, and a rollback sends none: one INSERT of the in-app rows
 * (one a user per event, whatever the retries) and one of the mails when there are any. `fill`
 * completes texts prepared before a value they name existed (a new request's reference). Returns
 * the number of in-app notifications written.
 */
export async function writeNotices(ctx: AppContext, trx: Tx, notices: readonly PreparedNotice[], fill: (text: string) => string = (text) => text): Promise<number> {
  if (notices.length === 0) return 0;
  const now = ctx.now();
  const drafts = new Map<NotificationDraft, NotificationDraft>();
  const filled = (draft: NotificationDraft) => {
    let d = drafts.get(draft);
    if (!d) drafts.set(draft, (d = { ...draft, title: fill(draft.title), body: fill(draft.body), eventKey: fill(draft.eventKey) }));
    return d;
  };
  const once = new Map<string, PreparedNotice & { draft: NotificationDraft }>();
  for (const n of notices) {
    const draft = filled(n.draft);
    const key = `${n.userId}\u0000${draft.eventKey}`;
    if (!once.has(key)) once.set(key, { ...n, draft });
  }
  const rows = [...once.values()];
  // The in-app row also anchors the e-mail (read_at set when the user wants no in-app copy).
  const inserted = new Set(
    await insertNotificationsOnce(
      trx,
      rows.map((n) => ({ id: n.id, user_id: n.userId, kind: n.draft.kind, title: n.draft.title, body: n.draft.body.slice(0, 2000), link: n.draft.link, subject_kind: n.draft.subjectKind, subject_id: n.draft.subjectId, event_key: n.draft.eventKey, created_at: now, read_at: n.inApp ? null : now })),
    ),
  );
  const mails = rows.filter((n) => n.email && inserted.has(n.id));
  if (mails.length) await queueMails(trx, mails.map((n) => ({ notification_id: n.id, user_id: n.userId, to_address: n.email!, subject: `[SOSA Desk] ${n.draft.title}`, body: mailBody(ctx, n.draft), created_at: now, next_attempt_at: now })));
  return rows.filter((n) => n.inApp && inserted.has(n.id)).length;
}

/** Tells each of `userIds` (whom the caller has already checked may see what it says) `draft`: prepareNotices, then writeNotices. */
export async function notifyUsers(ctx: AppContext, trx: Tx, userIds: readonly string[], draft: NotificationDraft): Promise<number> {
  return writeNotices(ctx, trx, await prepareNotices(ctx, trx, [{ userIds, draft }]));
}

function mailBody(ctx: AppContext, draft: NotificationDraft): string {
  const base = ctx.config.publicUrl ? ctx.config.publicUrl.replace(/\/+$/, '') : '';
  const link = `${base}/#${draft.link}`;
  return `${draft.title}\n\n${draft.body}\n\nOpen in SOSA Desk: ${link}\n\nYou receive this e-mail because of your notification preferences in SOSA Desk (Notifications page).\n`;
}
