import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords per NIST SP 800-63B §3.1.1.2 (issue #10.10): a minimum length, no composition rules,
 * and a refusal of passwords that are commonly used, expected or compromised — those in a list of
 * breached passwords, repetitive or sequential characters, and context-specific words (the
 * username, the name of the service).
 *
 * The list is the 49,233 most common passwords of public breach corpora that zxcvbn-ts ships in
 * @zxcvbn-ts/language-common (MIT, maintained, ~2 M downloads a month, no network at run time):
 * a list made for exactly this check, kept by the project that maintains the best-known password
 * estimator, rather than a list of our own.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

// Runs along the alphabet, the digits and the rows of a QWERTY keyboard, either way.
const RUNS = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function adjacentInRun(a: string, b: string): boolean {
  return RUNS.some((run) => {
    const i = run.indexOf(a);
    return i >= 0 && (run[i + 1] === b || run[i - 1] === b);
  });
}

const SERVICE_NAMES = ['sosadesk', 'sosa-desk', 'sosa desk'];

/** Why `password` may not be used by `username`, or null when it may. Never echoes the password. */
export function passwordProblem(password: string, context: { username?: string | undefined } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3) {
    const bare = username.replace(/[^a-z0-9]/g, '');
    if (lower.includes(username) || (bare.length >= 4 && lower.replace(/[^a-z0-9]/g, '').includes(bare))) return 'must not contain the username';
  }
  if (SERVICE_NAMES.some((name) => lower.includes(name))) return 'must not contain the name of this service';
  const chars = [...lower];
  if (new Set(chars).size <= 3 || /^(.{1,6})\1+.{0,2}$/.test(lower)) return 'is too repetitive (a few characters repeated)';
  const list = commonPasswords();
  if (list.has(lower)) return 'is one of the most common passwords found in breaches';
  // A common password with digits or symbols around it ("password1234", "!iloveyou2025").
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core.length >= 4 && core !== lower && list.has(core)) return 'is a common password with digits or symbols added';
  let stepping = 0;
  for (let i = 1; i < chars.length; i++) if (adjacentInRun(chars[i - 1]!, chars[i]!)) stepping++;
  if (stepping >= (chars.length - 1) * 0.75) return 'is a sequence of neighbouring characters (like abcd, 1234 or qwerty)';
  return null;
}
