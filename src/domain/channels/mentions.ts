/**
 * `@username` mentions in a message. Usernames are lower-case letters, digits, dot, dash or
 * underscore (the user administration's rule), 3 to 50 characters. A mention starts at the
 * beginning of the text or after a character that cannot be part of a word or an e-mail address,
 * so "dana@mod.example" is not a mention; a sentence's final dot is not part of the name.
 */
const MENTION = /(^|[^\w.@-])@([a-z0-9][a-z0-9._-]{1,60})/gi;

export function parseMentions(body: string): string[] {
  const found: string[] = [];
  for (const m of body.matchAll(MENTION)) {
    const name = m[2]!.toLowerCase().replace(/[._-]+$/, '');
    if (name.length >= 3 && name.length <= 50 && !found.includes(name)) found.push(name);
  }
  return found;
}
