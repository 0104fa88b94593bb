import { createHash, randomUUID } from 'node:crypto';
import { authoredOrigin, mayRead } from '../../domain/access/border/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { requestEventParties } from '../../domain/audit/audit-border.js';
import { auditAs } from '../../store/audit.repository.js';
import { findAttachmentWithUploader, insertAttachment } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { checkVisibility, requireCorrespondent, type Visibility } from './add-comment.js';
import { loadRequestForActor } from './load-request.js';
import { shareRequestAttachment } from '../federation/share-request-attachment.js';
import { isUuid } from '../../domain/uuid.js';

/** Document types a request may carry; the content must look like its declared type. */
const ALLOWED: Record<string, { extensions: string[]; magic?: number[] }> = {
  'application/pdf': { extensions: ['.pdf'], magic: [0x25, 0x50, 0x44, 0x46] },
  'image/png': { extensions: ['.png'], magic: [0x89, 0x50, 0x4e, 0x47] },
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], magic: [0xff, 0xd8, 0xff] },
  'text/plain': { extensions: ['.txt'] },
  'text/csv': { extensions: ['.csv'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['.docx'], magic: [0x50, 0x4b, 0x03, 0x04] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['.xlsx'], magic: [0x50, 0x4b, 0x03, 0x04] },
};

export const ALLOWED_ATTACHMENT_TYPES = Object.keys(ALLOWED);

/** An upload's name and type as they are kept: no path separators or control characters in the name, the type without its parameters. */
export function cleanUpload(filename: string, contentType: string): { filename: string; contentType: string } {
  return { filename: filename.replace(/[/\\\u0000-\u001f]/g, '_').slice(0, 200) || 'attachment', contentType: mediaType(contentType) };
}

function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export function checkAttachment(filename: string, contentType: string, content: Uint8Array, maxBytes: number): void {
  const rule = checkListedAttachment(filename, contentType, content.byteLength, maxBytes);
  const type = mediaType(contentType);
  if (rule.magic && !rule.magic.every((b, i) => content[i] === b)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: `The file's content is not ${type}.`, errors: [{ field: 'file', message: 'content does not match its type' }] });
  if (!rule.magic && content.includes(0)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: 'A text file must not contain binary data.', errors: [{ field: 'file', message: 'binary content in a text file' }] });
}

/**
 * The rules of an attachment that do not need its content (type, size, name): what a holder checks
 * of a file a copy lists without it (apply-copy-contribution.ts), before it fetches the content.
 */
export function checkListedAttachment(filename: string, contentType: string, size: number, maxBytes: number): { extensions: string[]; magic?: number[] } {
  const type = mediaType(contentType);
  const rule = ALLOWED[type];
  if (!rule) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: `Attachments may be ${Object.values(ALLOWED).flatMap((r) => r.extensions).join(', ')}; not ${type || 'an unknown type'}.`, errors: [{ field: 'file', message: 'unsupported type' }] });
  if (size === 0) throw new AppError('VALIDATION_FAILED', { detail: 'The file is empty.', errors: [{ field: 'file', message: 'is empty' }] });
  if (size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { detail: `Attachments are limited to ${maxBytes} bytes.`, errors: [{ field: 'file', message: `larger than ${maxBytes} bytes` }] });
  const lower = filename.toLowerCase();
  if (!rule.extensions.some((e) => lower.endsWith(e))) throw new AppError('VALIDATION_FAILED', { detail: `A ${type} file should be named ${rule.extensions.join(' or ')}.`, errors: [{ field: 'file', message: 'file name does not match its type' }] });
  return rule;
}

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  input: { filename: string; contentType: string; content: Uint8Array; visibility: Visibility },
): Promise<{ id: string; sha256: string; size: number }> {
  checkVisibility(actor, input.visibility);
  requireCorrespondent(actor);
  const { filename, contentType } = cleanUpload(input.filename, input.contentType);
  checkAttachment(filename, contentType, input.content, ctx.config.maxAttachmentBytes);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (trx) => {
    const { row, facts } = await loadRequestForActor(trx, requestId, actor);
    await insertAttachment(trx, { id, request_id: row.id, uploaded_by: actor.userId, nation: actor.nation, visibility: input.visibility, filename, content_type: contentType, size: input.content.byteLength, sha256, content: input.content, created_at: ctx.now() });
    await auditAs(trx, actor, { parties: requestEventParties(actor, { fromNation: row.from_nation, toNation: row.to_nation }, input.visibility), action: 'request.attach', entityType: 'request', entityId: row.id, data: { attachment: id, filename, sha256, size: input.content.byteLength, visibility: input.visibility } });
    // Sovereign instances (issue #13): a shared file crosses to the peer with it; an internal one never does.
    if (input.visibility === 'shared') {
      await shareRequestAttachment(ctx, trx, { id: row.id, fromNation: row.from_nation, toNation: row.to_nation, arrangementId: row.arrangement_id, workflowId: row.workflow_id, version: row.version }, facts, id);
    }
  });
  return { id, sha256, size: input.content.byteLength };
}

/** Downloads a file the border lets through to the actor (else 404, like a file that does not exist). */
export async function readAttachment(ctx: AppContext, actor: Actor, requestId: string, attachmentId: string) {
  const { row, basis, facts } = await loadRequestForActor(ctx.store.db, requestId, actor);
  const found = isUuid(attachmentId) ? await findAttachmentWithUploader(ctx.store.db, row.id, attachmentId) : undefined;
  if (!found || !mayRead(actor, facts, authoredOrigin({ nation: found.nation, organisationId: found.organisation_id, isCompany: found.organisation_kind === 'company' }, found.visibility))) {
    throw new AppError('NOT_FOUND', { detail: `No attachment ${attachmentId} that you may see.` });
  }
  if (basis.kind === 'arrangement') {
    // A download by the other nation is a read of the request: explained by the arrangement and
    // recorded, as getRequestView does for the request itself (DESIGN.md, sovereignty rule).
    await ctx.store.db.transaction().execute((trx) =>
      auditAs(trx, actor, { parties: [row.from_nation, row.to_nation], action: 'request.attachment_read', entityType: 'request', entityId: row.id, data: { basis: 'arrangement', arrangement: basis.arrangementId, attachment: found.id } }),
    );
  }
  return found;
}
