import type { FieldError } from './errors.js';

// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses an unpaired surrogate: such a
// string would fail in the database (a 500 for a user's body; for a peer's message, a batch that
// fails each time it is sent). Checked on every JSON body (http/validation.ts) and every peer's
// message body (services/federation/inbox-steps.ts). "__proto__" is never a field, and a
// schema with a catch-all (transition fields) would drop it silently instead of naming it.
const UNSTORABLE = /\u0000|\p{Cs}/u;

/** Strings the store cannot hold and "__proto__" keys, anywhere in a parsed body (iterative: any depth). */
export function unstorableFields(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    const at = (key: string) => (path ? `${path}/${key}` : key);
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) errors.push({ field: path || '(body)', message: 'contains a NUL character or an unpaired surrogate' });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, at(String(i))]));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (key === '__proto__' || UNSTORABLE.test(key)) errors.push({ field: at(key), message: 'is not a known field' });
        else stack.push([item, at(key)]);
      }
    }
  }
  return errors;
}
