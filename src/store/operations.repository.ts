import { sql } from 'kysely';
import type { Db } from './executor.js';

/** What the background queues hold, for /metrics: read in one statement (one snapshot, one round trip). */
export interface QueueGauges {
  /** Committed audit events waiting for their chain position. */
  auditQueueDepth: number;
  /** Age of the oldest of them (s): the sequencer's lag; 0 when the queue is empty. */
  auditOldestSeconds: number;
  /** E-mails due now (not sent, attempts left, next attempt reached). */
  mailDue: number;
  /** How long the oldest due e-mail has been due (s): the mail sender's lag; 0 when none. */
  mailOldestDueSeconds: number;
}

export async function readQueueGauges(db: Db, { now, maxMailAttempts }: { now: Date; maxMailAttempts: number }): Promise<QueueGauges> {
  const { rows } = await sql<{ audit_depth: number; audit_oldest: number | null; mail_due: number; mail_oldest: number | null }>`
    select (select count(*)::int from audit_queue) as audit_depth,
           (select extract(epoch from (${now}::timestamptz - min(at)))::float8 from audit_queue) as audit_oldest,
           (select count(*)::int from mail_outbox
             where sent_at is null and attempts < ${maxMailAttempts} and next_attempt_at <= ${now}) as mail_due,
           (select extract(epoch from (${now}::timestamptz - min(next_attempt_at)))::float8 from mail_outbox
             where sent_at is null and attempts < ${maxMailAttempts} and next_attempt_at <= ${now}) as mail_oldest`.execute(db);
  const row = rows[0]!;
  return {
    auditQueueDepth: row.audit_depth,
    auditOldestSeconds: Math.max(0, row.audit_oldest ?? 0),
    mailDue: row.mail_due,
    mailOldestDueSeconds: Math.max(0, row.mail_oldest ?? 0),
  };
}
