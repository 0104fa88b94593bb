import { AMOUNT_MAX_MINOR } from '../bounds.js';

/**
 * Money as integer minor units (cents, paise): never a float. Amounts travel through the API as
 * decimal strings ("1250000.50") and are stored as bigint minor units.
 */

/** ISO 4217 minor-unit exponents that are not 2. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/** The largest amount the ledger takes, in minor units: exact as a JavaScript number and as bigint. */
export const MAX_MINOR = AMOUNT_MAX_MINOR; // 10^15

export type ParsedAmount = { ok: true; minor: number } | { ok: false; message: string };

/** "1250.5" in USD → 125050; refuses more decimals than the currency has, signs, exponents, zero. */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const exp = currencyExponent(currency);
  const m = /^(\d{1,16})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return { ok: false, message: 'must be a positive decimal amount such as 1250.00' };
  const fraction = m[2] ?? '';
  if (fraction.length > exp) return { ok: false, message: exp === 0 ? `${currency} has no minor unit: give a whole amount` : `${currency} has ${exp} decimals at most` };
  const minor = BigInt(m[1]!) * 10n ** BigInt(exp) + BigInt(fraction.padEnd(exp, '0') || '0');
  if (minor <= 0n) return { ok: false, message: 'must be more than zero' };
  if (minor > BigInt(MAX_MINOR)) return { ok: false, message: 'is larger than the ledger accepts' };
  return { ok: true, minor: Number(minor) };
}

/** 125050 in USD → "1250.50". */
export function formatMinor(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const fraction = exp === 0 ? '' : `.${digits.slice(-exp)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
