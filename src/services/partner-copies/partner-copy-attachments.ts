import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { auditAs } from '../../store/audit.repository.js';
import { findContributedFile, findPartnerAttachment, findPartnerCopy, listPartnerAttachments } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';
import { holdsCopiesFor, mayFetchAgain, whyNotFetchAgain } from './partner-copy-access.js';
import { notFound } from './read-partner-copy.js';
import { isUuid } from '../../domain/uuid.js';

/** A shared file the holder sent about a request (issue #13, apply-request-attachment.ts), as the copy lists it. */
export interface PartnerAttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploader: { displayName: string; nation: string; organisation: string | null };
  createdAt: string;
  /** False: larger than a signed message carries; listed, its content not held here (yet). */
  transferred: boolean;
  /**
   * What became of its content (issue #13, fetch-partner-files.ts): `transferred`, held here (in
   * its message, or fetched from the holder since); `fetching`, to be fetched from the holder by its
   * hash (retried while the holder is unreachable); `refused`, this instance refused what it was sent
   * (not the stated size or SHA-256, or larger than it takes); `unavailable`, the holder does not
   * serve it to this instance.
   */
  state: CopyFileState;
  /** Why it is still being fetched (the last attempt's failure), refused or unavailable; null otherwise. */
  stateDetail: string | null;
  /** Whether the reader may ask for it again now (fetch-copy-file-again.ts): unavailable or refused, and the reader one who acts on requests. */
  fetchAgain: boolean;
}

export type CopyFileState = 'transferred' | 'fetching' | 'refused' | 'unavailable';

function fileState(r: { transferred: boolean; fetch_state: string }): CopyFileState {
  if (r.transferred) return 'transferred';
  if (r.fetch_state === 'refused') return 'refused';
  if (r.fetch_state === 'unavailable') return 'unavailable';
  return 'fetching';
}

export async function listCopyAttachments(ctx: AppContext, peerNation: string, requestId: string, actor: Actor): Promise<PartnerAttachmentView[]> {
  const rows = await listPartnerAttachments(ctx.store.db, peerNation, requestId);
  const asks = mayFetchAgain(ctx, actor);
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploader: { displayName: r.uploader_name, nation: r.uploader_nation, organisation: r.uploader_organisation },
    createdAt: new Date(r.created_at).toISOString(),
    transferred: Boolean(r.transferred),
    state: fileState({ transferred: Boolean(r.transferred), fetch_state: r.fetch_state }),
    stateDetail: r.transferred ? null : r.fetch_error,
    fetchAgain: asks && whyNotFetchAgain({ transferred: Boolean(r.transferred), fetch_state: r.fetch_state, size: r.size }, ctx.config.maxAttachmentBytes) === null,
  }));
}

/**
 * Downloads a file of a copy (issue #13): read by those who read the copy (partner-copy-access.ts),
 * audited like the copy's read. A file the peer listed without its content (larger than a message
 * carries) answers 409 with `transferred: false` and its `state` until its content is fetched
 * (fetch-partner-files.ts), never a 500 nor an empty file.
 */
export async function readCopyAttachment(ctx: AppContext, actor: Actor, requestId: string, attachmentId: string) {
  if (!holdsCopiesFor(ctx, actor)) throw notFound(requestId);
  const copy = isUuid(requestId) ? await findPartnerCopy(ctx.store.db, requestId) : undefined;
  if (!copy) throw notFound(requestId);
  const found = isUuid(attachmentId) ? await findPartnerAttachment(ctx.store.db, copy.peerNation, copy.requestId, attachmentId) : undefined;
  // A file this nation's official attached on the copy (add-to-partner-copy.ts) is held here, whatever the holder did with it.
  const own = !found && isUuid(attachmentId) ? await findContributedFile(ctx.store.db, copy.peerNation, copy.requestId, attachmentId) : undefined;
  if (own?.content && own.filename && own.content_type && own.sha256) {
    await ctx.store.db.transaction().execute((trx) =>
      auditAs(trx, actor, { parties: [ctx.config.nation ?? actor.nation, copy.peerNation], action: 'partner_copy.attachment_read', entityType: 'request', entityId: copy.requestId, data: { peer: copy.peerNation, attachment: own.id, sha256: own.sha256, sentFromHere: true } }),
    );
    return { filename: own.filename, contentType: own.content_type, sha256: own.sha256, content: own.content };
  }
  if (!found) throw new AppError('NOT_FOUND', { detail: `No attachment ${attachmentId} on the copy of request ${requestId}.` });
  if (found.content === null) {
    const state = fileState({ transferred: false, fetch_state: found.fetch_state });
    const why = found.fetch_error ? ` (${found.fetch_error})` : '';
    const detail =
      state === 'fetching'
        ? `${found.filename} (${found.size} bytes) was listed by ${copy.peerNation} but not transferred yet: it is larger than a signed message carries and is being fetched from ${copy.peerNation}${found.fetch_error ? `; the last attempt failed${why}` : ''}. Try again later.`
        : state === 'refused'
          ? `${found.filename} (${found.size} bytes) was listed by ${copy.peerNation} but not transferred: this instance refused its content${why}. Ask ${copy.peerNation}'s officials for it, and check it against SHA-256 ${found.sha256}.`
          : `${found.filename} (${found.size} bytes) was listed by ${copy.peerNation} but not transferred: ${copy.peerNation} does not serve it to this instance${why}. Ask ${copy.peerNation}'s officials for it, and check it against SHA-256 ${found.sha256}.`;
    throw new AppError('CONFLICT', { detail, extra: { transferred: false, state, sha256: found.sha256, size: found.size } });
  }
  await ctx.store.db.transaction().execute((trx) =>
    auditAs(trx, actor, { parties: [ctx.config.nation ?? actor.nation, copy.peerNation], action: 'partner_copy.attachment_read', entityType: 'request', entityId: copy.requestId, data: { peer: copy.peerNation, attachment: found.id, sha256: found.sha256 } }),
  );
  return { filename: found.filename, contentType: found.content_type, sha256: found.sha256, content: found.content };
}
