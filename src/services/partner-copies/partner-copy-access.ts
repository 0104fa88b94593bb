import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { AppContext } from '../context.js';
import { CORRESPONDENTS } from '../requests/add-comment.js';

/**
 * Who reads the copies of requests this instance holds from its peers (issue #13). A copy is the
 * request as the peer lets this nation's officials read it (border/request.ts `peerReader`), so
 * it is read by the officials of the instance's own nation who read requests — every role but a
 * company's (DESIGN.md: auditors read everything of their nation; analysts and admins read
 * requests). A company never reads it: the copy is the peer's record, kept as evidence for the
 * nation, and whether a line of it concerns a company here is not something the peer's
 * organisation ids can tell (they are the peer instance's, not this one's).
 */
export const PARTNER_COPY_READERS: readonly Role[] = ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'];

/**
 * Who asks the holder again for a shared file it did not serve (fetch-copy-file-again.ts): the
 * officials who act on requests (take steps, write in threads); an analyst, auditor or admin reads
 * the copy and its files but changes nothing of it.
 */
export const PARTNER_FILE_REQUESTERS: readonly Role[] = ['sosa_officer', 'program_determination', 'rating_authority'];

/**
 * A user of another nation (a shared seed on a sovereign instance, or a liaison account) reads
 * none of the copies: they are this nation's evidence of what the peer sent it. On a shared
 * deployment (SOSA_NATION unset) there is no peer, hence no copy, for anyone.
 */
export function holdsCopiesFor(ctx: AppContext, actor: Actor): boolean {
  const own = ctx.config.nation;
  return own === undefined || actor.nation === own;
}

export function assertHoldsCopiesFor(ctx: AppContext, actor: Actor): void {
  if (!holdsCopiesFor(ctx, actor)) {
    throw new AppError('FORBIDDEN', { detail: `This instance is ${ctx.config.nation}'s: the copies it holds of its partners' requests are read by ${ctx.config.nation}'s officials.` });
  }
}

/**
 * Who adds a comment or a file on a copy (issue #13): those of its readers who write on a request
 * on a shared deployment (add-comment.ts CORRESPONDENTS: they work the request; auditors, analysts
 * and admins read). A company reads no copy, so writes on none.
 */
export const PARTNER_COPY_CORRESPONDENTS: readonly Role[] = PARTNER_COPY_READERS.filter((r) => CORRESPONDENTS.includes(r));

/**
 * Why a file of a copy may not be asked for again now, or null when it may: one transferred is
 * held; one pending is being fetched already; one larger than this instance takes from its own
 * officials (MAX_ATTACHMENT_BYTES) would be refused again, whatever the holder serves.
 */
export function whyNotFetchAgain(file: { transferred: boolean; fetch_state: string; size: number }, maxAttachmentBytes: number): string | null {
  if (file.transferred) return 'it is transferred: its content is held here';
  if (file.fetch_state === 'pending') return 'it is being fetched already';
  if (file.size > maxAttachmentBytes) return `it is larger than this instance takes (${maxAttachmentBytes} bytes, MAX_ATTACHMENT_BYTES)`;
  return null;
}

export function mayFetchAgain(ctx: AppContext, actor: Actor): boolean {
  return holdsCopiesFor(ctx, actor) && actor.roles.some((r) => PARTNER_FILE_REQUESTERS.includes(r));
}
