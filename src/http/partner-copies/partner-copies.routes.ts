import type { OpenAPIHono } from '@hono/zod-openapi';
import { listPartnerCopies } from '../../services/partner-copies/list-partner-copies.js';
import { PARTNER_COPY_CORRESPONDENTS, PARTNER_COPY_READERS, PARTNER_FILE_REQUESTERS } from '../../services/partner-copies/partner-copy-access.js';
import { attachToPartnerCopy, commentOnPartnerCopy } from '../../services/partner-copies/add-to-partner-copy.js';
import { AppError } from '../../domain/errors.js';
import { INLINE_ATTACHMENT_BYTES } from '../../domain/federation/bodies.js';
import { uploadedFile } from '../uploaded-file.js';
import { readPartnerCopy } from '../../services/partner-copies/read-partner-copy.js';
import { readCopyAttachment } from '../../services/partner-copies/partner-copy-attachments.js';
import { fetchCopyFileAgain } from '../../services/partner-copies/fetch-copy-file-again.js';
import { takePartnerCopyStep } from '../../services/partner-copies/take-partner-copy-step.js';
import { commentSchema, transitionSchema } from '../requests/requests.schema.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody, queryParams } from '../validation.js';
import { presentContributionSent, presentCopyAttachment, presentPartnerCopy, presentPartnerCopyList } from './partner-copies.presenter.js';
import { copyAttachmentSchema, fetchAgainSchema, partnerCopyContributionSentSchema, partnerCopyDetailSchema, partnerCopyListQuerySchema, partnerCopyListSchema, partnerCopyStepSentSchema } from './partner-copies.schema.js';
import { fileDownload, jsonResponse } from '../responses.js';

const tags = ['federation'];

/** Sovereign instances (issue #13): the requests this instance holds as its peers shared them. */
export function partnerCopyRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, tags);
  route({
    method: 'get', path: '/partner-copies', access: [...PARTNER_COPY_READERS],
    summary: "The copies of requests this instance holds from its peer instances, the latest received first (the instance's own nation's officials)",
    query: partnerCopyListQuerySchema, ok: [200, '{ items, total, instance }', partnerCopyListSchema],
  }, async (c, user) => {
    const { limit, offset, ...filter } = queryParams(c, partnerCopyListQuerySchema);
    return c.json(presentPartnerCopyList(await listPartnerCopies(c.get('ctx'), { actor: user, filter, limit, offset })));
  });
  route({
    method: 'get', path: '/partner-copies/{id}', access: [...PARTNER_COPY_READERS],
    summary: 'One copy as the peer shared it (items, shared history and comments) with its message trail and the receipts this instance signed',
    params: pathParams({ id: "The request's id" }), ok: [200, 'The copy', partnerCopyDetailSchema],
  }, async (c, user) => c.json(presentPartnerCopy(await readPartnerCopy(c.get('ctx'), { actor: user, id: c.req.param('id')! }))));
  route({
    method: 'get', path: '/partner-copies/{id}/attachments/{attachmentId}', access: [...PARTNER_COPY_READERS],
    summary: "Download a shared file the holder sent about the request; 409 (transferred: false) for one listed without its content",
    params: pathParams({ id: "The request's id", attachmentId: 'The attachment' }),
    responses: { 200: { description: 'The file, in the media type it was attached with; its SHA-256 (checked on arrival) in X-Checksum-Sha256', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } },
  }, async (c, user) => {
    const a = await readCopyAttachment(c.get('ctx'), user, c.req.param('id')!, c.req.param('attachmentId')!);
    return fileDownload(a);
  });
  route({
    method: 'post', path: '/partner-copies/{id}/attachments/{attachmentId}/fetch', access: [...PARTNER_FILE_REQUESTERS],
    summary: 'Ask the holder again for a shared file it did not serve (unavailable) or whose content this instance refused: the fetch is queued again (audited); 409 when it is transferred, being fetched or larger than this instance takes',
    params: pathParams({ id: "The request's id", attachmentId: 'The attachment' }), optionalBody: fetchAgainSchema, ok: [202, 'Queued: the file as the copy now lists it (being fetched)', copyAttachmentSchema],
  }, async (c, user) => {
    // No body is needed; one that is sent must be a JSON object with nothing in it.
    if ((await c.req.raw.clone().text()) !== '') await jsonBody(c, fetchAgainSchema);
    const id = c.req.param('id')!;
    const file = await fetchCopyFileAgain(c.get('ctx'), { actor: user, requestId: id, attachmentId: c.req.param('attachmentId')! });
    return c.json(presentCopyAttachment(id, file), 202);
  });
  route({
    method: 'post', path: '/partner-copies/{id}/steps', access: [...PARTNER_COPY_READERS],
    summary: "Take a step of the requesting nation's on a copy: {\"action\", ...fields} as POST /requests/{id}/transitions takes them; sent to the instance holding the request, which applies it",
    params: pathParams({ id: "The request's id" }), body: transitionSchema, ok: [202, 'Sent to the holding instance; the copy shows the step as sent until its answer replaces the copy', partnerCopyStepSentSchema],
  }, async (c, user) => {
    const id = c.req.param('id')!;
    const { action, ...fields } = await jsonBody(c, transitionSchema);
    const sent = await takePartnerCopyStep(c.get('ctx'), user, id, { action, fields });
    return c.json({ ...sent, partnerCopy: `/api/v1/partner-copies/${id}` }, 202);
  });
  route({
    method: 'post', path: '/partner-copies/{id}/comments', access: [...PARTNER_COPY_CORRESPONDENTS],
    summary: "Comment on a copy, as on the request on a shared deployment: a shared comment is sent to the instance holding the request, which keeps it as the caller's (202); an internal one stays on this instance (201)",
    params: pathParams({ id: "The request's id" }), body: commentSchema,
    responses: {
      201: jsonResponse('An internal comment, kept on this instance only', partnerCopyContributionSentSchema),
      202: jsonResponse('Sent to the holding instance; the copy shows it as pending until the holder answers, then applied or refused', partnerCopyContributionSentSchema),
    },
  }, async (c, user) => {
    const id = c.req.param('id')!;
    const sent = await commentOnPartnerCopy(c.get('ctx'), user, id, await jsonBody(c, commentSchema));
    return c.json(presentContributionSent(id, sent), sent.state === 'sent' ? 202 : 201);
  });
  route({
    method: 'post', path: '/partner-copies/{id}/attachments', access: [...PARTNER_COPY_CORRESPONDENTS],
    summary: `Attach a shared file on a copy (multipart: file): sent to the instance holding the request, which keeps it as the caller's; with its content up to ${INLINE_ATTACHMENT_BYTES} bytes, above that listed by name, size and SHA-256 and fetched by the holder from this instance (GET /federation/files/{sha256}, signed by the holder); at most MAX_ATTACHMENT_BYTES (413 above)`,
    params: pathParams({ id: "The request's id" }),
    ok: [202, 'Sent to the holding instance; the copy shows it as pending until the holder answers (for a file it fetches, once it has fetched and checked it), then applied or refused', partnerCopyContributionSentSchema],
  }, async (c, user) => {
    const id = c.req.param('id')!;
    const { filename, contentType, content, visibility } = await uploadedFile(c);
    if (visibility !== 'shared') throw new AppError('VALIDATION_FAILED', { detail: 'A file attached on a partner copy is shared with the holder: internal files are kept on requests this instance holds.', errors: [{ field: 'visibility', message: 'must be shared on a partner copy' }] });
    return c.json(presentContributionSent(id, await attachToPartnerCopy(c.get('ctx'), user, id, { filename, contentType, content })), 202);
  });
}
