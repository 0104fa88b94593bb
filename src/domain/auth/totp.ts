import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time passwords (RFC 6238) for the second factor of local accounts (issue #16),
 * through the `otpauth` library: HMAC-SHA1, 6 digits, 30-second steps, as every authenticator
 * app reads an otpauth:// URI. Pure: the caller passes the time and the random secret.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed as it turned over. */
export const TOTP_WINDOW = 1;

export interface TotpParameters {
  /** The shared secret, base32 (RFC 4648) as in the otpauth:// URI. */
  secret: string;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
}

function totp(p: TotpParameters, label = 'sosa', issuer = 'SOSA Desk'): TOTP {
  return new TOTP({ issuer, label, algorithm: p.algorithm ?? 'SHA1', digits: p.digits ?? TOTP_DIGITS, period: p.period ?? TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(p.secret) });
}

/** A new 160-bit secret in base32 (RFC 4226 §4 recommends 160 bits), from the given random bytes. */
export function secretFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 20) throw new Error('A TOTP secret needs at least 20 random bytes');
  return new Secret({ buffer: Uint8Array.from(bytes).buffer }).base32;
}

/** The otpauth:// URI an authenticator app scans (issuer "SOSA Desk", label the username). */
export function provisioningUri(secret: string, username: string, issuer = 'SOSA Desk'): string {
  return totp({ secret }, username, issuer).toString();
}

/** The code for a moment (for tests and the RFC 6238 vectors). */
export function codeAt(p: TotpParameters, at: Date): string {
  return totp(p).generate({ timestamp: at.getTime() });
}

/**
 * The time step (counter) a code belongs to when it is right at `at` within the window, else
 * null. The caller accepts a step only once (no replay: RFC 6238 §5.2).
 */
export function verifiedStep(p: TotpParameters, code: string, at: Date): number | null {
  const digits = p.digits ?? TOTP_DIGITS;
  const token = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return null;
  const t = totp(p);
  const delta = t.validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : t.counter({ timestamp: at.getTime() }) + delta;
}
