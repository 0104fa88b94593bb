import { MESSAGE_KINDS } from '../../domain/federation/bodies.js';

/** How much of a comment the trail quotes: enough to tell two comments of one author apart. */
const COMMENT_EXCERPT_CHARS = 60;

/**
 * What a message of a copy's trail is about, in a few words, read from its signed body (issue #13):
 * a shared file by its name, a shared comment by its author and its first words, so two files or
 * two comments do not look alike. Only what the message carried to this nation, which its copy
 * already shows (the file's name, the comment); null for the kinds the trail names well enough.
 */
export function trailSubject(kind: string, body: unknown): string | null {
  const b = (body ?? {}) as { attachment?: { filename?: unknown }; comment?: { body?: unknown; author?: { displayName?: unknown; nation?: unknown } } };
  if (kind === MESSAGE_KINDS.requestAttachment) return typeof b.attachment?.filename === 'string' ? b.attachment.filename : null;
  if (kind === MESSAGE_KINDS.requestComment && typeof b.comment?.body === 'string') {
    const text = b.comment.body.replace(/\s+/g, ' ').trim();
    const excerpt = text.length > COMMENT_EXCERPT_CHARS ? `${text.slice(0, COMMENT_EXCERPT_CHARS - 1).trimEnd()}…` : text;
    const author = b.comment.author;
    const by = typeof author?.displayName === 'string' ? `${author.displayName}${typeof author.nation === 'string' ? ` (${author.nation})` : ''}: ` : '';
    return `${by}“${excerpt}”`;
  }
  return null;
}
