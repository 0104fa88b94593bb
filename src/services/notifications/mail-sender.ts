import nodemailer, { type Transporter } from 'nodemailer';
import { claimDueMail, markMailSent, rescheduleMail } from '../../store/mail-outbox.repository.js';
import type { AppContext } from '../context.js';
import { startBackgroundLoop } from '../background-loop.js';

/** Attempts before a mail is given up (its last error stays in the outbox). */
export const MAX_MAIL_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;
/** A claimed mail is free again after this long (a sender that died mid-send). */
const CLAIM_MS = 120_000;

/** Delay before attempt n+1 after n failures: 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
}

export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

let disabledLogged = false;

/** The SMTP transport of the configuration, or null when no SMTP server is configured (logged once). */
export function createMailTransport(ctx: AppContext): Transporter | null {
  if (!ctx.config.smtpUrl) {
    if (!disabledLogged) ctx.logger.info('e-mail notifications are disabled: SOSA_SMTP_URL is not set');
    disabledLogged = true;
    return null;
  }
  return nodemailer.createTransport(ctx.config.smtpUrl);
}

/**
 * Sends the mail that is due. Each batch is claimed in a short transaction (skip locked, with a
 * lease), sent outside any transaction, then marked sent — or rescheduled with backoff. Two
 * senders never send one mail twice while the lease runs; a crash between send and mark can
 * resend one mail (at least once, never lost).
 */
export async function deliverDueMail(ctx: AppContext, transport: MailTransport, batch = 20): Promise<{ sent: number; failed: number }> {
  const now = ctx.now();
  const claimed = await ctx.store.db.transaction().execute((trx) => claimDueMail(trx, { now, maxAttempts: MAX_MAIL_ATTEMPTS, batch, claimedUntil: new Date(now.getTime() + CLAIM_MS) }));
  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    let delivered = false;
    try {
      await transport.sendMail({ from: ctx.config.mailFrom, to: mail.to_address, subject: mail.subject, text: mail.body });
      delivered = true;
      await markMailSent(ctx.store.db, mail.id, ctx.now());
      sent++;
    } catch (error) {
      // Delivered, but the database went away before it was marked: not the mail's fault, so no
      // attempt is counted. The claim lapses and the mail goes out again after the outage (at
      // least once). (A refused connection before that is the mail server's: counted below.)
      if (delivered) throw error;
      const failures = mail.attempts + 1;
      await rescheduleMail(ctx.store.db, mail.id, { attempts: failures, nextAttemptAt: new Date(ctx.now().getTime() + backoffMs(failures)), lastError: String((error as Error).message ?? error).slice(0, 500) });
      failed++;
      ctx.logger.warn({ mail: mail.id, attempts: failures }, 'e-mail delivery failed; will retry');
    }
  }
  return { sent, failed };
}

/** Runs the sender on an interval; returns a stop function. No SMTP configured → nothing runs. */
export function startMailSender(ctx: AppContext, transport: MailTransport | null = createMailTransport(ctx)): () => Promise<void> {
  if (!transport) return async () => {};
  const loop = startBackgroundLoop(ctx, {
    name: 'mail sender',
    intervalMs: ctx.config.mailIntervalSeconds * 1000,
    round: async () => {
      const { sent, failed } = await deliverDueMail(ctx, transport);
      if (sent || failed) ctx.logger.info({ sent, failed }, 'notification e-mail');
    },
  });
  return loop.stop;
}
