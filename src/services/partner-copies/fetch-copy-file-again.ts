import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { auditAs } from '../../store/audit.repository.js';
import { findPartnerCopy, lockPartnerAttachment, requeueFileFetch } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';
import { requestFileFetch } from '../federation/catch-up-requests.js';
import { listCopyAttachments, type PartnerAttachmentView } from './partner-copy-attachments.js';
import { holdsCopiesFor, whyNotFetchAgain } from './partner-copy-access.js';
import { notFound } from './read-partner-copy.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * Issue #13: a shared file the holder did not serve (its 404 made it `unavailable`, e.g. before
 * the holder's officials restored it) or whose content this instance refused (not the stated
 * SHA-256) is fetched again at an official's asking: queued as a new fetch, due now, with the
 * delivery backoff from its first attempt, and audited as the official's act. The file fetcher is
 * woken by the commit (file-fetcher.ts). 409 for a file transferred, being fetched, or too large.
 */
export async function fetchCopyFileAgain(ctx: AppContext, { actor, requestId, attachmentId }: { actor: Actor; requestId: string; attachmentId: string }): Promise<PartnerAttachmentView> {
  if (!holdsCopiesFor(ctx, actor)) throw notFound(requestId);
  const copy = isUuid(requestId) ? await findPartnerCopy(ctx.store.db, requestId) : undefined;
  if (!copy) throw notFound(requestId);
  const missing = () => new AppError('NOT_FOUND', { detail: `No attachment ${attachmentId} on the copy of request ${requestId}.` });
  if (!isUuid(attachmentId)) throw missing();
  await ctx.store.db.transaction().execute(async (trx) => {
    const file = await lockPartnerAttachment(trx, copy.peerNation, copy.requestId, attachmentId);
    if (!file) throw missing();
    const why = whyNotFetchAgain({ transferred: Boolean(file.transferred), fetch_state: file.fetch_state, size: file.size }, ctx.config.maxAttachmentBytes);
    if (why) throw new AppError('CONFLICT', { detail: `${file.filename} is not fetched again: ${why}.`, extra: { state: file.transferred ? 'transferred' : file.fetch_state === 'pending' ? 'fetching' : file.fetch_state } });
    await requeueFileFetch(trx, file.id, ctx.now());
    await auditAs(trx, actor, {
      parties: [ctx.config.nation ?? actor.nation, copy.peerNation],
      action: 'partner_copy.attachment_fetch_requested',
      entityType: 'request',
      entityId: copy.requestId,
      data: { peer: copy.peerNation, attachment: file.id, filename: file.filename, sha256: file.sha256, was: file.fetch_state, detail: file.fetch_error },
    });
    requestFileFetch(ctx);
  });
  const listed = await listCopyAttachments(ctx, copy.peerNation, copy.requestId, actor);
  return listed.find((a) => a.id === attachmentId)!;
}
