import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of the e-mail outbox: mail is queued in the transaction of what it tells, claimed by a
// sender with a lease, then marked sent or rescheduled. The policy (attempts, backoff, lease
// length) is in src/services/notifications/mail-sender.ts.

export async function queueMail(db: Db, values: Omit<Insertable<Database['mail_outbox']>, 'id'> & { id?: string }): Promise<void> {
  await db.insertInto('mail_outbox').values({ id: randomUUID(), ...values }).execute();
}

/** Several mails in one statement. */
export async function queueMails(db: Db, values: ReadonlyArray<Omit<Insertable<Database['mail_outbox']>, 'id'>>): Promise<void> {
  if (values.length === 0) return;
  await db.insertInto('mail_outbox').values(values.map((v) => ({ id: randomUUID(), ...v }))).execute();
}

/**
 * Claims up to `batch` mails due at `now` (not sent, under `maxAttempts`, no running lease) until
 * `claimedUntil`; rows another sender holds locked are skipped. Run it in a transaction.
 */
export async function claimDueMail(db: Db, { now, maxAttempts, batch, claimedUntil }: { now: Date; maxAttempts: number; batch: number; claimedUntil: Date }) {
  const due = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('attempts', '<', maxAttempts)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(batch)
    .forUpdate()
    .skipLocked()
    .execute();
  if (due.length === 0) return [];
  return db
    .updateTable('mail_outbox')
    .set({ claimed_until: claimedUntil })
    .where('id', 'in', due.map((d) => d.id))
    .returning(['id', 'to_address', 'subject', 'body', 'attempts'])
    .execute();
}

export async function markMailSent(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: at, claimed_until: null, attempts: sql`attempts + 1` }).where('id', '=', id).execute();
}

export async function rescheduleMail(db: Db, id: string, set: { attempts: number; nextAttemptAt: Date; lastError: string }): Promise<void> {
  await db.updateTable('mail_outbox').set({ attempts: set.attempts, claimed_until: null, next_attempt_at: set.nextAttemptAt, last_error: set.lastError }).where('id', '=', id).execute();
}

/** The user's mail still waiting is not sent: its attempts are spent (at least `maxAttempts`), with the reason. */
export async function giveUpUserMail(db: Db, userId: string, maxAttempts: number, reason: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: null, attempts: sql`greatest(attempts, ${maxAttempts})`, last_error: reason }).where('user_id', '=', userId).where('sent_at', 'is', null).execute();
}

/** Mail of withdrawn notifications: what waits is dropped; what was sent stays, detached from the notification. */
export async function dropMailOfNotifications(db: Db, notificationIds: readonly string[]): Promise<void> {
  if (notificationIds.length === 0) return;
  await db.deleteFrom('mail_outbox').where('notification_id', 'in', notificationIds).where('sent_at', 'is', null).execute();
  await db.updateTable('mail_outbox').set({ notification_id: null }).where('notification_id', 'in', notificationIds).execute();
}
